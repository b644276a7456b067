import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// What the customer's chat page shows (`/chat`): the start form, or the conversation of the chat in the
/// page's cookie. The same markup serves the script (which takes over with the WebSocket) and browsers without
/// script (plain forms and reloads).
struct ChatCustomerPage: Encodable {
    struct Message: Encodable {
        let seq: Int, party: String, authorName: String, body: String?, imageURL: String?, at: String, mine: Bool
        enum CodingKeys: String, CodingKey {
            case seq, party, body, at, mine
            case authorName = "author_name", imageURL = "image_url"
        }
    }
    struct Room: Encodable {
        let id: String, token: String, state: String, stateLabel: String, agentName: String?, queuePosition: Int?
        let waitMinutes: Int?, rating: Int?, open: Bool, ended: Bool, lastSeq: Int
        enum CodingKeys: String, CodingKey {
            case id, token, state, rating, open, ended
            case stateLabel = "state_label", agentName = "agent_name", queuePosition = "queue_position"
            case waitMinutes = "wait_minutes", lastSeq = "last_seq"
        }
    }
    struct Level: Encodable { let value: Int; let label: String }

    let shell: PageShell
    let organization: String
    let embed: Bool
    let room: Room?
    let messages: [Message]
    let levels: [Level]
    let maxChars: Int
    let errors: [String: String]
    let name: String
    let phone: String

    static func build(_ req: Request, chat: ChatRecord?, token: String?, errors: [String: String] = [:], flashError: String? = nil,
                      name: String = "", phone: String = "") async throws -> ChatCustomerPage {
        let services = req.services
        var room: Room?
        var messages: [Message] = []
        if let chat, let token {
            let spot = try await ChatQueueSpot.of(chat, db: req.db, services: services, hub: req.application.chatHub)
            let state = ChatState(rawValue: chat.state) ?? .queued
            room = Room(id: chat.id!.uuidString, token: token, state: chat.state, stateLabel: req.t("chat.state.\(chat.state)"),
                        agentName: chat.agentName, queuePosition: spot.map { $0.ahead + 1 },
                        waitMinutes: spot.map { max(1, ($0.waitSeconds + 59) / 60) }, rating: chat.rating,
                        open: state.isOpen, ended: state == .ended, lastSeq: chat.lastSeq)
            // The newest 200 messages are on the page; the script catches up on anything after them.
            let recent = try await ChatMessageRecord.query(on: req.db).filter(\.$chatID == chat.id!)
                .sort(\.$seq, .descending).limit(200).all().reversed()
            messages = recent.map { m in
                Message(seq: m.seq, party: m.party, authorName: m.authorName, body: m.body,
                        imageURL: m.imageType == nil ? nil : "/chat/images/\(m.seq)",
                        at: DisplayTime.format(m.at, req), mine: m.party == ChatParty.customer.rawValue)
            }
        }
        let levels = (1...5).reversed().map { Level(value: $0, label: req.t("chat.rating.\($0)")) }
        return ChatCustomerPage(shell: PageShell(req, title: req.t("chat.customer_title"), flashError: flashError),
                                organization: services.rulebook.organization.name,
                                embed: req.query[String.self, at: "embed"] == "1", room: room, messages: messages, levels: levels,
                                maxChars: services.rulebook.chat.maxMessageChars, errors: errors, name: name, phone: phone)
    }
}
