import Foundation
import Testing
@testable import KefuDomain

@Suite("Markdown size limits")
struct WebhookTruncationTests {
    private func markdownText(_ format: WebhookFormat, _ event: WebhookEvent, mobiles: [String] = []) throws -> String {
        let object = try Fixtures.object(WebhookPayload.body(for: event, format: format, mentionMobiles: mobiles))
        let markdown = try #require(object["markdown"] as? [String: Any])
        return try #require((markdown["content"] ?? markdown["text"]) as? String)
    }

    @Test("wecom: 3000 Chinese characters truncate on a character boundary within 4096 bytes")
    func wecomChinese() throws {
        let title = String(repeating: "客", count: 3000)  // 9000 UTF-8 bytes
        let content = try markdownText(.wecom, Fixtures.event(title: title))
        #expect(content.utf8.count <= WebhookPayload.weComMaxContentBytes)
        #expect(content.utf8.count > WebhookPayload.weComMaxContentBytes - 3)
        #expect(!content.contains("\u{FFFD}"))
        #expect(content.hasPrefix("**客客"))
        #expect(content.contains("客…**"))
        #expect(content.hasSuffix("[查看详情](https://kefu.example.cn/cases/42)"))
        #expect(!content.contains("请在"))  // detail had no room left
        let kept = content.filter { $0 == "客" }.count
        #expect(kept < 3000 && kept > 1300)
    }

    @Test("long detail is truncated after a short title; grapheme clusters stay whole")
    func detailTruncation() throws {
        let detail = String(repeating: "👨‍👩‍👧", count: 400)  // 18 bytes each
        let content = try markdownText(.wecom, Fixtures.event(detail: detail, link: nil))
        #expect(content.utf8.count <= 4096)
        #expect(content.hasPrefix("**工单已分配给 张三**\n👨‍👩‍👧"))
        #expect(content.hasSuffix("👨‍👩‍👧…"))
    }

    @Test("dingtalk: title capped at 64 characters, text within limit, mentions kept")
    func dingtalkLimits() throws {
        let title = String(repeating: "警", count: 3000)
        let body = WebhookPayload.body(
            for: Fixtures.event(title: title), format: .dingtalk, mentionMobiles: ["13800000000"])
        let markdown = try #require(try Fixtures.object(body)["markdown"] as? [String: Any])
        let shortTitle = try #require(markdown["title"] as? String)
        #expect(shortTitle.count == 64)
        #expect(shortTitle.hasSuffix("…"))
        let text = try #require(markdown["text"] as? String)
        #expect(text.utf8.count <= WebhookPayload.dingTalkMaxTextBytes)
        #expect(text.hasSuffix(") @13800000000"))
    }

    @Test("truncate helper never splits a multi-byte character")
    func helper() {
        let text = "ab客c"  // bytes: 1,1,3,1
        #expect(WebhookMarkdown.truncate(text, maxBytes: 6) == text)
        #expect(WebhookMarkdown.truncate(text, maxBytes: 5) == "ab…")
        #expect(WebhookMarkdown.truncate(text, maxBytes: 7) == "ab客c")
        #expect(WebhookMarkdown.truncate("客客客", maxBytes: 8) == "客…")
        #expect(WebhookMarkdown.truncate("客客客", maxBytes: 2) == "")
    }
}
