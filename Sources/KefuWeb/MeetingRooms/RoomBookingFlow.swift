import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// A booking after it is made: the approver's answer (MR-17), cancelling, the booker's reconfirmation the day
/// before (MR-18), and the minutes after the meeting (MR-21). Every step claims the booking's version, so a
/// double click or two desks at once act once (409 for the second).
struct RoomBookingFlow {
    let db: any Database
    let services: AppServices

    /// MR-17: the approval's end approves or rejects every still-pending booking it covers (a weekly series
    /// shares one approval); an approved meeting is announced to the invited attendees.
    static func register(in services: inout AppServices) {
        services.approvalOutcomes.register(subjectType: RoomBookings.subjectType) { outcome in
            let records = try await RoomBookingRecord.query(on: outcome.db).filter(\.$approvalID == outcome.approval.id)
                .filter(\.$state == RoomBookingState.pending.rawValue).sort(\.$startsAt).limit(500).all()
            guard let first = records.first else { return }
            let approved = outcome.approval.state == .approved
            for record in records {
                record.state = (approved ? RoomBookingState.approved : .rejected).rawValue
                record.version += 1
                try await record.save(on: outcome.db)
            }
            let flow = RoomBookings(db: outcome.db, services: outcome.services)
            try await flow.audit(first, approved ? "room_booking.approved" : "room_booking.rejected", by: nil, db: outcome.db,
                                 summary: "\(first.roomName) ×\(records.count)", ruleKey: RoomBookings.ruleKey)
            if approved {
                try await Notifier(db: outcome.db, services: outcome.services).notify(RoomJSON.ids(first.attendeeIDs), .init(
                    kind: "room_booking.invited", titleKey: "notice.room_invited", titleArgument: "\(first.title) · \(first.roomName)",
                    link: "/rooms/bookings/\(first.id!)", subjectType: RoomBookings.subjectType, subjectID: first.id!,
                    dedupeKey: "room_booking:\(first.id!):invited"))
            }
        }
    }

    /// The booker, or the desk and room managers, cancel a booking that has not ended. When the booker cancels
    /// the last pending booking of a request, the request is withdrawn from the approver's queue.
    func cancel(_ id: UUID, by staff: StaffUser) async throws -> RoomBookingRecord {
        let bookings = RoomBookings(db: db, services: services)
        let record = try await bookings.find(id)
        guard record.bookedBy == staff.id || RoomAccess.isDesk(staff, services) else { throw DomainError.forbidden(reason: "error.room.not_yours") }
        guard RoomBookingState.holding.map(\.rawValue).contains(record.state) else { throw DomainError.conflict(reason: "error.room.not_active") }
        guard record.endsAt > services.now() else { throw DomainError.conflict(reason: "error.room.already_over") }
        return try await db.transaction { db in
            try await claim(record, on: db)
            let wasPending = record.state == RoomBookingState.pending.rawValue
            record.state = RoomBookingState.cancelled.rawValue
            try await record.save(on: db)
            if wasPending, let approvalID = record.approvalID, record.bookedBy == staff.id,
               try await RoomBookingRecord.query(on: db).filter(\.$approvalID == approvalID).filter(\.$state == RoomBookingState.pending.rawValue).count() == 0 {
                let repository = ApprovalRepository(db: db)
                if var approval = try await repository.find(approvalID), approval.state == .pending {
                    let loaded = approval.version
                    try approval.withdraw(by: staff.id, at: services.now())
                    try await repository.save(approval, expectedVersion: loaded)
                }
            }
            try await bookings.audit(record, "room_booking.cancelled", by: staff, db: db, summary: "\(record.roomName) \(DisplayDates.day(record.startsAt, services.rulebook.calendar))")
            return record
        }
    }

