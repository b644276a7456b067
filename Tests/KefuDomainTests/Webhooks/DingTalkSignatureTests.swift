import Foundation
import Testing
@testable import KefuDomain

@Suite("DingTalk signed robot URL")
struct DingTalkSignatureTests {
    // Reference computed with Python hmac/hashlib/base64/urllib.parse.quote(safe="").
    let secret = "SEC000secret+/="
    let timestamp: Int64 = 1_700_000_000_000

    @Test("signature matches reference and Base64 is URL-encoded")
    func signatureVector() {
        #expect(DingTalkSignature.sign(secret: secret, timestampMillis: timestamp)
            == "G+OhJYsx+Fw5uJYjKaqTNh86E/c1a2d0opqbQpEuryQ=")
        let base = URL(string: "https://oapi.dingtalk.com/robot/send?access_token=abc123")!
        let url = DingTalkSignature.signedURL(base: base, secret: secret, timestampMillis: timestamp)
        #expect(url.absoluteString == "https://oapi.dingtalk.com/robot/send?access_token=abc123"
            + "&timestamp=1700000000000&sign=G%2BOhJYsx%2BFw5uJYjKaqTNh86E%2Fc1a2d0opqbQpEuryQ%3D")
    }

    @Test("uses ? when the base has no query and keeps a fragment last")
    func noQuery() {
        let plain = DingTalkSignature.signedURL(
            base: URL(string: "https://hooks.example.cn/robot")!, secret: secret, timestampMillis: timestamp)
        #expect(plain.absoluteString.hasPrefix("https://hooks.example.cn/robot?timestamp=1700000000000&sign=G%2B"))
        let withFragment = DingTalkSignature.signedURL(
            base: URL(string: "https://hooks.example.cn/robot#x")!, secret: secret, timestampMillis: timestamp)
        #expect(withFragment.absoluteString.hasSuffix("%3D#x"))
        #expect(withFragment.query?.hasPrefix("timestamp=1700000000000&sign=") == true)
    }
}
