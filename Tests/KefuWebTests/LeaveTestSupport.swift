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

/// A CS department with two teams (甲 led by banzhang, 乙 led by banzhang2), agents wang and li in 甲, zhao
/// in 乙, the CS director (≤ 1 day leave) and the center director (longer leave, official business).
/// Shifts: 白班 08:00–16:00, 中班 16:00–22:00 (touches 白班), 夜班 night 22:00–06:00, 节日班 holiday duty 08:00–16:00.
struct LeaveCast {
    let leader: TestStaff, leader2: TestStaff, wang: TestStaff, li: TestStaff, zhao: TestStaff
    let director: TestStaff, centerDirector: TestStaff
    let department: UUID, teamA: UUID, teamB: UUID
    let day: String, middle: String, night: String, holiday: String

    var shiftCast: ShiftCast { ShiftCast(leader: leader, wang: wang, li: li) }

    static func make(_ app: Application) async throws -> LeaveCast {
        let department = try await app.department("客服部")
        let leader = try await app.staff("banzhang", roles: [.teamLeader, .shiftLeader], departmentID: department)
        let leader2 = try await app.staff("banzhang2", roles: [.teamLeader], departmentID: department)
        let teamA = try await app.team("甲班", departmentID: department, leaderID: leader.id)
        let teamB = try await app.team("乙班", departmentID: department, leaderID: leader2.id)
        for (who, team) in [(leader, teamA), (leader2, teamB)] { try await setTeam(app, who.id, team) }
        let wang = try await app.staff("wangwu", roles: [.agent], departmentID: department, teamID: teamA)
        let li = try await app.staff("lisi", roles: [.agent], departmentID: department, teamID: teamA)
        let zhao = try await app.staff("zhaoliu", roles: [.agent], departmentID: department, teamID: teamB)
        let director = try await app.staff("zhuren", roles: [.csDirector], departmentID: department)
        let centerDirector = try await app.staff("zhongxin", roles: [.centerDirector])
        let cast = ShiftCast(leader: leader, wang: wang, li: li)
        func template(_ name: String, _ start: String, _ end: String, night: Bool = false, holiday: Bool = false) async throws -> String {
            let response = try await app.send(.POST, "api/v1/shift-templates", as: leader,
                                              json: ["name": name, "starts_at": start, "ends_at": end, "night": night, "holiday_duty": holiday])
            #expect(response.status == .created, "\(response.body.string)")
            return try #require(try response.object()["id"] as? String)
        }
        _ = cast
        return LeaveCast(leader: leader, leader2: leader2, wang: wang, li: li, zhao: zhao, director: director, centerDirector: centerDirector,
                         department: department, teamA: teamA, teamB: teamB,
                         day: try await template("白班", "08:00", "16:00"), middle: try await template("中班", "16:00", "22:00"),
                         night: try await template("夜班", "22:00", "06:00", night: true),
                         holiday: try await template("节日班", "08:00", "16:00", holiday: true))
    }

    static func setTeam(_ app: Application, _ userID: UUID, _ teamID: UUID) async throws {
        let user = try #require(try await UserRecord.find(userID, on: app.db))
        user.teamID = teamID
        try await user.save(on: app.db)
    }

    /// Rosters `who` and returns the entry id.
    func roster(_ app: Application, _ who: TestStaff, _ template: String, _ date: String) async throws -> String {
        let response = try await app.roster(shiftCast, who, template, date)
        #expect(response.status == .created, "\(response.body.string)")
        return try #require(try response.object()["id"] as? String)
    }

    /// Files leave as `who` and returns the response.
    func leave(_ app: Application, as who: TestStaff, _ type: String, _ start: String, _ end: String, extra: [String: Any] = [:]) async throws -> TestingHTTPResponse {
        var body: [String: Any] = ["type": type, "starts_at": start, "ends_at": end, "reason": "家中有事"]
        body.merge(extra) { _, new in new }
        return try await app.send(.POST, "api/v1/leave-requests", as: who, json: body)
    }

    /// The approval started for a request.
    static func approval(_ app: Application, _ id: String) async throws -> Approval {
        let record = try #require(try await LeaveRequestRecord.find(UUID(uuidString: id)!, on: app.db))
        let approvalID = try #require(record.approvalID)
        return try #require(try await ApprovalRepository(db: app.db).find(approvalID))
    }
}

extension Date {
    /// An instant from ISO 8601 text with its offset ("2026-11-25T08:00:00+08:00").
    static func leaveTime(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
}
