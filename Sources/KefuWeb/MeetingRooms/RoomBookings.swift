import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit
import Vapor

/// Booking a meeting room (会议室预订申请表, MR-16) and its approval by `meeting_rooms.approver` (MR-17/23, C17).
///
/// No two holding bookings (pending or approved) of one room may overlap, even when two people submit at the
/// same moment. A plain "look for overlaps, then insert" races on PostgreSQL: both transactions see no overlap
/// and both insert. So each booking first bumps the room's `booking_seq` in its own transaction; PostgreSQL
/// holds that row lock until commit, so a second booking of the same room waits at its UPDATE, and its overlap
/// query (a new snapshot under READ COMMITTED) then sees the first booking → 409. Other rooms are not held up.
/// On SQLite writers are already one at a time (one write lock, and the write gate), so the same code is safe.
struct RoomBookings {
    let db: any Database
    let services: AppServices

    static let subjectType = "room_booking"
    static let ruleKey = "meeting_rooms.approver"

    struct Input: Sendable {
        var roomID: UUID?, title = "", startsAt: Date?, endsAt: Date?, attendees: Int?
        var attendeeIDs: [UUID] = [], equipment: [String]? = nil, weeks = 1, externalParty: String? = nil, meetingID: UUID? = nil
    }

    /// Books one slot or a weekly series (all or nothing: any occurrence taken → 409 listing every taken date).
    func book(_ input: Input, by staff: StaffUser) async throws -> [RoomBookingRecord] {
        let rules = services.rulebook.meetingRooms, calendar = services.rulebook.calendar
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        var fields: [String: String] = [:]
        if input.roomID == nil { fields["room_id"] = "error.field.required" }
        if title.isEmpty { fields["title"] = "error.field.required" } else if title.count > 200 { fields["title"] = "error.field.too_long" }
        if input.startsAt == nil { fields["starts_at"] = "error.field.required" }
        if input.endsAt == nil { fields["ends_at"] = "error.field.required" }
        if input.attendees == nil { fields["attendees"] = "error.field.required" }
        if !(1...rules.maxOccurrences).contains(input.weeks) { fields["repeat_weeks"] = "error.room.out_of_range" }
        if input.attendeeIDs.count > 200 { fields["attendee_ids"] = "error.field.too_long" }
        let party = input.externalParty?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        if (party?.count ?? 0) > 200 { fields["external_party"] = "error.field.too_long" }
        guard fields.isEmpty, let roomID = input.roomID, let startsAt = input.startsAt, let endsAt = input.endsAt, let attendees = input.attendees else {
            throw DomainError.validation(fields: fields)
        }
        // MR-06: renting to an outside party is arranged by the administrative office, not by any booker.
        if party != nil, !RoomAccess.canManage(staff, services) { throw DomainError.forbidden(reason: "error.room.manager_only") }
        let room = try await Rooms(db: db, services: services).find(roomID)
        guard room.active else { throw DomainError.validation(fields: ["room_id": "error.field.unknown"]) }
        if startsAt < services.now() { throw DomainError.validation(fields: ["starts_at": "error.room.in_past"]) }
        try RoomBookingRules.check(startsAt: startsAt, endsAt: endsAt, attendees: attendees, capacity: room.capacity, rules: rules, calendar: calendar)
        // MR-09: the equipment asked for must be in the room.
        let equipment = try RoomJSON.cleanEquipment(input.equipment)
        let fitted = Set(RoomJSON.strings(room.equipment))
        if equipment.contains(where: { !fitted.contains($0) }) { throw DomainError.validation(fields: ["equipment": "error.room.no_equipment"]) }
        let invited = Array(Set(input.attendeeIDs))
        if !invited.isEmpty, try await UserRepository(db: db).find(ids: invited).filter(\.active).count != invited.count {
            throw DomainError.validation(fields: ["attendee_ids": "error.field.unknown"])
        }
        if let meetingID = input.meetingID, try await MeetingRecord.find(meetingID, on: db) == nil {
            throw DomainError.validation(fields: ["meeting_id": "error.field.unknown"])
        }
        let slots = RoomBookingRules.weekly(startsAt: startsAt, endsAt: endsAt, count: input.weeks, calendar: calendar)
        let step = try await approverStep()
        let now = services.now(), seriesID = input.weeks > 1 ? UUID() : nil
        return try await db.transaction { db in
            try await Self.lockRoom(roomID, on: db)
            let taken = try await Self.taken(roomID: roomID, slots: slots, excluding: nil, on: db)
            if !taken.isEmpty {
                throw Failure(status: .conflict, code: "conflict", messageKey: "error.room.slot_taken",
                              messageArguments: [taken.map { DisplayDates.day($0, calendar) }.joined(separator: "、")],
                              fields: Dictionary(taken.map { ("starts_at." + DisplayDates.day($0, calendar), "error.room.slot_taken_on") }) { a, _ in a })
            }
            var records: [RoomBookingRecord] = []
            for (index, slot) in slots.enumerated() {
                let record = RoomBookingRecord()
                record.roomID = roomID; record.roomName = room.name; record.title = title
                record.startsAt = slot.startsAt; record.endsAt = slot.endsAt; record.attendees = attendees
                record.attendeeIDs = RoomJSON.encode(invited.map(\.uuidString)); record.equipment = RoomJSON.encode(equipment)
                record.bookedBy = staff.id; record.bookerName = staff.displayName; record.departmentID = staff.departmentID
                record.state = RoomBookingState.pending.rawValue; record.seriesID = seriesID; record.occurrence = index + 1
                record.meetingID = input.meetingID; record.externalParty = party
                record.fee = party.map { _ in MoneyInput.text(RoomBookingRules.externalFee(startsAt: slot.startsAt, endsAt: slot.endsAt, perHour: rules.externalTariffPerHour)) }
                record.createdAt = now; record.version = 1
                try await record.create(on: db)
                records.append(record)
            }
            let approval = try await ApprovalEngine(db: db, services: services).start(
                chain: ApprovalChain(steps: [step], ruleKey: Self.ruleKey), subjectType: Self.subjectType, subjectID: records[0].id!,
                requestedBy: staff.id, requesterName: staff.displayName)
            for record in records {
                record.approvalID = approval.id
                try await record.save(on: db)
            }
            try await audit(records[0], "room_booking.requested", by: staff, db: db,
                            summary: "\(room.name) \(DisplayDates.day(startsAt, calendar)) ×\(records.count)\(party.map { " · \($0)" } ?? "")",
                            ruleKey: party == nil ? Self.ruleKey : "meeting_rooms.external_tariff_per_hour")
            return records
        }
    }

