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

/// A small reporting cast: a team with its leader and an agent, a second team, a shift leader (值班长)
/// who compiles the reports, the CS director who receives them and a return visitor.
struct ReportCast {
    let teamA: UUID, teamB: UUID
    let leaderA: TestStaff, lina: TestStaff, zhao: TestStaff
    let shiftLeader: TestStaff, director: TestStaff, visitor: TestStaff

    static func make(_ app: Application) async throws -> ReportCast {
        let department = try await app.department("客服部")
        let leaderA = try await app.staff("leadera", roles: [.teamLeader], departmentID: department)
        let teamA = try await app.team("一班", departmentID: department, leaderID: leaderA.id)
        let teamB = try await app.team("二班", departmentID: department)
        return ReportCast(teamA: teamA, teamB: teamB, leaderA: leaderA,
                          lina: try await app.staff("lina", roles: [.agent], departmentID: department, teamID: teamA),
                          zhao: try await app.staff("zhao", roles: [.agent], departmentID: department, teamID: teamB),
                          shiftLeader: try await app.staff("zhibanzhang", roles: [.shiftLeader], departmentID: department),
                          director: try await app.staff("wangfang", roles: [.csDirector]),
                          visitor: try await app.staff("wuxia", roles: [.returnVisitor]))
    }
}

extension Application {
    /// Opens a case as `staff`, takes it and resolves it; returns its id.
    func resolvedCase(as staff: TestStaff, type: String = "consultation", phone: String) async throws -> String {
        let id = try #require(try await openCase(as: staff, type: type, phone: phone)["id"] as? String)
        _ = try await send(.POST, "api/v1/cases/\(id)/assign", as: staff, json: ["assignee_id": staff.id.uuidString])
        let resolved = try await send(.POST, "api/v1/cases/\(id)/resolve", as: staff, json: ["resolution": "已处理"])
        #expect(resolved.status == .ok, "\(resolved.body.string)")
        return id
    }

    func report(_ path: String, as staff: TestStaff) async throws -> [String: Any] {
        let response = try await send(.GET, "api/v1/reports/\(path)", as: staff)
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.object()
    }
}

extension [String: Any] {
    func int(_ path: String...) -> Int? {
        var node: Any? = self
        for key in path { node = (node as? [String: Any])?[key] }
        return node as? Int
    }
}
