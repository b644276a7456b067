import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Who may do what with the meeting rooms: anyone signed in books (MR-02/16); the rulebook's approver role
/// (`meeting_rooms.approver`, C17) and holders of `rooms.manage` (行政部) manage the rooms and the usage book;
/// the front desk sees every booking and does the day's checks (MR-19).
enum RoomAccess {
    static func canManage(_ staff: StaffUser, _ services: AppServices) -> Bool {
        staff.has(.roomsManage) || staff.roles.contains(services.rulebook.meetingRooms.approver)
    }

    static func isDesk(_ staff: StaffUser, _ services: AppServices) -> Bool {
        canManage(staff, services) || staff.has(.frontDeskWork)
    }

    static func requireManager(_ staff: StaffUser, _ services: AppServices) throws {
        guard canManage(staff, services) else { throw DomainError.forbidden(reason: "error.room.manager_only") }
    }

    /// The booker, an invited attendee, or the desk and room managers may read a booking.
    static func canRead(_ booking: RoomBookingRecord, _ staff: StaffUser, _ services: AppServices) -> Bool {
        booking.bookedBy == staff.id || isDesk(staff, services) || RoomJSON.ids(booking.attendeeIDs).contains(staff.id)
    }
}

/// Lists kept as small JSON arrays in one column (equipment names, invited staff).
enum RoomJSON {
    static func encode(_ values: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }
    static func strings(_ text: String) -> [String] { (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? [] }
    static func ids(_ text: String) -> [UUID] { strings(text).compactMap(UUID.init(uuidString:)) }

    /// Trimmed, non-empty, distinct, at most 20 names of at most 50 characters.
    static func cleanEquipment(_ values: [String]?, field: String = "equipment") throws -> [String] {
        var seen: [String] = []
        for value in values ?? [] {
            let name = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty { continue }
            guard name.count <= 50, seen.count < 20 else { throw DomainError.validation(fields: [field: "error.field.too_long"]) }
            if !seen.contains(name) { seen.append(name) }
        }
        return seen
    }
}

/// The rooms themselves (MR-01/07): name, seats, fixed equipment. Only managers create or change them.
struct Rooms {
    let db: any Database
    let services: AppServices

    struct Input: Sendable { var name = "", capacity: Int?, equipment: [String]? }

    func create(_ input: Input, by staff: StaffUser) async throws -> MeetingRoomRecord {
        try RoomAccess.requireManager(staff, services)
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        var fields: [String: String] = [:]
        if name.isEmpty { fields["name"] = "error.field.required" } else if name.count > 100 { fields["name"] = "error.field.too_long" }
        if input.capacity == nil { fields["capacity"] = "error.field.required" } else if !(1...2000).contains(input.capacity!) { fields["capacity"] = "error.room.out_of_range" }
        guard fields.isEmpty, let capacity = input.capacity else { throw DomainError.validation(fields: fields) }
        let equipment = try RoomJSON.cleanEquipment(input.equipment)
        if try await MeetingRoomRecord.query(on: db).filter(\.$name == name).first() != nil { throw DomainError.conflict(reason: "error.room.name_taken") }
        let now = services.now()
        let room = MeetingRoomRecord()
        room.name = name; room.capacity = capacity; room.equipment = RoomJSON.encode(equipment); room.active = true
        room.bookingSeq = 0; room.createdAt = now; room.version = 1
        do {
            try await db.transaction { db in
                try await room.create(on: db)
                try await AuditRepository(db: db).append(AuditEntry(
                    at: now, actorID: staff.id, actorName: staff.username, action: "room.created", subjectType: "meeting_room",
                    subjectID: room.id!, summary: "\(name) · \(capacity)", rulebookVersion: services.rulebook.versionShort))
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.conflict(reason: "error.room.name_taken")   // two managers named the same room at once
        }
        return room
    }

    func list() async throws -> [MeetingRoomRecord] {
        try await MeetingRoomRecord.query(on: db).filter(\.$active == true).sort(\.$name).limit(200).all()
    }

    func find(_ id: UUID) async throws -> MeetingRoomRecord {
        guard let room = try await MeetingRoomRecord.find(id, on: db) else { throw DomainError.notFound(subject: "meeting_room") }
        return room
    }
}
