import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// JSON requests with free-form bodies for the case tests.
extension Application {
    /// Takes a case to closed through the API (assign to the caller, resolve, close).
    func close(_ id: String, as staff: TestStaff) async throws {
        _ = try await send(.POST, "api/v1/cases/\(id)/assign", as: staff, json: ["assignee_id": staff.id.uuidString])
        let resolved = try await send(.POST, "api/v1/cases/\(id)/resolve", as: staff, json: ["resolution": "已处理"])
        #expect(resolved.status == .ok, "\(resolved.body.string)")
        #expect(try await send(.POST, "api/v1/cases/\(id)/close", as: staff).status == .ok)
    }

    func send(_ method: HTTPMethod, _ path: String, as staff: TestStaff, json: [String: Any]? = nil) async throws -> TestingHTTPResponse {
        var headers = staff.bearer
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        }
        return try await testing().sendRequest(method, path, headers: headers, body: body)
    }

    /// Opens a case for a new customer (phone given) and returns its JSON.
    func openCase(as staff: TestStaff, type: String = "consultation", channel: String = "phone", subject: String = "宽带无法上网",
                  description: String = "客户来电反映家里宽带从昨晚开始无法上网", phone: String = "13812345678",
                  extra: [String: Any] = [:]) async throws -> [String: Any] {
        var body: [String: Any] = ["type": type, "channel": channel, "subject": subject, "description": description,
                                   "customer": ["name": "王先生", "phone": phone, "region": "深圳"]]
        body.merge(extra) { _, new in new }
        let response = try await send(.POST, "api/v1/cases", as: staff, json: body)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.object()
    }
}

extension TestingHTTPResponse {
    func object() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    func items() throws -> [[String: Any]] { (try object()["items"] as? [[String: Any]]) ?? [] }
}
