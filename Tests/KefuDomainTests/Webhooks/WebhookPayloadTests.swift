import Foundation
import Testing
@testable import KefuDomain

@Suite("Webhook payload formats")
struct WebhookPayloadTests {
    @Test("generic: exact sorted-keys JSON, RFC 3339 UTC, lowercased UUID")
    func generic() {
        let body = WebhookPayload.body(for: Fixtures.event(), format: .generic)
        #expect(Fixtures.string(body) == #"{"detail":"请在 30 分钟内响应","event":"case.assigned","#
            + #""link":"https://kefu.example.cn/cases/42","occurred_at":"2024-05-01T08:00:00Z","#
            + #""subject_id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","subject_type":"case","#
            + #""title":"工单已分配给 张三"}"#)
    }

    @Test("generic: nil detail and link are omitted, hostile text passes through JSON-escaped")
    func genericOmitsNil() throws {
        let event = Fixtures.event(title: "say \"hi\"\n<script>", detail: nil, link: nil)
        let body = WebhookPayload.body(for: event, format: .generic)
        let object = try Fixtures.object(body)
        #expect(Set(object.keys) == ["event", "occurred_at", "subject_type", "subject_id", "title"])
        #expect(object["title"] as? String == "say \"hi\"\n<script>")
    }

    @Test("wecom: exact markdown robot JSON")
    func wecom() {
        let body = WebhookPayload.body(for: Fixtures.event(), format: .wecom)
        #expect(Fixtures.string(body) == #"{"markdown":{"content":"**工单已分配给 张三**\n请在 30 分钟内响应\n"#
            + #"[查看详情](https://kefu.example.cn/cases/42)"},"msgtype":"markdown"}"#)
    }

    @Test("wecom: ignores mentions, no detail/link lines when nil")
    func wecomMinimal() {
        let body = WebhookPayload.body(
            for: Fixtures.event(detail: nil, link: nil), format: .wecom, mentionMobiles: ["13800000000"])
        #expect(Fixtures.string(body) == #"{"markdown":{"content":"**工单已分配给 张三**"},"msgtype":"markdown"}"#)
    }

    @Test("dingtalk: exact JSON with @mobiles in text and atMobiles")
    func dingtalk() {
        let body = WebhookPayload.body(
            for: Fixtures.event(), format: .dingtalk,
            mentionMobiles: ["13800000000", " 13900000000 ", "13800000000", "", "abc"])
        #expect(Fixtures.string(body) == #"{"at":{"atMobiles":["13800000000","13900000000"],"isAtAll":false},"#
            + #""markdown":{"text":"**工单已分配给 张三**\n\n请在 30 分钟内响应\n\n"#
            + #"[查看详情](https://kefu.example.cn/cases/42) @13800000000 @13900000000","#
            + #""title":"工单已分配给 张三"},"msgtype":"markdown"}"#)
    }

    @Test("hostile title/detail cannot inject links, emphasis, code or tags")
    func escaping() throws {
        let event = Fixtures.event(
            title: "[点我](https://evil.example) **急**\n<font color=\"warning\">x</font>",
            detail: "`code` _i_ ~~s~~ > quote <script>alert(1)</script> ![img](x.png)",
            link: "https://kefu.example.cn/c/(1)")
        for format in [WebhookFormat.wecom, .dingtalk] {
            let object = try Fixtures.object(WebhookPayload.body(for: event, format: format))
            let markdown = try #require(object["markdown"] as? [String: Any])
            let text = try #require((markdown["content"] ?? markdown["text"]) as? String)
            let userPart = text.components(separatedBy: "[查看详情]")[0]
            for forbidden in ["[", "]", "(", ")", "`", "<", ">", "~", "_"] {
                #expect(!userPart.contains(forbidden), "\(format): \(forbidden) in \(userPart)")
            }
            #expect(userPart.hasPrefix("**［点我］（https://evil.example） ＊＊急＊＊ ＜font color=\"warning\"＞x＜/font＞**"))
            #expect(text.hasSuffix("[查看详情](https://kefu.example.cn/c/%281%29)"))
        }
    }

    @Test("non-http(s) or relative links are dropped from markdown")
    func unsafeLinks() {
        for link in ["javascript:alert(1)", "/cases/42", "ftp://x.example/a", "not a url"] {
            let body = Fixtures.string(WebhookPayload.body(for: Fixtures.event(link: link), format: .wecom))
            #expect(!body.contains("查看详情"), "\(link)")
        }
    }

    @Test("every format produces valid JSON")
    func allFormats() throws {
        for format in WebhookFormat.allCases {
            _ = try Fixtures.object(WebhookPayload.body(for: Fixtures.event(), format: format))
        }
    }
}
