import Foundation

/// Builds the HTTP request body for an outbound webhook.
public enum WebhookPayload {
    /// WeCom robot limit for `markdown.content` (UTF-8 bytes).
    public static let weComMaxContentBytes = 4096
    /// DingTalk documents no firm text limit; we apply the same 4096-byte cap.
    public static let dingTalkMaxTextBytes = 4096
    /// DingTalk `markdown.title` (shown in the conversation list / notification).
    public static let dingTalkMaxTitleCharacters = 64

    /// JSON body (UTF-8, sorted keys, unescaped slashes) for `event` in `format`.
    /// `mentionMobiles` is only used by DingTalk (WeCom markdown messages cannot @mobile;
    /// generic has no mentions). Mobiles are trimmed; entries not made of digits, `+`
    /// and `-` are dropped; duplicates are removed keeping order.
    public static func body(
        for event: WebhookEvent,
        format: WebhookFormat,
        mentionMobiles: [String] = []
    ) -> Data {
        switch format {
        case .generic:
            return encode(GenericBody(
                event: event.kind,
                occurredAt: event.occurredAt.formatted(Date.ISO8601FormatStyle()),
                subjectType: event.subjectType,
                subjectID: event.subjectID.uuidString.lowercased(),
                title: event.title,
                detail: event.detail,
                link: event.link
            ))
        case .wecom:
            let content = WebhookMarkdown.compose(
                title: event.title, detail: event.detail,
                link: WebhookLink.markdownSafe(event.link),
                separator: "\n", suffix: "", maxBytes: weComMaxContentBytes
            )
            return encode(WeComBody(markdown: .init(content: content)))
        case .dingtalk:
            let mobiles = normalizedMobiles(mentionMobiles)
            let text = WebhookMarkdown.compose(
                title: event.title, detail: event.detail,
                link: WebhookLink.markdownSafe(event.link),
                separator: "\n\n",
                suffix: mobiles.map { " @\($0)" }.joined(),
                maxBytes: dingTalkMaxTextBytes
            )
            let title = WebhookMarkdown.truncate(
                WebhookMarkdown.singleLine(event.title), maxCharacters: dingTalkMaxTitleCharacters
            )
            return encode(DingTalkBody(
                markdown: .init(title: title, text: text),
                at: .init(atMobiles: mobiles, isAtAll: false)
            ))
        }
    }

    static func normalizedMobiles(_ mobiles: [String]) -> [String] {
        let allowed = Set("0123456789+-")
        var seen = Set<String>()
        return mobiles
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && $0.allSatisfy(allowed.contains) && $0.contains(where: \.isNumber) }
            .filter { seen.insert($0).inserted }
    }

    private static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only strings/bools/arrays: encoding cannot fail.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}

private struct GenericBody: Encodable {
    let event: String
    let occurredAt: String
    let subjectType: String
    let subjectID: String
    let title: String
    let detail: String?
    let link: String?

    enum CodingKeys: String, CodingKey {
        case event, title, detail, link
        case occurredAt = "occurred_at"
        case subjectType = "subject_type"
        case subjectID = "subject_id"
    }
}

private struct WeComBody: Encodable {
    struct Markdown: Encodable { let content: String }
    let msgtype = "markdown"
    let markdown: Markdown
}

private struct DingTalkBody: Encodable {
    struct Markdown: Encodable { let title: String; let text: String }
    struct At: Encodable { let atMobiles: [String]; let isAtAll: Bool }
    let msgtype = "markdown"
    let markdown: Markdown
    let at: At
}
