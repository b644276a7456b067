import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// A chat as the customer page, the console and the API show it (API.md "Online chat"). The customer never
/// sees staff-only fields (case, customer record); `answer_due` is what the console counts down (CHN-16).
struct ChatView: Content, Equatable {
    let id: UUID
    let state: String
    let customerName: String
    let agentName: String?
    /// Staff only: the assigned agent and the team whose queue the chat is in.
    let agentID: UUID?
    let teamID: UUID?
    let queuedAt: Date
    let assignedAt: Date?
    let endedAt: Date?
    let lastSeq: Int
    let answerDue: Date?
    let rating: Int?
    let caseID: UUID?
    /// While queued: how many chats wait before this one, and the estimated wait in seconds.
    let queuePosition: Int?
    let estimatedWaitSeconds: Int?
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, state, rating, version
        case customerName = "customer_name", agentName = "agent_name", agentID = "agent_id", teamID = "team_id", queuedAt = "queued_at", assignedAt = "assigned_at"
        case endedAt = "ended_at", lastSeq = "last_seq", answerDue = "answer_due", caseID = "case_id"
        case queuePosition = "queue_position", estimatedWaitSeconds = "estimated_wait_seconds"
    }

    init(_ record: ChatRecord, queue: ChatQueueSpot? = nil, forStaff: Bool) {
        id = record.id!; state = record.state; customerName = record.customerName; agentName = record.agentName
        agentID = forStaff ? record.agentID : nil; teamID = forStaff ? record.teamID : nil
        queuedAt = record.queuedAt; assignedAt = record.assignedAt; endedAt = record.endedAt; lastSeq = record.lastSeq
        answerDue = record.answerDue; rating = record.rating; caseID = forStaff ? record.caseID : nil
        queuePosition = queue?.ahead; estimatedWaitSeconds = queue?.waitSeconds; version = record.version
    }
}

/// One message: text (already checked and stored as text — pages escape it) or an image by its URL.
struct ChatMessageView: Content, Equatable {
    let seq: Int
    let party: String
    let authorName: String
    let body: String?
    let imageURL: String?
    let at: Date

    enum CodingKeys: String, CodingKey {
        case seq, party, body, at
        case authorName = "author_name", imageURL = "image_url"
    }

    init(_ record: ChatMessageRecord) {
        seq = record.seq; party = record.party; authorName = record.authorName; body = record.body; at = record.at
        imageURL = record.imageType == nil ? nil : "/api/v1/chats/\(record.chatID.uuidString)/images/\(record.seq)"
    }
}

/// `POST /api/v1/chats`: the new chat and its customer token (shown once; the page keeps it).
struct StartedChatView: Content {
    let chat: ChatView
    let token: String
}

/// Messages after a number, with the chat's state at the time of reading (a long-poll answer).
struct ChatMessagesView: Content {
    let items: [ChatMessageView]
    let chat: ChatView
}

struct StartChatRequest: Content {
    let name: String?
    let phone: String?
}

struct ChatTextRequest: Content {
    let text: String
}

struct RateChatRequest: Content {
    let rating: Int
}
