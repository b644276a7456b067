import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The live chat's use cases (issue 9): a customer starts a chat and holds its token (only the hash is kept);
/// messages are checked (size, binary), stored with their number, then signalled; the CHN-16 answer clock
/// (`answer_due`) runs from the oldest unanswered customer message until the assigned agent writes.
struct Chats {
    let db: any Database
    let services: AppServices
    let hub: ChatHub

    /// A new chat in the queue and the customer's token (shown once, kept by the page or widget).
    /// `routed: false` leaves the chat in the queue (the demo hands its chats out itself).
    func start(name: String?, phone: String?, routed: Bool = true) async throws -> (ChatRecord, token: String) {
        let shownName = name?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank ?? services.localization.text("chat.guest", .zhHans)
        var fields: [String: String] = [:]
        if shownName.count > 50 { fields["name"] = "error.field.too_long" }
        var number: String?
        if let raw = phone?.trimmingCharacters(in: .whitespaces).nilIfBlank {
            if let parsed = PhoneNumber(raw) { number = parsed.digits } else { fields["phone"] = "error.field.phone" }
        }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        let token = TokenSecret.make()
        let chat = ChatRecord()
        chat.tokenHash = TokenSecret.hash(token); chat.state = ChatState.queued.rawValue
        chat.customerName = shownName; chat.customerPhone = number
        chat.queuedAt = services.now(); chat.lastSeq = 0; chat.version = 1
        try await chat.create(on: db)
        // Issue 9 §4: an agent on duty with a free seat gets it at once. The chat is stored already, so a failed
        // routing attempt (SQLite busy while the router loop writes) must not fail the start: the loop retries it.
        if routed { _ = try? await ChatRouter(db: db, services: services, hub: hub).run(now: services.now()) }
        return (try await current(chat), token)
    }

    /// The chat `id` for the holder of `token`; another chat's token is refused as if the chat did not exist.
    func chat(_ id: UUID, token: String) async throws -> ChatRecord {
        guard let chat = try await ChatRecord.find(id, on: db), chat.tokenHash == TokenSecret.hash(token) else {
            throw DomainError.notFound(subject: "chat")
        }
        return chat
    }

    /// An agent takes a queued chat (routing or by hand): exactly one taker wins; the organization's greeting
    /// (KB-14, `chat.greeting`) is the first agent message, which also meets the CHN-16 first-response clock.
    func take(_ chat: ChatRecord, by staff: StaffUser) async throws -> ChatRecord {
        // Exactly one taker: the conditional UPDATE … WHERE state = 'queued' of ChatClaim (routing uses it too).
        let limit = services.rulebook.chat.maxConcurrentPerAgent
        guard try await ChatClaim(db: db).claim(chat.id!, agent: staff.id, agentName: staff.displayName, at: services.now(), limit: limit) else {
            if try await current(chat).state == ChatState.queued.rawValue {
                throw DomainError.ruleViolation(rule: "chat.max_concurrent_per_agent", reason: "error.chat.agent_at_limit")
            }
            throw DomainError.conflict(reason: "error.chat.taken")
        }
        return try await assigned(chat.id!, to: staff)
    }

    /// After a claim: the greeting (KB-14) answers the first-response clock, then the chat's case follows or opens.
    func assigned(_ id: UUID, to staff: StaffUser) async throws -> ChatRecord {
        guard let record = try await ChatRecord.find(id, on: db) else { throw DomainError.notFound(subject: "chat") }
        let greeting = services.rulebook.chat.greeting.replacingOccurrences(of: "{org}", with: services.rulebook.organization.name)
        _ = try await postFromAgent(record, text: greeting, by: staff)
        try await ChatCase(db: db, services: services).follow(try await current(record), agent: staff)
        return try await current(record)
    }

    /// A customer's text message: an ended chat → 409; too long or binary → 400. Starts the answer clock.
    func postFromCustomer(_ chat: ChatRecord, text: String) async throws -> ChatMessageRecord {
        guard ChatState(rawValue: chat.state)?.isOpen == true else { throw DomainError.conflict(reason: "error.chat.ended") }
        let body = try checked(text)
        let message = try await append(chat, party: .customer, authorID: nil, authorName: chat.customerName, body: body, signal: false)
        try await ChatRecord.query(on: db).filter(\.$id == chat.id!).filter(\.$answerDue == nil)
            .set(\.$answerDue, to: answerDue(after: message.at, agentHasAnswered: chat.lastAgentAt != nil))
            .set(\.$lastCustomerAt, to: message.at).update()
        // Signalled after the clock is set, so every connection reads the message with its answer clock.
        try await ChatSignals(db: db, hub: hub).announce(chat.id!, seq: message.seq)
        return message
    }

