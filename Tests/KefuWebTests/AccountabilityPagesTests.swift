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

@Suite("Accountability pages: register, new case, case page with its next step, printable written decision")
struct AccountabilityPagesTests {
    @Test("ACC-08/ACC-09 through the pages: opened, heard, decided and printed; a bad form is shown again with the reason")
    func fullFlow() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await AccountabilityCast.make(app)
            var director = WebSession(app)
            try await director.logIn("director", cast.director.password)
            let list = try await director.get("/accountability")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("/accountability/new"))
            let form = try await director.get("/accountability/new")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("accountability-new-form"))
            let bad = try await director.post("/accountability", ["title": "", "origin": "manual", "trigger": "dereliction", "facts": ""])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("flash-error"))
            #expect(bad.body.string.contains("accountability-new-form"))
            let created = try await director.post("/accountability", [
                "title": "推诿客户投诉", "origin": "complaint", "trigger": "dereliction", "facts": "客户三次来电均被转接",
                "person_ids[]": cast.wang.id.uuidString, "investigator_id": cast.investigator.id.uuidString])
            #expect(created.status == .seeOther, "\(created.body.string.prefix(400))")
            let location = try #require(created.headers.first(name: .location))
            let path = String(location.split(separator: "?")[0])
            let id = String(path.split(separator: "/").last!)
            let page = try await director.get(path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("推诿客户投诉"))
            #expect(page.body.string.contains("next-step"))
            #expect(page.body.string.contains("decision-form"))
            // Deciding before the hearing: the page again, with the rule.
            let early = try await director.post("\(path)/decision", [
                "facts": "三次转接", "reasons": "推诿", "basis": "客服问责制度 三.2", "sanctions[]": "circulated_criticism"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains(app.ruleWords("accountability.statement_before_decision")))
            // The person is heard through their own page.
            var wang = WebSession(app)
            try await wang.logIn("wangwu", cast.wang.password)
            let own = try await wang.get("/accountability")
            #expect(own.body.string.contains("推诿客户投诉"))
            _ = try await wang.get(path)
            #expect(try await wang.post("\(path)/statements", ["body": "我以为需要转给技术部"]).status == .seeOther)
            _ = try await director.get(path)
            let decided = try await director.post("\(path)/decision", [
                "facts": "三次转接", "reasons": "推诿", "basis": "客服问责制度 三.2", "sanctions[]": "circulated_criticism",
                "circumstance_kind": "mitigating", "circumstance_description": "承认错误"])
            #expect(decided.status == .seeOther, "\(decided.body.string.prefix(400))")
            let printed = try await director.get("/accountability/\(id)/decision")
            #expect(printed.status == .ok)
            #expect(printed.body.string.contains("written-decision"))
            #expect(printed.body.string.contains("2026-11-26 10:00"))
            #expect(printed.body.string.contains("通报批评"))
            // The person acknowledges and sees the appeal form with the deadline.
            let mine = try await wang.get(path)
            #expect(mine.body.string.contains("acknowledge-form"))
            #expect(mine.body.string.contains("appeal-form"))
            #expect(try await wang.post("\(path)/acknowledge", [:]).status == .seeOther)
            // Without the CSRF token the form is refused.
            #expect(try await wang.post("\(path)/appeal", ["reason": "不服"], withCSRF: false).status == .forbidden)
            #expect(try await wang.post("\(path)/appeal", ["reason": "转接是按流程进行的"]).status == .seeOther)
            #expect(try await wang.post("\(path)/cause-analysis", ["cause": "流程不熟", "solution": "培训", "contingency_plan": "不确定时请示班长"]).status == .seeOther)
            // HR (the rulebook's appeal_to role) reviews from the page.
            var hr = WebSession(app)
            try await hr.logIn("hrchen", cast.hr.password)
            let review = try await hr.get(path)
            #expect(review.body.string.contains("review-form"))
            #expect(review.body.string.contains("accountability-appeal"))
            let noComment = try await hr.post("\(path)/review", ["outcome": "upheld"])
            #expect(noComment.status == .badRequest)
            #expect(noComment.body.string.contains("flash-error"))
            #expect(try await hr.post("\(path)/review", ["outcome": "upheld", "comment": "维持原决定"]).status == .seeOther)
            let reviewed = try await hr.get(path)
            #expect(reviewed.body.string.contains("维持原决定"))
            #expect(reviewed.body.string.contains("close-form"))
            #expect(try await hr.post("\(path)/close", [:]).status == .seeOther)
            #expect(try await hr.get("/accountability?state=final").body.string.contains("推诿客户投诉"))
            // A bystander cannot see it.
            var sun = WebSession(app)
            try await sun.logIn("sunqi", cast.bystander.password)
            #expect(try await sun.get(path).status == .notFound)
        }
    }
}
