import FluentKit
import Foundation

/// A CHN-16 breach: a customer waited past `due` for an answer (kind `first` or `message`). Recorded once per
/// chat and due instant (unique), counted in the agent's monthly evaluation by `month` (org time zone).
public final class ChatBreachRecord: Model, @unchecked Sendable {
    public static let schema = "chat_breaches"

    @ID(key: .id) public var id: UUID?
    @Field(key: "chat_id") public var chatID: UUID
    @OptionalField(key: "case_id") public var caseID: UUID?
    /// Nil while the chat was still queued (nobody had it yet).
    @OptionalField(key: "agent_id") public var agentID: UUID?
    @OptionalField(key: "agent_name") public var agentName: String?
    @Field(key: "kind") public var kind: String
    @Field(key: "due") public var due: Date
    @Field(key: "at") public var at: Date
    @Field(key: "month") public var month: String

    public init() {}
}

/// The transcript of an ended chat, kept with its case so the case search finds its words.
public final class ChatTranscriptRecord: Model, @unchecked Sendable {
    public static let schema = "chat_transcripts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "chat_id") public var chatID: UUID
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "text") public var text: String
    @Field(key: "written_at") public var writtenAt: Date

    public init() {}
}

/// One measurement of typing speed (ORG-08/09/11): from the typing test page or the chat console.
public final class TypingSampleRecord: Model, @unchecked Sendable {
    public static let schema = "typing_samples"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    /// `test` or `console`.
    @Field(key: "source") public var source: String
    @Field(key: "typed_chars") public var typedChars: Int
    @Field(key: "typed_ms") public var typedMs: Int
    /// Characters per minute.
    @Field(key: "speed") public var speed: Int
    @Field(key: "month") public var month: String
    @Field(key: "at") public var at: Date

    public init() {}
}
