import Fluent
import Foundation
import KefuCore
import KefuTestSupport
import Testing
import Vapor
import VaporTesting

/// A browser-like session for page tests: keeps cookies and reads the CSRF token from the last page.
struct WebSession {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf = ""

    init(_ app: Application) { self.app = app }

    var headers: HTTPHeaders {
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        return headers
    }

    mutating func remember(_ response: TestingHTTPResponse) {
        for value in response.headers[.setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if pair.count == 2 { cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1] }
        }
        let body = response.body.string
        if let range = body.range(of: #"name="csrf_token" value="([^"]+)""#, options: .regularExpression) {
            csrf = String(body[range]).components(separatedBy: "value=\"")[1].dropLast().description
        }
    }

    @discardableResult
    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.GET, path, headers: headers)
        remember(response)
        return response
    }

    @discardableResult
    mutating func post(_ path: String, _ form: [String: String], withCSRF: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if withCSRF { fields["csrf_token"] = csrf }
        var headers = headers
        headers.contentType = .urlEncodedForm
        let body = fields.map { "\($0.key.formEscaped)=\($0.value.formEscaped)" }.joined(separator: "&")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    mutating func logIn(_ username: String, _ password: String) async throws {
        try await get("/login")
        let response = try await post("/login", ["username": username, "password": password])
        #expect(response.status == .seeOther)
        try await get("/")
    }
}

extension String {
    var formEscaped: String {
        addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? self
    }
}
