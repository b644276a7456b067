import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit

/// Issue 9 §4 "when nobody is available, the customer may leave a message that becomes a case" (CHN-01: every
/// request is registered as a case). Only a waiting chat may leave a message (ChatTransition.leaveMessage;
/// otherwise 409). The case (channel `chat`) lands unassigned in the queue of the chat's team — or the first team
/// that serves chat — with that team's leader as its first-contact owner, who dispatches it; a phone is required
/// so that someone can call back.
extension Chats {
    func leaveMessage(_ chat: ChatRecord, text: String, phone: String?) async throws -> (chat: ChatRecord, caseRecord: CaseRecord) {
        guard let state = ChatState(rawValue: chat.state), ChatTransition.leaveMessage.apply(to: state) != nil else {
            throw DomainError.conflict(reason: "error.chat.not_queued")
        }
        let body = try checked(text)
        guard let raw = phone?.trimmingCharacters(in: .whitespaces).nilIfBlank ?? chat.customerPhone else {
            throw DomainError.validation(fields: ["phone": "error.field.required"])
        }
        guard let digits = PhoneNumber(raw)?.digits else { throw DomainError.validation(fields: ["phone": "error.field.phone"]) }
        let router = ChatRouter(db: db, services: services, hub: hub)
        var team = try await router.chatTeams().first
        if let id = chat.teamID { team = try await OrganizationRepository(db: db).team(id) }
        guard let team, let leaderID = team.leaderID, let leader = try await UserRepository(db: db).find(leaderID), leader.active else {
            throw DomainError.ruleViolation(rule: "chat.teams", reason: "error.chat.no_team_for_message")
        }
        let now = services.now()
        leader.teamID = team.id  // in memory only: the case opens in this team's queue
        let owner = StaffUser(leader, token: AuthTokenRecord(tokenHash: "chat-message", kind: "job", userID: leaderID, csrfToken: nil,
                                                            createdAt: now, expiresAt: now))
        let existing = try await CustomerRepository(db: db).find(phone: digits)
        let input = OpenCase.Input(
            type: .consultation, channel: .chat, customerID: existing?.id,
            newCustomer: existing == nil ? RegisterCustomer.Input(name: String(chat.customerName.prefix(64)), phone: digits, isMember: false) : nil,
            subject: String(body.prefix(OpenCase.subjectLimit)), description: body, departmentID: team.departmentID, contact: digits)
        let number = try await OpenCase(db: db, services: services).reserveNumber(for: .consultation)
        let record = try await db.transaction { db -> CaseRecord in
            let record = try await OpenCase(db: db, services: services).run(input, by: owner, number: number)
            let chats = Chats(db: db, services: services, hub: hub)
            _ = try await chats.append(chat, party: .customer, authorID: nil, authorName: chat.customerName, body: body)
            guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(ChatRecord.schema) }
            let rows = try await sql.update(ChatRecord.schema)
                .set("state", to: SQLBind(ChatState.leftMessage.rawValue)).set("case_id", to: SQLBind(record.id!))
                .set("customer_id", to: SQLBind(record.customerID)).set("customer_phone", to: SQLBind(digits))
                .set("team_id", to: SQLBind(team.id!)).set("ended_at", to: SQLBind(now)).set("ended_by", to: SQLBind(ChatParty.customer.rawValue))
                .set("answer_due", to: SQLLiteral.null).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, SQLBind(chat.id!)).where("state", .equal, SQLBind(ChatState.queued.rawValue))
                .returning("id").all()
            // An agent took the chat meanwhile: nothing of this is kept, the customer talks to the agent instead.
            guard rows.count == 1 else { throw DomainError.conflict(reason: "error.chat.not_queued") }
            try await Notifier(db: db, services: services).notify([leaderID], .init(
                kind: "chat.message_left", titleKey: "notice.chat_message_left", titleArgument: record.number, link: "/cases/\(record.id!)",
                subjectType: "case", subjectID: record.id!, dedupeKey: "chat:\(chat.id!):message"))
            return record
        }
        return (try await current(chat), record)
    }
}
