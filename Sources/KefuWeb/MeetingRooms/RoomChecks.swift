import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The equipment checks of a booking: before the meeting (MR-10/19: projector, sound, microphones, network)
/// and after it (MR-15). A fault found after the meeting is the using department's: the charge (MR-04, at
/// cost) is recorded against the booking's department and the booker is told.
struct RoomChecks {
    let db: any Database
    let services: AppServices

    struct Input: Sendable { var phase: String?, ok: Bool?, faults: String?, charge: Decimal? }

    func record(_ bookingID: UUID, _ input: Input, by staff: StaffUser) async throws -> RoomCheckRecord {
        guard RoomAccess.isDesk(staff, services) else { throw DomainError.forbidden(reason: "error.room.desk_only") }
        let booking = try await RoomBookings(db: db, services: services).find(bookingID)
        var fields: [String: String] = [:]
        let phase = input.phase.flatMap(RoomCheckPhase.init(rawValue:))
        if phase == nil { fields["phase"] = input.phase == nil ? "error.field.required" : "error.field.choice" }
        if input.ok == nil { fields["ok"] = "error.field.required" }
        let faults = input.faults?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        if input.ok == false, faults == nil { fields["faults"] = "error.room.faults_required" }
        if (faults?.count ?? 0) > 2_000 { fields["faults"] = "error.field.too_long" }
        if let charge = input.charge, charge < 0 { fields["charge"] = "error.room.out_of_range" }
        if input.charge != nil, phase != .after || input.ok != false { fields["charge"] = "error.room.charge_after_fault" }
        guard fields.isEmpty, let phase, let ok = input.ok else { throw DomainError.validation(fields: fields) }
        guard booking.state == RoomBookingState.approved.rawValue else { throw DomainError.conflict(reason: "error.room.not_approved") }
        if phase == .after, booking.startsAt > services.now() { throw DomainError.conflict(reason: "error.room.not_started") }
        let now = services.now()
        let check = RoomCheckRecord()
        check.bookingID = bookingID; check.phase = phase.rawValue; check.ok = ok; check.faults = faults
        check.charge = input.charge.map(MoneyInput.text)
        check.chargedDepartmentID = phase == .after && !ok ? booking.departmentID : nil
        check.checkedBy = staff.id; check.checkedByName = staff.displayName; check.checkedAt = now
        do {
            try await db.transaction { db in
                try await check.create(on: db)
                try await RoomBookings(db: db, services: services).audit(
                    booking, "room_booking.check_\(phase.rawValue)", by: staff, db: db,
                    summary: ok ? "ok" : "fault: \(faults ?? "")\(check.charge.map { " · \($0)" } ?? "")")
                if !ok, phase == .after {
                    try await Notifier(db: db, services: services).notify([booking.bookedBy], .init(
                        kind: "room_booking.fault", titleKey: "notice.room_fault", titleArgument: "\(booking.roomName) · \(faults ?? "")",
                        link: "/rooms/bookings/\(bookingID)", subjectType: RoomBookings.subjectType, subjectID: bookingID,
                        dedupeKey: "room_booking:\(bookingID):fault"))
                }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.conflict(reason: "error.room.already_checked")   // one check per phase (unique index)
        }
        return check
    }

    /// MR-15: the faults charged to departments, newest first (one department, or all), bounded.
    func faults(departmentID: UUID?, limit: Int = 200) async throws -> [RoomCheckRecord] {
        var query = RoomCheckRecord.query(on: db).filter(\.$ok == false)
        if let departmentID { query = query.filter(\.$chargedDepartmentID == departmentID) }
        return try await query.sort(\.$checkedAt, .descending).limit(limit).all()
    }

    func of(_ bookingID: UUID) async throws -> [RoomCheckRecord] {
        try await RoomCheckRecord.query(on: db).filter(\.$bookingID == bookingID).sort(\.$checkedAt).limit(2).all()
    }
}