    /// MR-18: the booker (or the desk) reconfirms the headcount, and may move the time; a new time is checked
    /// like a new booking (length, overlap under the room's lock).
    func reconfirm(_ id: UUID, attendees: Int?, startsAt: Date?, endsAt: Date?, by staff: StaffUser) async throws -> RoomBookingRecord {
        let bookings = RoomBookings(db: db, services: services)
        let record = try await bookings.find(id)
        guard record.bookedBy == staff.id || RoomAccess.isDesk(staff, services) else { throw DomainError.forbidden(reason: "error.room.not_yours") }
        guard RoomBookingState.holding.map(\.rawValue).contains(record.state), record.startsAt > services.now() else {
            throw DomainError.conflict(reason: "error.room.not_active")
        }
        let room = try await Rooms(db: db, services: services).find(record.roomID)
        let headcount = attendees ?? record.attendees, start = startsAt ?? record.startsAt, end = endsAt ?? record.endsAt
        try RoomBookingRules.check(startsAt: start, endsAt: end, attendees: headcount, capacity: room.capacity,
                                   rules: services.rulebook.meetingRooms, calendar: services.rulebook.calendar)
        if start < services.now() { throw DomainError.validation(fields: ["starts_at": "error.room.in_past"]) }
        return try await db.transaction { db in
            try await RoomBookings.lockRoom(record.roomID, on: db)
            if start != record.startsAt || end != record.endsAt,
               try await !RoomBookings.taken(roomID: record.roomID, slots: [(start, end)], excluding: [record.id!], on: db).isEmpty {
                throw DomainError.conflict(reason: "error.room.slot_taken_on")
            }
            try await claim(record, on: db)
            record.attendees = headcount; record.startsAt = start; record.endsAt = end; record.reconfirmedAt = services.now()
            try await record.save(on: db)
            try await bookings.audit(record, "room_booking.reconfirmed", by: staff, db: db,
                                     summary: "\(headcount) · \(DisplayDates.day(start, services.rulebook.calendar))", ruleKey: "meeting_rooms.reminder_days_before")
            return record
        }
    }

    /// MR-21: after the meeting the booker (or the desk) attaches the minutes; they go to the attendees. Once.
    func attachMinutes(_ id: UUID, text: String, by staff: StaffUser) async throws -> RoomBookingRecord {
        let bookings = RoomBookings(db: db, services: services)
        let record = try await bookings.find(id)
        guard record.bookedBy == staff.id || RoomAccess.isDesk(staff, services) else { throw DomainError.forbidden(reason: "error.room.not_yours") }
        let minutes = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if minutes.isEmpty { throw DomainError.validation(fields: ["minutes": "error.field.required"]) }
        if minutes.count > 20_000 { throw DomainError.validation(fields: ["minutes": "error.field.too_long"]) }
        guard record.state == RoomBookingState.approved.rawValue else { throw DomainError.conflict(reason: "error.room.not_approved") }
        guard record.endsAt <= services.now() else { throw DomainError.conflict(reason: "error.room.not_over") }
        guard record.minutesAt == nil else { throw DomainError.conflict(reason: "error.room.minutes_exist") }
        return try await db.transaction { db in
            try await claim(record, on: db)
            record.minutes = minutes; record.minutesAt = services.now()
            try await record.save(on: db)
            try await bookings.audit(record, "room_booking.minutes", by: staff, db: db, summary: "\(minutes.count) chars")
            try await Notifier(db: db, services: services).notify(RoomJSON.ids(record.attendeeIDs).filter { $0 != staff.id } + [record.bookedBy].filter { $0 != staff.id }, .init(
                kind: "room_booking.minutes", titleKey: "notice.room_minutes", titleArgument: record.title, link: "/rooms/bookings/\(record.id!)",
                subjectType: RoomBookings.subjectType, subjectID: record.id!, dedupeKey: "room_booking:\(record.id!):minutes"))
            return record
        }
    }

    /// Moves the booking to the next version, or 409 when someone changed it meanwhile.
    func claim(_ record: RoomBookingRecord, on db: any Database) async throws {
        try await VersionGuard.claim(db, table: RoomBookingRecord.schema, id: record.id!, expected: record.version)
        record.version += 1
    }
}
