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

@Suite("Return-visit pages: queue, visit with scripts and survey, weekly analysis, survey link")
struct ReturnVisitPagesTests {
    @Test("RTV-09 RTV-12 the visit page records the call with the 4 × 4 survey; a bad form shows the page again; the weekly page and CSV count it")
    func pages() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let visitor = try await app.staff("wuxia", roles: [.returnVisitor, .csDirector])
            let id = try #require(try await app.openCase(as: lina)["id"] as? String)
            _ = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: lina, json: ["assignee_id": lina.id.uuidString])
            _ = try await app.send(.POST, "api/v1/cases/\(id)/resolve", as: lina, json: ["resolution": "已处理"])
            var agent = WebSession(app)
            try await agent.logIn("lina", lina.password)
            let casePage = try await agent.get("/cases/\(id)")
            #expect(casePage.body.string.contains("case-follow-up"))
            let link = try await agent.post("/cases/\(id)/survey-link", [:])
            #expect(link.status == .ok)
            #expect(link.body.string.contains("/survey/"))
            var station = WebSession(app)
            try await station.logIn("wuxia", visitor.password)
            let queue = try await station.get("/return-visits")
            #expect(queue.status == .ok)
            let visit = try #require(try await ReturnVisitRecord.query(on: app.db).first())
            let page = try await station.get("/return-visits/\(visit.id!)")
            #expect(page.body.string.contains("attempt-form"))
            #expect(page.body.string.contains("rtv-scripts"))
            let bad = try await station.post("/return-visits/\(visit.id!)/attempts", ["outcome": "reached", "attitude": "satisfied"])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("flash-error"))
            let early = try await station.post("/return-visits/\(visit.id!)/close", [:])
            #expect(early.status == .unprocessableEntity)
            let done = try await station.post("/return-visits/\(visit.id!)/attempts", [
                "outcome": "reached", "resolved": "on", "attitude": "very_satisfied", "technical": "satisfied", "arrival_time": "satisfied",
                "promise": "satisfied", "note": "服务很好", "version": "\(visit.version)"])
            #expect(done.status == .seeOther)
            #expect(try await station.get("/return-visits/\(visit.id!)").body.string.contains("服务很好"))
            let calendar = app.services.rulebook.calendar
            let week = calendar.localDate(of: app.services.now()).description
            let weekly = try await station.get("/return-visits/weekly?week=\(week)")
            #expect(weekly.status == .ok)
            #expect(weekly.body.string.contains("visit-rate"))
            let csv = try await station.get("/return-visits/weekly.csv?week=\(week)")
            #expect(csv.body.string.contains("done,1"))
            #expect(csv.body.string.contains("服务很好"))
        }
    }
}
