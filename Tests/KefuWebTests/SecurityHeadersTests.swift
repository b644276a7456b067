import Foundation
import KefuCore
import KefuDomain
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Issue 20, defects found: no security headers, a static path with NUL served a script as HTML, 429s
/// without Retry-After, /metrics open to any "loopback" caller, cookies not Secure behind https.
@Suite("Issue 20: security headers, static paths, Retry-After, /metrics, Secure cookies")
struct SecurityHeadersTests {
    private func expectProtected(_ headers: HTTPHeaders, framed: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let csp = headers.first(name: "Content-Security-Policy") ?? ""
        #expect(csp.contains("script-src 'self'"), sourceLocation: sourceLocation)
        #expect(csp.contains("style-src 'self'"), sourceLocation: sourceLocation)
        #expect(!csp.contains("unsafe-inline"), sourceLocation: sourceLocation)
        #expect(headers.first(name: "X-Content-Type-Options") == "nosniff", sourceLocation: sourceLocation)
        #expect(headers.first(name: "Referrer-Policy") == "same-origin", sourceLocation: sourceLocation)
        if framed {
            #expect(csp.contains("frame-ancestors *"), sourceLocation: sourceLocation)
            #expect(headers.first(name: "X-Frame-Options") == nil, sourceLocation: sourceLocation)
        } else {
            #expect(csp.contains("frame-ancestors 'none'"), sourceLocation: sourceLocation)
            #expect(headers.first(name: "X-Frame-Options") == "DENY", sourceLocation: sourceLocation)
        }
    }

