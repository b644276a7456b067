import Foundation
import Testing
@testable import KefuDomain

@Suite("Retry policy and response check")
struct WebhookRetryPolicyTests {
    let policy = WebhookRetryPolicy()
    let now = Date(timeIntervalSince1970: 1_714_550_400)

    @Test("default delay table 30 s / 2 min / 10 min / 30 min / 2 h, then exhausted")
    func table() {
        #expect(policy.maxAttempts == 6)
        let expected: [Int: TimeInterval] = [1: 30, 2: 120, 3: 600, 4: 1_800, 5: 7_200]
        for (attempt, delay) in expected {
            #expect(policy.nextAttempt(after: attempt, at: now) == now.addingTimeInterval(delay))
        }
        #expect(policy.nextAttempt(after: 6, at: now) == nil)
        #expect(policy.nextAttempt(after: 0, at: now) == now)
        #expect(policy.delay(beforeAttempt: 1) == nil)
    }

    @Test("custom maxAttempts shortens or extends (reusing the last delay)")
    func custom() {
        #expect(WebhookRetryPolicy(maxAttempts: 2).nextAttempt(after: 2, at: now) == nil)
        #expect(WebhookRetryPolicy(maxAttempts: 8).delay(beforeAttempt: 8) == 7_200)
    }

    @Test("status classes", arguments: [
        (nil, true), (200, false), (204, false), (301, false), (400, false), (401, false),
        (404, false), (408, true), (410, false), (429, true), (500, true), (502, true), (503, true),
    ] as [(Int?, Bool)])
    func statusClasses(status: Int?, retry: Bool) {
        #expect(policy.isRetryable(statusCode: status) == retry)
    }

    @Test("robot errcode: 0 succeeds, 93000 fails; generic accepts absent errcode")
    func responseCheck() {
        let ok = Data(#"{"errcode":0,"errmsg":"ok"}"#.utf8)
        let bad = Data(#"{"errcode":93000,"errmsg":"invalid webhook url"}"#.utf8)
        let plain = Data("accepted".utf8)
        for format in [WebhookFormat.wecom, .dingtalk] {
            #expect(WebhookResponseCheck.succeeded(format: format, statusCode: 200, body: ok))
            #expect(!WebhookResponseCheck.succeeded(format: format, statusCode: 200, body: bad))
            #expect(!WebhookResponseCheck.succeeded(format: format, statusCode: 200, body: plain))
            #expect(!WebhookResponseCheck.succeeded(format: format, statusCode: 502, body: ok))
        }
        #expect(WebhookResponseCheck.succeeded(format: .generic, statusCode: 204, body: Data()))
        #expect(WebhookResponseCheck.succeeded(format: .generic, statusCode: 200, body: plain))
        #expect(WebhookResponseCheck.succeeded(format: .generic, statusCode: 200, body: ok))
        #expect(!WebhookResponseCheck.succeeded(format: .generic, statusCode: 200, body: bad))
        #expect(!WebhookResponseCheck.succeeded(format: .generic, statusCode: 500, body: Data()))
        #expect(WebhookResponseCheck.errorCode(in: bad) == 93000)
    }
}
