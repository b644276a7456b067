import Foundation

/// The live web chat (网络客服, issue 9): how many chats an agent holds at once, the per-message answer limit
/// (the first answer is `deadlines.chat_first_response_within`, CHN-16), message limits, the flood guard, the
/// organization's greeting and closing (KB-14, C20), and when an idle chat ends.
public struct ChatRules: Sendable, Equatable {
    public var maxConcurrentPerAgent: Int
    public var messageResponseWithin: DurationSpec
    public var maxMessageChars: Int
    public var maxImageBytes: Int
    public var rateLimitCount: Int
    public var rateLimitSeconds: Int
    public var greeting: String
    public var closing: String
    public var idleEndAfter: DurationSpec
    /// CHN-17/18 routing: the names of the teams that serve chat; empty = every team of a customer-service department.
    public var teams: [String] = []

    public init(maxConcurrentPerAgent: Int, messageResponseWithin: DurationSpec, maxMessageChars: Int, maxImageBytes: Int,
                rateLimitCount: Int, rateLimitSeconds: Int, greeting: String, closing: String, idleEndAfter: DurationSpec) {
        self.maxConcurrentPerAgent = maxConcurrentPerAgent; self.messageResponseWithin = messageResponseWithin
        self.maxMessageChars = maxMessageChars; self.maxImageBytes = maxImageBytes
        self.rateLimitCount = rateLimitCount; self.rateLimitSeconds = rateLimitSeconds
        self.greeting = greeting; self.closing = closing; self.idleEndAfter = idleEndAfter
    }

    public var policy: ChatMessagePolicy { ChatMessagePolicy(maxCharacters: maxMessageChars, maxImageBytes: maxImageBytes) }
}

extension ChatRules {
    init(_ r: RulebookReader) throws {
        self.init(maxConcurrentPerAgent: try r.at("max_concurrent_per_agent").int(),
                  messageResponseWithin: try r.at("message_response_within").duration(),
                  maxMessageChars: try r.at("max_message_chars").int(), maxImageBytes: try r.at("max_image_bytes").int(),
                  rateLimitCount: try r.at("rate_limit_count").int(), rateLimitSeconds: try r.at("rate_limit_seconds").int(),
                  greeting: try r.at("greeting").text(), closing: try r.at("closing").text(),
                  idleEndAfter: try r.at("idle_end_after").duration())
        teams = try r.optional("teams")?.list().map { try $0.text() } ?? []
    }
}

extension RulebookSchema {
    static let chat: [RulebookField] = [
        key("max_concurrent_per_agent", .integer(1...20), ["CHN-16"], "How many chats one agent holds at once", "每位客服同时接待的会话数上限"),
        key("message_response_within", .duration, ["CHN-16"], "Each later customer message is answered within", "客户后续消息的响应时限"),
        key("max_message_chars", .integer(1...10_000), ["CHN-04"], "Longest chat message (characters)", "单条消息最大字数"),
        key("max_image_bytes", .integer(1_024...20_971_520), ["CHN-04"], "Largest image a customer may send (bytes)", "客户可发送图片的大小上限（字节）"),
        key("rate_limit_count", .integer(1...1_000), ["CHN-04"], "At most this many messages per party …", "每方在时间窗内最多发送的消息数"),
        key("rate_limit_seconds", .integer(1...3_600), ["CHN-04"], "… within this many seconds (a flood is refused with 429)", "限流时间窗（秒）"),
        key("greeting", .text, ["KB-14", "PHR-01"], "The unified greeting sent when an agent takes the chat ({org} = organization name)", "统一问候语"),
        key("closing", .text, ["KB-14", "PHR-07"], "The unified closing sent when the agent ends the chat", "统一结束语"),
        key("idle_end_after", .duration, ["CHN-04"], "A chat with no message for this long ends by itself", "会话无消息多久后自动结束"),
        key("teams", .list(.text, minimumCount: 0, unique: true), ["CHN-17", "CHN-18"],
            "Teams that serve chat (names); empty = every team of a customer-service department", "承接网络客服的班组（名称）；留空＝客服部门的全部班组"),
    ]
}
