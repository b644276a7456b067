import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// A small shift cast: the supervisor (班长, builds the roster and leads), two agents.
struct ShiftCast {
    let leader: TestStaff
    let wang: TestStaff
    let li: TestStaff

    static func make(_ app: Application) async throws -> ShiftCast {
        ShiftCast(leader: try await app.staff("banzhang", roles: [.teamLeader, .shiftLeader]), wang: try await app.staff("wangwu", roles: [.agent]),
                  li: try await app.staff("lisi", roles: [.agent]))
    }
}

extension Application {
    /// Creates a shift template through the API; returns its id.
    func shiftTemplate(_ cast: ShiftCast, _ name: String, _ start: String, _ end: String, breaks: [String] = []) async throws -> String {
        let response = try await send(.POST, "api/v1/shift-templates", as: cast.leader,
                                      json: ["name": name, "starts_at": start, "ends_at": end, "breaks": breaks])
        #expect(response.status == .created, "\(response.body.string)")
        return try #require(try response.object()["id"] as? String)
    }

    /// Rosters `who` on `template` on `date`; returns the response.
    func roster(_ cast: ShiftCast, _ who: TestStaff, _ template: String, _ date: String, leads: Bool = false) async throws -> TestingHTTPResponse {
        try await send(.POST, "api/v1/roster", as: cast.leader, json: ["user_id": who.id.uuidString, "date": date, "shift_template_id": template, "leads": leads])
    }
}
