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

/// The 请示报告 pages: from a case to the form, the leader's board panel, the instruction on the report page.
@Suite("Upward reports: pages (ESC)")
struct UpwardReportPagesTests {
    @Test("ESC-07 web: a case's 请示报告 button prefills the form, a missing proposal re-renders with the rule, the leader instructs from the board")
    func pages() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            let serviceCase = try await app.openCase(as: org.lina)
            let caseID = try #require(serviceCase["id"] as? String)
            var lina = WebSession(app)
            try await lina.logIn("lina", org.lina.password)
            #expect(try await lina.get("/cases/\(caseID)").body.string.contains("/upward-reports/new?case=\(caseID)"))
            let form = try await lina.get("/upward-reports/new?case=\(caseID)")
            #expect(form.status == .ok && form.body.string.contains(serviceCase["number"] as! String))
            var fields = ["category": "cannot_handle", "summary": "客户宽带故障无法处理", "details": "远程排查无效，需要上门", "proposal": "",
                          "case_id": caseID]
            let refused = try await lina.post("/upward-reports", fields)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(app.ruleWords("upward_reports.proposal_min_chars")) && refused.body.string.contains("远程排查无效"))
            fields["proposal"] = "建议派维修人员上门"
            let filed = try await lina.post("/upward-reports", fields)
            #expect(filed.status == .seeOther)
            let location = try #require(filed.headers.first(name: .location))
            let reportPath = String(location.split(separator: "?")[0])
            #expect(try await lina.get("/upward-reports").body.string.contains("客户宽带故障无法处理"))
            #expect(try await lina.get("/").body.string.contains("dashboard-upward"))

            var leader = WebSession(app)
            try await leader.logIn("banzhang_a", org.leaderA.password)
            let board = try await leader.get("/cases/board").body.string
            #expect(board.contains(#"id="board-upward-count">1<"#))
            #expect(try await leader.get("/upward-reports").body.string.contains("upward-awaiting"))
            let page = try await leader.get(reportPath)
            #expect(page.body.string.contains("upward-instruct-form"))
            #expect(try await leader.post("\(reportPath)/instruction", ["instruction": "好"]).status == .unprocessableEntity)
            #expect(try await leader.post("\(reportPath)/instruction", ["instruction": "同意，今天下午安排上门"]).status == .seeOther)
            #expect(try await leader.get("/cases/board").body.string.contains(#"id="board-upward-count">0<"#))
            let shown = try await lina.get(reportPath).body.string
            #expect(shown.contains("同意，今天下午安排上门") && shown.contains("upward-acknowledge"))

            var outsider = WebSession(app)
            try await outsider.logIn("zhao", org.zhao.password)
            #expect(try await outsider.get(reportPath).status == .notFound)
        }
    }
}
