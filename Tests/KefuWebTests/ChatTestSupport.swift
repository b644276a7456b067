import Foundation
import KefuCore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// The customer's side of the chat API in tests: requests carrying the chat's own token.
extension Application {
    func chatStart(name: String? = "王先生", phone: String? = "13812345678") async throws -> (id: String, token: String) {
        var body: [String: Any] = [:]
        if let name { body["name"] = name }
        if let phone { body["phone"] = phone }
        let response = try await asCustomer(.POST, "api/v1/chats", token: nil, json: body)
        #expect(response.status == .created, "\(response.body.string)")
        let object = try response.object()
        let chat = object["chat"] as? [String: Any] ?? [:]
        return (chat["id"] as? String ?? "", object["token"] as? String ?? "")
    }

    func asCustomer(_ method: HTTPMethod, _ path: String, token: String?, json: [String: Any]? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.add(name: "X-Chat-Token", value: token) }
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        }
        return try await testing().sendRequest(method, path, headers: headers, body: body)
    }
}
