import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

extension ChatCase {
    /// What continuing another case did: the chat now, and the auto-opened case closed as a duplicate (if any).
    struct Continued {
        let chat: ChatRecord
        let closedDuplicateID: UUID?
    }

    /// The agent continues an existing open case of the same customer instead of the one the chat opened
    /// (issue 9 §3). The chat is re-linked; the auto-opened case, if nobody worked on it yet (still new or
    /// assigned, no note), is linked to the continued one as a duplicate and resolved + closed with that
    /// resolution — the case machine has no "cancel", and resolving through the state machine keeps its clocks
    /// and audit honest (without sending a return visit for a duplicate). A worked-on case is left as it is.
    func continueCase(_ chat: ChatRecord, caseID: UUID, by staff: StaffUser) async throws -> Continued {
        try await ChatGate(db: db).requireHandOn(chat, by: staff)
        guard chat.caseID != caseID else { throw DomainError.conflict(reason: "error.chat.case_linked") }
        let scope = try await CaseScope.of(staff, db: db)
        let target = try await scope.readable(caseID, db: db)
        guard CaseStatus(rawValue: target.status)?.isOpen == true else { throw DomainError.conflict(reason: "error.chat.case_not_open") }
        if let customer = chat.customerID, customer != target.customerID {
            throw DomainError.validation(fields: ["case_id": "error.chat.case_other_customer"])
        }
        let now = services.now()
        return try await db.transaction { db in
            var closed: UUID?
            if let previousID = chat.caseID, let previous = try await CaseRepository(db: db).find(previousID),
               try await untouched(previous, db: db) {
                let actions = CaseActions(db: db, services: services)
                _ = try await actions.link(previousID, to: caseID, kind: "duplicate", by: staff)
                let resolution = services.localization.text("chat.case_duplicate", .zhHans, [target.number])
                try await actions.apply(previous, by: staff, action: "case.closed", db: db) { serviceCase, record, db in
                    try serviceCase.resolve(at: now)
                    try serviceCase.close(at: now)
                    record.resolution = resolution
                    let clocks = CaseClocks(db: db, services: services)
                    for kind in ["first_response", "dispatch", "resolve", "appointment", "close"] { try await clocks.meet(kind, record, by: staff) }
                    return "duplicate of \(target.number) (chat continued)"
                }
                closed = previousID
            }
            try await ChatRecord.query(on: db).filter(\.$id == chat.id!)
                .set(\.$caseID, to: caseID).set(\.$customerID, to: target.customerID).update()
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "chat.case_continued", subjectType: "chat",
                subjectID: chat.id!, summary: "case \(target.number)" + (closed == nil ? "" : "; auto-opened case closed as duplicate"),
                rulebookVersion: services.rulebook.versionShort))
            guard let updated = try await ChatRecord.find(chat.id!, on: db) else { throw DomainError.notFound(subject: "chat") }
            return Continued(chat: updated, closedDuplicateID: closed)
        }
    }

    /// Opens the chat's case with a phone the agent learned (a guest chat has none yet); a chat with a case → 409.
    func openWithPhone(_ chat: ChatRecord, phone: String, by staff: StaffUser) async throws -> ChatRecord {
        try await ChatGate(db: db).requirePost(chat, by: staff)
        guard chat.caseID == nil else { throw DomainError.conflict(reason: "error.chat.case_linked") }
        return try await open(chat, phone: phone, agent: staff)
    }

    /// Nobody worked on it: still new or assigned, and no note written.
    private func untouched(_ record: CaseRecord, db: any Database) async throws -> Bool {
        guard [CaseStatus.new.rawValue, CaseStatus.assigned.rawValue].contains(record.status) else { return false }
        return try await CaseNoteRecord.query(on: db).filter(\.$caseID == record.id!).count() == 0
    }
}