    @Test("I20-HDR-1 Pages, API answers and errors carry CSP (no inline script or style), no framing, nosniff, Referrer-Policy, no-store")
    func headersEverywhere() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            var web = WebSession(app)
            let login = try await web.get("/login")
            expectProtected(login.headers)
            #expect(login.headers.first(name: .cacheControl) == "no-store")
            _ = try await web.post("/login", ["username": "lina", "password": "secret-pass-1"])
            let dashboard = try await web.get("/")
            #expect(dashboard.status == .ok)
            expectProtected(dashboard.headers)
            #expect(dashboard.headers.first(name: .cacheControl) == "no-store")
            let api = try await app.testing().sendRequest(.GET, "api/v1/cases", headers: agent.bearer)
            #expect(api.status == .ok)
            expectProtected(api.headers)
            #expect(api.headers.first(name: .cacheControl) == "no-store")
            let missing = try await app.testing().sendRequest(.GET, "api/v1/cases/11111111-1111-1111-1111-111111111111", headers: agent.bearer)
            #expect(missing.status == .notFound)
            expectProtected(missing.headers)
            // Static files keep their own caching, with nosniff.
            let css = try await app.testing().sendRequest(.GET, "css/kefu.css")
            #expect(css.status == .ok)
            #expect(css.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(css.headers.first(name: .cacheControl) != "no-store")
        }
    }

    @Test("I20-HDR-2 The customer chat page may be framed by the widget's sites (KEFU_CHAT_FRAME_ANCESTORS), nothing else may")
    func chatFramable() async throws {
        try await withTestApp { app in
            let chat = try await app.testing().sendRequest(.GET, "chat")
            #expect(chat.status == .ok)
            expectProtected(chat.headers, framed: true)
            let narrowed = try Settings.fromEnvironment(["KEFU_CHAT_FRAME_ANCESTORS": "https://www.example.com"])
            #expect(narrowed.chatFrameAncestors == "https://www.example.com")
            #expect(throws: Settings.Invalid.self) { try Settings.fromEnvironment(["KEFU_CHAT_FRAME_ANCESTORS": "*; script-src *"]) }
        }
    }

    @Test("I20-HDR-3 No template has inline script, an inline event handler or a style attribute")
    func noInlineScript() throws {
        let views = URL(fileURLWithPath: KefuResources.viewsDirectory)
        let files = FileManager.default.enumerator(at: views, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "leaf" }
        #expect(files.count > 50)
        let inline = try Regex(#"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|javascript:"#).ignoresCase()
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.firstMatch(of: inline) == nil, "\(file.lastPathComponent)")
        }
    }

    @Test("I20-PATH-1 A NUL or control character in a path is 400, a .. segment (also encoded) 404; scripts are never served as HTML")
    func staticPaths() async throws {
        try await withTestApp { app in
            let script = try await app.testing().sendRequest(.GET, "js/kefu.js")
            #expect(script.status == .ok)
            #expect(script.headers.contentType?.subType == "javascript")
            for path in ["js/kefu.js%00.html", "js/kefu.js%00", "js/kefu.js%0a.html", "js%01/kefu.js"] {
                let res = try await app.testing().sendRequest(.GET, path)
                #expect(res.status == .badRequest, "\(path)")
                #expect(res.headers.contentType?.subType != "javascript", "\(path)")
            }
            for path in ["js/%2e%2e/js/kefu.js", "js/%2E%2E/css/kefu.css", "css/..%2fjs/kefu.js", "js/..%5ccss/kefu.css"] {
                let res = try await app.testing().sendRequest(.GET, path)
                #expect(res.status == .notFound, "\(path)")
            }
        }
    }

    @Test("I20-429-1 Every 429 carries Retry-After: API lockout, web lockout, chat start limit")
    func retryAfter() async throws {
        try await withTestApp { app in
            _ = try await app.staff("lina", roles: [.agent])
            var last: HTTPHeaders = [:]
            var status: HTTPResponseStatus = .ok
            for _ in 0..<7 {
                let res = try await app.testing().sendRequest(.POST, "api/v1/auth/login", headers: ["Content-Type": "application/json"],
                                                              body: ByteBuffer(string: #"{"username":"lina","password":"wrong-guess"}"#))
                status = res.status; last = res.headers
            }
            #expect(status == .tooManyRequests)
            #expect(Int(last.first(name: .retryAfter) ?? "") == 900)
            var web = WebSession(app)
            _ = try await web.get("/login")
            let page = try await web.post("/login", ["username": "lina", "password": "wrong-guess"])
            #expect(page.status == .tooManyRequests)
            #expect(Int(page.headers.first(name: .retryAfter) ?? "") == 900)
            var chatStatus: HTTPResponseStatus = .ok
            var chatHeaders: HTTPHeaders = [:]
            for _ in 0..<21 {
                let res = try await app.testing().sendRequest(.POST, "api/v1/chats", headers: ["Content-Type": "application/json"],
                                                              body: ByteBuffer(string: #"{"name":"王","phone":"13800000000"}"#))
                chatStatus = res.status; chatHeaders = res.headers
            }
            #expect(chatStatus == .tooManyRequests)
            #expect(Int(chatHeaders.first(name: .retryAfter) ?? "") == 600)
        }
    }

    @Test("I20-MET-1 /metrics needs the token even from loopback; KEFU_METRICS_PUBLIC=1 opens it deliberately")
    func metricsClosed() async throws {
        try await withTestApp { app in
            app.services.settings.metricsToken = nil
            app.services.settings.metricsPublic = false
            try await app.testing(method: .running(hostname: "127.0.0.1", port: 0)).test(.GET, "metrics") { res async in
                #expect(res.status == .forbidden)
            }
            app.services.settings.metricsToken = "scrape-secret"
            try await app.testing().test(.GET, "metrics") { res async in #expect(res.status == .unauthorized) }
            try await app.testing().test(.GET, "metrics", headers: ["Authorization": "Bearer scrape-secreT"]) { res async in
                #expect(res.status == .unauthorized)
            }
            try await app.testing().test(.GET, "metrics", headers: ["Authorization": "Bearer scrape-secret"]) { res async in
                #expect(res.status == .ok)
            }
            app.services.settings.metricsToken = nil
            app.services.settings.metricsPublic = true
            try await app.testing().test(.GET, "metrics") { res async in #expect(res.status == .ok) }
            #expect(try Settings.fromEnvironment(["KEFU_METRICS_PUBLIC": "1"]).metricsPublic)
            #expect(try !Settings.fromEnvironment([:]).metricsPublic)
        }
    }

    @Test("I20-COOKIE-1 Cookies are Secure when KEFU_PUBLIC_URL is https, without KEFU_SECURE_COOKIES")
    func secureCookies() async throws {
        #expect(try Settings.fromEnvironment(["KEFU_PUBLIC_URL": "https://kefu.example.com"]).secureCookies)
        #expect(try Settings.fromEnvironment(["KEFU_PUBLIC_URL": "HTTPS://kefu.example.com/"]).secureCookies)
        #expect(try !Settings.fromEnvironment(["KEFU_PUBLIC_URL": "http://kefu.example.com"]).secureCookies)
        #expect(try !Settings.fromEnvironment([:]).secureCookies)
        try await withTestApp { app in
            _ = try await app.staff("lina", roles: [.agent])
            app.services.settings.secureCookies = true
            var web = WebSession(app)
            _ = try await web.get("/login")
            let login = try await web.post("/login", ["username": "lina", "password": "secret-pass-1"])
            let cookie = try #require(login.headers[.setCookie].first { $0.hasPrefix("kefu_session=") })
            #expect(cookie.contains("Secure"))
        }
    }
}