    /// The assigned agent's or an invited participant's message (anyone else → 403, ChatAccess); it answers what waited, stopping the clock.
    func postFromAgent(_ chat: ChatRecord, text: String, by staff: StaffUser) async throws -> ChatMessageRecord {
        guard ChatState(rawValue: chat.state) == .active else { throw DomainError.conflict(reason: "error.chat.not_active") }
        try await ChatGate(db: db).requirePost(chat, by: staff)  // the agent or an invited participant (ChatAccess)
        let message = try await append(chat, party: .agent, authorID: staff.id, authorName: staff.displayName, body: try checked(text), signal: false)
        try await ChatBreaches(db: db, services: services).recordIfLate(chatID: chat.id!, answeredAt: message.at)  // chatqa: CHN-16 breach
        try await ChatRecord.query(on: db).filter(\.$id == chat.id!)
            .set(\.$answerDue, to: nil).set(\.$lastAgentAt, to: message.at).update()
        try await ChatSignals(db: db, hub: hub).announce(chat.id!, seq: message.seq)
        return message
    }

    /// Ends an open chat (by the agent with the closing phrase KB-14, by the customer, or by idleness); a chat
    /// already ended → 409. The clock stops.
    func end(_ chat: ChatRecord, by party: ChatParty, staff: StaffUser? = nil) async throws -> ChatRecord {
        guard let state = ChatState(rawValue: chat.state), ChatTransition.end(by: party).apply(to: state) != nil else {
            throw DomainError.conflict(reason: "error.chat.ended")
        }
        if party == .agent {
            guard let staff, chat.agentID == staff.id else { throw DomainError.forbidden(reason: "error.chat.not_yours") }
            _ = try await postFromAgent(chat, text: services.rulebook.chat.closing, by: staff)
        }
        try await ChatBreaches(db: db, services: services).recordIfLate(chatID: chat.id!, answeredAt: services.now())  // chatqa: CHN-16 breach
        try await VersionGuard.claim(db, table: ChatRecord.schema, id: chat.id!, expected: try await current(chat).version)
        try await ChatRecord.query(on: db).filter(\.$id == chat.id!)
            .set(\.$state, to: ChatState.ended.rawValue).set(\.$endedAt, to: services.now()).set(\.$endedBy, to: party.rawValue)
            .set(\.$answerDue, to: nil).update()
        // A system line marks the end in the transcript and wakes every connection of the chat.
        _ = try await append(chat, party: .system, authorID: nil, authorName: services.localization.text("chat.system", .zhHans),
                             body: services.localization.text("chat.system.ended_by_\(party.rawValue)", .zhHans))
        try await ChatTranscripts(db: db, services: services).attach(chatID: chat.id!)  // chatqa: transcript into the case
        return try await current(chat)
    }

    /// The customer rates an ended chat once on the survey scale (SAT; 1…5): twice → 409, out of range → 400.
    func rate(_ chat: ChatRecord, score: Int) async throws -> ChatRecord {
        guard (1...5).contains(score) else { throw DomainError.validation(fields: ["rating": "error.field.choice"]) }
        guard chat.state == ChatState.ended.rawValue else { throw DomainError.conflict(reason: "error.chat.not_ended") }
        guard try await ChatRecord.query(on: db).filter(\.$id == chat.id!).filter(\.$rating == nil).count() == 1 else {
            throw DomainError.conflict(reason: "error.chat.rated")
        }
        try await VersionGuard.claim(db, table: ChatRecord.schema, id: chat.id!, expected: try await current(chat).version)
        try await ChatRecord.query(on: db).filter(\.$id == chat.id!).set(\.$rating, to: score).update()
        return try await current(chat)
    }

    func current(_ chat: ChatRecord) async throws -> ChatRecord {
        guard let record = try await ChatRecord.find(chat.id!, on: db) else { throw DomainError.notFound(subject: "chat") }
        return record
    }

    /// CHN-16: the first answer within `deadlines.chat_first_response_within`, later ones within
    /// `chat.message_response_within`, counted on the calendar the rulebook names (seconds by default).
    func answerDue(after at: Date, agentHasAnswered: Bool) -> Date {
        let rulebook = services.rulebook
        let limit = agentHasAnswered ? rulebook.chat.messageResponseWithin : rulebook.deadlines.chatFirstResponseWithin
        return rulebook.calendar.deadline(from: at, adding: limit)
    }

    func checked(_ text: String) throws -> String {
        do { return try services.rulebook.chat.policy.text(text) } catch {
            throw DomainError.validation(fields: ["text": "error.chat.\(error.rawValue)"])
        }
    }

    func append(_ chat: ChatRecord, party: ChatParty, authorID: UUID?, authorName: String, body: String,
                signal: Bool = true) async throws -> ChatMessageRecord {
        let message = ChatMessageRecord()
        message.chatID = chat.id!; message.party = party.rawValue; message.authorID = authorID; message.authorName = authorName
        message.body = body; message.at = services.now()
        let stored = try await ChatRepository(db: db).append(message)
        if signal { try await ChatSignals(db: db, hub: hub).announce(chat.id!, seq: stored.seq) }
        return stored
    }
}
