import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// "A chat is a case with channel `chat`; its transcript is the case's messages" (API.md). When a chat gets
/// its agent, its case opens through the ordinary case intake with that agent as the first-contact owner
/// (首问负责制, CHN-12) — or, when the chat already has a case (it was transferred), the case follows the chat
/// to its new agent. The customer is found or registered by the phone they gave; a guest without a phone has no
/// case until the agent opens one with a phone or continues an existing case.
struct ChatCase {
    let db: any Database
    let services: AppServices

    /// After `agent` got the chat (routing, a hand take, a transfer): its case follows, or one is opened.
    @discardableResult
    func follow(_ chat: ChatRecord, agent: StaffUser) async throws -> ChatRecord {
        if let caseID = chat.caseID {
            try await db.transaction { db in
                guard let record = try await CaseRepository(db: db).find(caseID), CaseStatus(rawValue: record.status)?.isOpen == true,
                      record.assigneeID != agent.id else { return }
                // The chat's handover authorized this: the case moves with it, its owner stays (CHN-12).
                try await CaseActions(db: db, services: services).apply(record, by: agent, action: "case.assigned", db: db) { serviceCase, record, _ in
                    try serviceCase.assign(to: agent.id)
                    record.teamID = agent.teamID ?? record.teamID
                    return "assignee \(agent.username); chat handover"
                }
            }
            return chat
        }
        guard let phone = chat.customerPhone else { return chat }
        return try await open(chat, phone: phone, agent: agent)
    }

    /// Opens the chat's case (channel `chat`, assigned to `agent`, who owns it) for the customer with `phone`.
    func open(_ chat: ChatRecord, phone: String, agent: StaffUser) async throws -> ChatRecord {
        guard let digits = PhoneNumber(phone)?.digits else { throw DomainError.validation(fields: ["phone": "error.field.phone"]) }
        let first = try await ChatMessageRecord.query(on: db).filter(\.$chatID == chat.id!)
            .filter(\.$party == ChatParty.customer.rawValue).filter(\.$body != nil).sort(\.$seq).first()
        let fallback = services.localization.text("chat.case_subject", .zhHans, [chat.customerName])
        let subject = String((first?.body ?? fallback).prefix(OpenCase.subjectLimit))
        let existing = try await CustomerRepository(db: db).find(phone: digits)
        let input = OpenCase.Input(
            type: .consultation, channel: .chat, customerID: existing?.id,
            newCustomer: existing == nil ? RegisterCustomer.Input(name: String(chat.customerName.prefix(64)), phone: digits, isMember: false) : nil,
            subject: subject, description: String((first?.body ?? "").prefix(OpenCase.descriptionLimit)), assigneeID: agent.id, contact: digits)
        let number = try await OpenCase(db: db, services: services).reserveNumber(for: .consultation)
        return try await db.transaction { db in
            let record = try await OpenCase(db: db, services: services).run(input, by: agent, number: number)
            try await ChatRecord.query(on: db).filter(\.$id == chat.id!).filter(\.$caseID == nil)
                .set(\.$caseID, to: record.id).set(\.$customerID, to: record.customerID).set(\.$customerPhone, to: digits).update()
            guard let updated = try await ChatRecord.find(chat.id!, on: db), updated.caseID == record.id else {
                throw DomainError.conflict(reason: "error.chat.case_linked")
            }
            return updated
        }
    }
}
