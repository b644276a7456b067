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

@Suite("Quality inspection pages (质检)")
struct QualityPagesTests {
    @Test("QA-01/QA-02 the board, the scorecard form from the case page, the scorecard, my scorecards and the summaries render; bad forms show the message")
    func pages() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await QualityCast.make(app)
            let caseID = try #require(try await app.openCase(as: cast.wang, phone: Application.uniquePhone())["id"] as? String)
            var inspector = WebSession(app)
            try await inspector.logIn("qazhou", cast.inspector.password)
            let board = try await inspector.get("/qa")
            #expect(board.status == .ok)
            #expect(board.body.string.contains("qa-quota"))
            #expect(board.body.string.contains("Wangwu"))
            let casePage = try await inspector.get("/cases/\(caseID)")
            #expect(casePage.body.string.contains("/qa/inspections/new?case_id=\(caseID)"))
            let form = try await inspector.get("/qa/inspections/new?case_id=\(caseID)")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("语气语调"))
            #expect(form.body.string.contains("score_tone"))
            var values = ["case_id": caseID, "form": "call", "score_service_phrases": "10", "score_service_attitude": "10",
                          "score_tone": "4", "note_tone": "语气生硬", "score_needs_summary": "9", "correction": "请注意语气"]
            let bad = try await inspector.post("/qa/inspections", values)
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("flash-error"))
            #expect(bad.body.string.contains("qa-form"))
            values["score_adaptability"] = "8"
            let saved = try await inspector.post("/qa/inspections", values)
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(400))")
            let location = try #require(saved.headers.first(name: .location))
            let path = String(location.split(separator: "?")[0])
            let page = try await inspector.get(path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("请注意语气"))
            #expect(try await inspector.get("/qa/weekly").status == .ok)
            let plan = try await inspector.post("/qa/weekly/plan", ["week": "2026-11-23", "agent_id": "", "plan": "语气语调培训"])
            #expect(plan.status == .seeOther)
            #expect(try await inspector.get("/qa/weekly?week=2026-11-23").body.string.contains("语气语调培训"))
            #expect(try await inspector.post("/qa/weekly/plan", ["week": "2026-11-23", "plan": ""]).status == .badRequest)
            let monthly = try await inspector.get("/qa/monthly?month=2026-11")
            #expect(monthly.status == .ok)
            #expect(monthly.body.string.contains("Wangwu"))

            // The agent: their scorecards, acknowledgement and dispute through the forms.
            var wang = WebSession(app)
            try await wang.logIn("wangwu", cast.wang.password)
            #expect(try await wang.get("/qa").status == .forbidden)
            let mine = try await wang.get("/qa/mine")
            #expect(mine.status == .ok)
            #expect(mine.body.string.contains(path))
            #expect(try await wang.post("\(path)/acknowledge", ["version": "1"]).status == .seeOther)
            let empty = try await wang.post("\(path)/dispute", ["reason": ""])
            #expect(empty.status == .badRequest)
            #expect(empty.body.string.contains("flash-error"))
            #expect(try await wang.post("\(path)/dispute", ["reason": "客户情绪激动"]).status == .seeOther)
            var li = WebSession(app)
            try await li.logIn("lisi", cast.li.password)
            #expect(try await li.get(path).status == .notFound)

            // The CS director corrects the score.
            var director = WebSession(app)
            try await director.logIn("director", cast.director.password)
            let disputed = try await director.get(path)
            #expect(disputed.body.string.contains("qa-decide"))
            let decided = try await director.post("\(path)/decide", [
                "outcome": "corrected", "reason": "复听录音", "score_service_phrases": "10", "score_service_attitude": "10",
                "score_tone": "8", "score_needs_summary": "9", "score_adaptability": "8"])
            #expect(decided.status == .seeOther, "\(decided.body.string.prefix(400))")
            let twice = try await director.post("\(path)/decide", ["outcome": "upheld", "reason": "x"])
            #expect(twice.status == .conflict)
            #expect(twice.body.string.contains("flash-error"))
        }
    }
}
