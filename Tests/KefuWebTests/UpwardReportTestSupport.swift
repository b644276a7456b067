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

/// A CS department with two teams: agents lina (team A) and zhao (team B), their leaders, the shift leader,
/// the CS director, a QA inspector, and the center director above everyone.
struct UpwardOrg {
    let lina: TestStaff, zhao: TestStaff, leaderA: TestStaff, leaderB: TestStaff, shiftLeader: TestStaff
    let director: TestStaff, inspector: TestStaff, centerDirector: TestStaff

    static func make(_ app: Application) async throws -> UpwardOrg {
        let cs = try await app.department("客服部")
        let leaderA = try await app.staff("banzhang_a", roles: [.teamLeader], departmentID: cs)
        let leaderB = try await app.staff("banzhang_b", roles: [.teamLeader], departmentID: cs)
        let teamA = try await app.team("一班", departmentID: cs, leaderID: leaderA.id)
        let teamB = try await app.team("二班", departmentID: cs, leaderID: leaderB.id)
        return UpwardOrg(
            lina: try await app.staff("lina", roles: [.agent], departmentID: cs, teamID: teamA),
            zhao: try await app.staff("zhao", roles: [.agent], departmentID: cs, teamID: teamB),
            leaderA: leaderA, leaderB: leaderB,
            shiftLeader: try await app.staff("zhibanzhang", roles: [.shiftLeader], departmentID: cs),
            director: try await app.staff("zhuren", roles: [.csDirector], departmentID: cs),
            inspector: try await app.staff("zhijian", roles: [.qaInspector], departmentID: cs),
            centerDirector: try await app.staff("zhongxin", roles: [.centerDirector]))
    }
}

extension Application {
    /// Files a report through the API; `extra` overrides or adds fields.
    func fileUpward(as staff: TestStaff, category: String = "beyond_remit", proposal: String = "建议由班长协调技术部处理",
                    extra: [String: Any] = [:]) async throws -> TestingHTTPResponse {
        var body: [String: Any] = ["category": category, "summary": "客户要求退还三个月月租", "details": "客户称三个月无法上网，要求退还月租，超出我的权限",
                                   "proposal": proposal]
        body.merge(extra) { _, new in new }
        return try await send(.POST, "api/v1/upward-reports", as: staff, json: body)
    }

    func upwardInbox(_ staff: TestStaff) async throws -> [NotificationRecord] {
        try await NotificationRepository(db: db).inbox(userID: staff.id, unreadOnly: false, after: nil, limit: 50).items
    }

    func upwardAudit(_ id: String) async throws -> [AuditEventRecord] {
        try await AuditEventRecord.query(on: db).filter(\.$subjectID == UUID(uuidString: id)!).all()
    }
}
