import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Issue 21 §1: the 待分派 list, the 派给 picker and the assign action agree (CaseAssignment).
@Suite("Cases: what the 待分派 list and the picker offer, the action accepts")
struct CaseAssignmentScopeWebTests {
    @Test("ESC-13 a team leader's 待分派 list shows only their team's cases and every name offered can be saved")
    func teamLeaderDispatchesWithoutDeadEnds() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let leader = try await app.staff("leadera", roles: [.teamLeader], departmentID: cs)
            let teamA = try await app.team("一班", departmentID: cs, leaderID: leader.id)
            let teamB = try await app.team("二班", departmentID: cs)
            _ = try await app.staff("annie", roles: [.agent], departmentID: cs, teamID: teamA)
            let agentA = try await app.staff("amy", roles: [.agent], departmentID: cs, teamID: teamA)
            let agentB = try await app.staff("bella", roles: [.agent], departmentID: cs, teamID: teamB)
            let ours = try await app.openCase(as: agentA, subject: "一班的宽带报障")
            let theirs = try await app.openCase(as: agentB, subject: "二班的话费疑问", phone: "13900002222")

            var web = WebSession(app)
            try await web.logIn("leadera", leader.password)
            let queue = try await web.get("/cases?view=unassigned").body.string
            #expect(queue.contains(ours["number"] as! String))
            #expect(!queue.contains(theirs["number"] as! String))
            let board = try await web.get("/cases/board").body.string
            #expect(board.contains(ours["number"] as! String))
            #expect(!board.contains(theirs["number"] as! String))

            let page = try await web.get("/cases/\(ours["id"] as! String)").body.string
            #expect(page.contains("Annie") && page.contains("Amy"))
            #expect(!page.contains("Bella"))
            #expect(page.contains(app.services.localization.text("case.assignee_open_cases", .zhHans, ["0"])))
            let offered = Self.options(named: "assignee_id", in: page)
            #expect(offered.count == 2)  // Annie and Amy (the leader is not in a team)
            var version = ours["version"] as! Int
            for assignee in offered {
                let saved = try await web.post("/cases/\(ours["id"] as! String)/assign", ["assignee_id": assignee, "version": String(version)])
                #expect(saved.status == .seeOther, "assigning \(assignee): \(saved.status)")
                version += 1
            }
        }
    }

    /// The option values of a `<select name=…>` in a page.
    static func options(named name: String, in html: String) -> [String] {
        guard let start = html.range(of: "name=\"\(name)\""), let end = html.range(of: "</select>", range: start.upperBound..<html.endIndex) else {
            return []
        }
        let select = html[start.upperBound..<end.lowerBound]
        return select.components(separatedBy: "<option value=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }
}