    /// MR-23 (C17): the approver role; `dept_manager` is bound to the department of kind `admin_office`
    /// (the 行政部门负责人) so no other department's manager can approve.
    func approverStep() async throws -> ApprovalStepSpec {
        let role = services.rulebook.meetingRooms.approver
        guard role == .deptManager else { return ApprovalStepSpec(role: role) }
        let office = try await DepartmentRecord.query(on: db).filter(\.$kind == DepartmentKind.adminOffice.rawValue).sort(\.$name).first()
        return ApprovalStepSpec(role: role, departmentID: office?.id)
    }

    /// The room's lock row (see the type's comment). A room that does not exist → 404.
    static func lockRoom(_ roomID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(MeetingRoomRecord.schema) }
        let rows = try await sql.update(MeetingRoomRecord.schema).set("booking_seq", to: SQLRaw("booking_seq + 1"))
            .where("id", .equal, SQLBind(roomID)).returning("booking_seq").all()
        guard !rows.isEmpty else { throw DomainError.notFound(subject: "meeting_room") }
    }

    /// The starts of the slots that overlap a holding booking of the room (one bounded query for the series).
    static func taken(roomID: UUID, slots: [(startsAt: Date, endsAt: Date)], excluding: Set<UUID>?, on db: any Database) async throws -> [Date] {
        guard let first = slots.map(\.startsAt).min(), let last = slots.map(\.endsAt).max() else { return [] }
        let holding = try await RoomBookingRecord.query(on: db).filter(\.$roomID == roomID)
            .filter(\.$state ~~ RoomBookingState.holding.map(\.rawValue))
            .filter(\.$startsAt < last).filter(\.$endsAt > first).limit(1_000).all()
            .filter { !(excluding?.contains($0.id!) ?? false) }
        return slots.filter { slot in holding.contains { RoomBookingRules.overlaps((slot.startsAt, slot.endsAt), ($0.startsAt, $0.endsAt)) } }
            .map(\.startsAt)
    }

    func find(_ id: UUID) async throws -> RoomBookingRecord {
        guard let record = try await RoomBookingRecord.find(id, on: db) else { throw DomainError.notFound(subject: "room_booking") }
        return record
    }

    func audit(_ record: RoomBookingRecord, _ action: String, by staff: StaffUser?, db: any Database, summary: String, ruleKey: String? = nil) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff?.id, actorName: staff?.username ?? "system", action: action, subjectType: Self.subjectType,
            subjectID: record.id!, summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}

/// Day labels for messages and audit lines, in the organization's time zone.
enum DisplayDates {
    static func day(_ date: Date, _ calendar: BusinessCalendar) -> String { calendar.localDate(of: date).description }

    /// `HH:mm` on the organization's wall clock.
    static func clock(_ date: Date, _ calendar: BusinessCalendar) -> String {
        let minutes = Int(date.timeIntervalSince(calendar.startOfDay(calendar.localDate(of: date))) / 60)
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    static func time(_ date: Date, _ calendar: BusinessCalendar) -> String { "\(day(date, calendar)) \(clock(date, calendar))" }
}
