import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The study-materials loan register (学习资料借用登记, MR-05): the desk lends, the item is due back within
/// `meeting_rooms.loan_days` (三日内), returned intact or not; overdue loans are listed first.
struct RoomLoans {
    let db: any Database
    let services: AppServices

    func lend(item: String, borrowerID: UUID?, roomID: UUID?, by staff: StaffUser) async throws -> RoomLoanRecord {
        guard RoomAccess.isDesk(staff, services) else { throw DomainError.forbidden(reason: "error.room.desk_only") }
        let item = item.trimmingCharacters(in: .whitespacesAndNewlines)
        var fields: [String: String] = [:]
        if item.isEmpty { fields["item"] = "error.field.required" } else if item.count > 200 { fields["item"] = "error.field.too_long" }
        if borrowerID == nil { fields["borrower_id"] = "error.field.required" }
        guard fields.isEmpty, let borrowerID else { throw DomainError.validation(fields: fields) }
        guard let borrower = try await UserRepository(db: db).find(borrowerID), borrower.active else {
            throw DomainError.validation(fields: ["borrower_id": "error.field.unknown"])
        }
        if let roomID { _ = try await Rooms(db: db, services: services).find(roomID) }
        let now = services.now()
        let loan = RoomLoanRecord()
        loan.roomID = roomID; loan.item = item; loan.borrowerID = borrowerID; loan.borrowerName = borrower.displayName
        loan.lentBy = staff.id; loan.lentAt = now
        loan.dueAt = RoomBookingRules.loanDue(lentAt: now, rules: services.rulebook.meetingRooms, calendar: services.rulebook.calendar)
        try await db.transaction { db in
            try await loan.create(on: db)
            try await audit(loan, "room_loan.lent", by: staff, db: db, summary: "\(item) → \(borrower.username)")
        }
        return loan
    }

    /// The item comes back; a loan already returned → 409 (only an open loan changes, so twice acts once).
    func giveBack(_ id: UUID, intact: Bool, note: String?, by staff: StaffUser) async throws -> RoomLoanRecord {
        guard RoomAccess.isDesk(staff, services) else { throw DomainError.forbidden(reason: "error.room.desk_only") }
        guard let loan = try await RoomLoanRecord.find(id, on: db) else { throw DomainError.notFound(subject: "room_loan") }
        if !intact, (note ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw DomainError.validation(fields: ["note": "error.room.faults_required"]) }
        let now = services.now()
        return try await db.transaction { db in
            guard try await VersionGuard.setIfNull(db, table: RoomLoanRecord.schema, column: "returned_at", id: id, to: now) else {
                throw DomainError.conflict(reason: "error.room.loan_returned")
            }
            loan.returnedAt = now; loan.intact = intact; loan.note = note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank.map { String($0.prefix(500)) }
            try await loan.save(on: db)
            try await audit(loan, intact ? "room_loan.returned" : "room_loan.returned_damaged", by: staff, db: db, summary: loan.item,
                            ruleKey: "meeting_rooms.loan_days")
            return loan
        }
    }

    /// Open loans, the most overdue first (bounded).
    func open(limit: Int = 200) async throws -> [RoomLoanRecord] {
        try await RoomLoanRecord.query(on: db).filter(\.$returnedAt == nil).sort(\.$dueAt).sort(\.$id).limit(limit).all()
    }

    private func audit(_ loan: RoomLoanRecord, _ action: String, by staff: StaffUser, db: any Database, summary: String, ruleKey: String? = nil) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: "room_loan",
            subjectID: loan.id!, summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}
