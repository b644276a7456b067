import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// A small fines cast: a team leader who records, an HR reader, an agent and a second agent.
struct FinesCast {
    let leader: TestStaff
    let hr: TestStaff
    let wang: TestStaff
    let li: TestStaff

    static func make(_ app: Application) async throws -> FinesCast {
        FinesCast(leader: try await app.staff("banzhang", roles: [.teamLeader]), hr: try await app.staff("renshi", roles: [.hr]),
                  wang: try await app.staff("wangwu", roles: [.agent]), li: try await app.staff("lisi", roles: [.agent]))
    }
}

extension Application {
    /// Records a violation through the API as `by`; returns the response.
    func violation(_ code: String, for person: TestStaff, by: TestStaff, at: String? = nil, note: String? = nil) async throws -> TestingHTTPResponse {
        var body: [String: Any] = ["user_id": person.id.uuidString, "code": code]
        if let at { body["occurred_at"] = at }
        if let note { body["note"] = note }
        return try await send(.POST, "api/v1/violations", as: by, json: body)
    }
}
