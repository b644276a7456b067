import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The agent console (`/console/chat`): the agent's chats with their CHN-16 countdowns and the queue on the
/// left, the selected chat with the phrase keys in the middle, the customer and the knowledge base on the right.
struct ChatConsolePage: Encodable {
    struct Item: Encodable {
        let id: String, customer: String, agent: String?, state: String, due: String?, selected: Bool, waitingSince: String
    }
    struct Selected: Encodable {
        let id: String, customer: String, phone: String?, state: String, stateLabel: String, agent: String?, caseID: String?
        let due: String?, lastSeq: Int, canPost: Bool, open: Bool, queued: Bool, rating: Int?
    }
    struct Message: Encodable { let seq: Int, party: String, author: String, body: String?, image: String?, at: String }
    struct PhraseKey: Encodable { let key: Int, label: String, text: String }
    struct Hit: Encodable { let title: String, answer: String }

    var shell: PageShell
    let mine: [Item]
    let queue: [Item]
    let others: [Item]
    let seats: String
    let selected: Selected?
    let handover: ChatHandoverPanel?
    let messages: [Message]
    let phrases: [PhraseKey]
    let kbQuery: String
    let kbSearched: Bool
    let kbHits: [Hit]
    let maxChars: Int
    let riskSeconds: Int
    /// The address the widget's embed code points at (issue 21 §14).
    let chatBaseURL: String

    static func build(_ req: Request, staff: StaffUser, selectedID: UUID?) async throws -> ChatConsolePage {
        let db = req.db, services = req.services
        let iso = ISO8601DateFormatter()
        let selectedID = selectedID
        func item(_ c: ChatRecord) -> Item {
            Item(id: c.id!.uuidString, customer: c.customerName, agent: c.agentName, state: c.state, due: c.answerDue.map(iso.string(from:)),
                 selected: c.id == selectedID, waitingSince: String(DisplayTime.format(c.queuedAt, req).suffix(5)))  // HH:mm
        }
        let active = ChatState.active.rawValue
        let mine = try await ChatRecord.query(on: db).filter(\.$agentID == staff.id).filter(\.$state == active)
            .sort(\.$queuedAt).limit(50).all()
        let queue = try await ChatRecord.query(on: db).filter(\.$state == ChatState.queued.rawValue).sort(\.$queuedAt).limit(20).all()
        // Leaders watch every open chat (by the answer clock, most urgent first) to step in.
        let others = staff.has(.casesAssign)
            ? try await ChatRecord.query(on: db).filter(\.$state == active).filter(\.$agentID != staff.id)
                .sort(\.$answerDue).limit(50).all()
            : []
        var selected: Selected?
        var handover: ChatHandoverPanel?
        var messages: [Message] = []
        if let selectedID, let chat = try await ChatRecord.find(selectedID, on: db),
           (try? await ChatGate(db: db).requireRead(chat, by: staff)) != nil {
            let state = ChatState(rawValue: chat.state) ?? .queued
            let assigned = chat.agentID == staff.id
            let phone = chat.customerPhone.flatMap { raw in PhoneNumber(raw).map { assigned ? $0.digits : $0.masked } }
            selected = Selected(id: chat.id!.uuidString, customer: chat.customerName, phone: phone, state: chat.state,
                                stateLabel: req.t("chat.state.\(chat.state)"), agent: chat.agentName, caseID: chat.caseID?.uuidString,
                                due: chat.answerDue.map(iso.string(from:)), lastSeq: chat.lastSeq, canPost: assigned && state == .active,
                                open: state.isOpen, queued: state == .queued, rating: chat.rating)
            if state == .active { handover = try await ChatHandoverPanel.build(for: chat, staff: staff, db: db) }
            let recent = try await ChatMessageRecord.query(on: db).filter(\.$chatID == selectedID)
                .sort(\.$seq, .descending).limit(200).all().reversed()
            messages = recent.map { m in
                Message(seq: m.seq, party: m.party, author: m.authorName, body: m.body,
                        image: m.imageType == nil ? nil : "/console/chat/\(selectedID.uuidString)/images/\(m.seq)", at: DisplayTime.format(m.at, req))
            }
        }
        let texts = try await PhraseLibrary(db: db, services: services)
            .rendered([.greeting, .confirm, .waiting, .transfer, .apology, .closing], agent: staff.displayName)
        let phrases = texts.prefix(9).enumerated().map { PhraseKey(key: $0.offset + 1, label: String($0.element.prefix(10)), text: $0.element) }
        let query = String((req.query[String.self, at: "kb_q"] ?? "").prefix(200)).trimmingCharacters(in: .whitespacesAndNewlines)
        var hits: [Hit] = []
        if !query.isEmpty, let search = KBSearchIndex(db: db).filter(matching: query) {
            let page = try await KBRepository(db: db).list(KBRepository.Filter(inForceAt: services.now(), search: search), after: nil, limit: 8)
            let live = try await KBRepository(db: db).liveVersions(of: page.items)
            hits = page.items.compactMap { entry in live[entry.id!].map { Hit(title: $0.title, answer: $0.answer) } }
        }
        return ChatConsolePage(
            shell: PageShell(req, title: req.t("chat.console.title"), flashError: refusal(req)), mine: mine.map(item), queue: queue.map(item), others: others.map(item),
            seats: "\(mine.count)/\(services.rulebook.chat.maxConcurrentPerAgent)", selected: selected, handover: handover, messages: messages,
            phrases: Array(phrases), kbQuery: query, kbSearched: !query.isEmpty, kbHits: hits,
            maxChars: services.rulebook.chat.maxMessageChars, riskSeconds: 20, chatBaseURL: Self.baseURL(req))
    }

    /// Where customers reach this server, for the widget's embed code: KEFU_PUBLIC_URL, else the address
    /// this page was asked for.
    static func baseURL(_ req: Request) -> String {
        if let configured = req.services.settings.publicURL { return configured }
        let host = req.headers.first(name: .host) ?? "127.0.0.1"
        return "\(req.headers.first(name: "X-Forwarded-Proto") == "https" ? "https" : "http")://\(host)"
    }

    /// A refusal the hand-on forms sent back by its message key (`?refusal=error.…`; never free text).
    static func refusal(_ req: Request) -> String? {
        guard let key = req.query[String.self, at: "refusal"], key.hasPrefix("error."), key.count < 80 else { return nil }
        return req.t(key)
    }

    /// The same page with a refusal shown at the top.
    func with(error: String, req: Request) -> ChatConsolePage {
        var copy = self
        copy.shell = PageShell(req, title: req.t("chat.console.title"), flashError: error)
        return copy
    }
}
