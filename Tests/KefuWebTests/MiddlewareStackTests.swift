import Crypto
import Foundation
import KefuCore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Issue 22: static files answered from memory before the chain, the chain run in one Task. What the old
/// stack (FileMiddleware and ten AsyncMiddleware) gave must still be there.
@Suite("Issue 22: the middleware stack")
struct MiddlewareStackTests {
    private func expectProtected(_ headers: HTTPHeaders, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true, sourceLocation: sourceLocation)
        #expect(headers.first(name: "X-Frame-Options") == "DENY", sourceLocation: sourceLocation)
        #expect(headers.first(name: "X-Content-Type-Options") == "nosniff", sourceLocation: sourceLocation)
        #expect(headers.first(name: "Referrer-Policy") == "same-origin", sourceLocation: sourceLocation)
    }

    @Test("I22-MW-1 A static file: its bytes, media type, ETag and Last-Modified, the security headers; 304 on If-None-Match")
    func staticFile() async throws {
        try await withTestApp { app in
            let disk = try Data(contentsOf: URL(fileURLWithPath: KefuResources.publicDirectory + "js/forms.js"))
            let res = try await app.testing().sendRequest(.GET, "js/forms.js")
            #expect(res.status == .ok)
            #expect(Data(res.body.readableBytesView) == disk)
            #expect(res.headers.contentType?.subType == "javascript")
            #expect(res.headers.first(name: .contentLength) == "\(disk.count)")
            #expect(res.headers.first(name: .acceptRanges) == "bytes")
            #expect(res.headers.first(name: .lastModified) != nil)
            #expect(res.headers.first(name: .cacheControl) == nil)  // static files keep the browser's caching
            expectProtected(res.headers)
            let eTag = try #require(res.headers.first(name: .eTag))
            #expect(eTag.hasSuffix("-\(disk.count)\""))

            let again = try await app.testing().sendRequest(.GET, "js/forms.js", headers: ["If-None-Match": eTag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers.first(name: .eTag) == eTag)
            expectProtected(again.headers)

            let head = try await app.testing().sendRequest(.HEAD, "css/kefu.css")
            #expect(head.status == .ok)
            expectProtected(head.headers)
        }
    }

    @Test("I22-MW-2 Past the fast path (a query, a Range, an encoded name) the chain serves the same file, checks still apply")
    func slowPath() async throws {
        try await withTestApp { app in
            let query = try await app.testing().sendRequest(.GET, "js/forms.js?v=2")
            #expect(query.status == .ok)
            #expect(query.headers.contentType?.subType == "javascript")
            expectProtected(query.headers)
            let control = try await app.testing().sendRequest(.GET, "js/forms.js?v=%01")
            #expect(control.status == .badRequest)
            expectProtected(control.headers)
            let encoded = try await app.testing().sendRequest(.GET, "js/form%73.js")
            #expect(encoded.status == .ok)
            expectProtected(encoded.headers)
            let range = try await app.testing().sendRequest(.GET, "js/forms.js", headers: ["Range": "bytes=0-9"])
            #expect(range.status == .partialContent)
            #expect(range.body.readableBytes == 10)
            expectProtected(range.headers)
            let missing = try await app.testing().sendRequest(.GET, "js/nothing.js")
            #expect(missing.status == .notFound)
            expectProtected(missing.headers)
            let directory = try await app.testing().sendRequest(.GET, "js/")
            #expect(directory.status == .notFound)
        }
    }

    @Test("I22-MW-3 Static answers are counted in the metrics (route \"unmatched\"), routed ones by their pattern")
    func metrics() async throws {
        try await withTestApp { app in
            for _ in 0..<3 { _ = try await app.testing().sendRequest(.GET, "css/kefu.css") }
            _ = try await app.testing().sendRequest(.GET, "login")
            let text = app.services.metrics.text()
            #expect(text.contains(#"kefu_http_requests_total{method="GET",route="unmatched",status="2xx"} 3"#))
            #expect(text.contains(#"kefu_http_requests_total{method="GET",route="/login",status="2xx"} 1"#))
        }
    }

    @Test("I22-MW-4 Session and CSRF secrets: 43 base64url characters; stored hashes are lower-case hex SHA-256")
    func secrets() {
        let secret = TokenSecret.make()
        #expect(secret.count == 43)
        #expect(secret.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        #expect(TokenSecret.make() != secret)
        #expect(TokenSecret.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let expected = SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(TokenSecret.hash(secret) == expected)
    }
}
