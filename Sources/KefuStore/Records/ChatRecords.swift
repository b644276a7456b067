import FluentKit
import Foundation

/// A live web chat (issue 9). The customer holds a token (only its hash is stored); `lastSeq` is the number
/// of the chat's latest message.
public final class ChatRecord: Model, @unchecked Sendable {
    public static let schema = "chats"

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_hash") public var tokenHash: String
    /// `ChatState` raw value.
    @Field(key: "state") public var state: String
    @Field(key: "customer_name") public var customerName: String
    @OptionalField(key: "customer_phone") public var customerPhone: String?
    @OptionalField(key: "customer_id") public var customerID: UUID?
    /// The case the chat belongs to (channel `chat`), opened when an agent takes it or a message is left.
    @OptionalField(key: "case_id") public var caseID: UUID?
    @OptionalField(key: "agent_id") public var agentID: UUID?
    /// The team whose queue the chat waits in (nil: any team that serves chat), migration 0041.
    @OptionalField(key: "team_id") public var teamID: UUID?
    @OptionalField(key: "agent_name") public var agentName: String?
    @Field(key: "queued_at") public var queuedAt: Date
    @OptionalField(key: "assigned_at") public var assignedAt: Date?
    @OptionalField(key: "ended_at") public var endedAt: Date?
    @OptionalField(key: "ended_by") public var endedBy: String?
    @Field(key: "last_seq") public var lastSeq: Int
    @OptionalField(key: "last_customer_at") public var lastCustomerAt: Date?
    @OptionalField(key: "last_agent_at") public var lastAgentAt: Date?
    /// CHN-16: when the oldest unanswered customer message must be answered (nil: nothing waits).
    @OptionalField(key: "answer_due") public var answerDue: Date?
    @OptionalField(key: "rating") public var rating: Int?
    @Field(key: "version") public var version: Int

    public init() {}
}

/// One message of a chat, numbered by `seq` within it.
public final class ChatMessageRecord: Model, @unchecked Sendable {
    public static let schema = "chat_messages"

    @ID(key: .id) public var id: UUID?
    @Field(key: "chat_id") public var chatID: UUID
    @Field(key: "seq") public var seq: Int
    /// `ChatParty` raw value.
    @Field(key: "party") public var party: String
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "author_name") public var authorName: String
    @OptionalField(key: "body") public var body: String?
    @OptionalField(key: "image_type") public var imageType: String?
    @OptionalField(key: "image") public var image: Data?
    @Field(key: "at") public var at: Date

    public init() {}
}
