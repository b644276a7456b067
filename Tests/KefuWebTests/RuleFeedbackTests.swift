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

/// GOV-04/05: feedback on a rule through the normal channel, and the pages of the rulebook versions.
@Suite("Rule feedback and the rulebook pages (GOV)")
struct RuleFeedbackTests {
    @Test("GOV-05 feedback on a rule goes to the owner of its section, is answered once, and only its author and the owner see it")
    func feedbackChannel() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let zhao = try await app.staff("zhao", roles: [.agent])
            let hr = try await app.staff("renshi", roles: [.hr])
            let director = try await app.staff("wangfang", roles: [.csDirector])
            let key = try #require(app.services.rulebook.entries.first { $0.key.hasPrefix("leave.") }?.key)
            let filed = try await app.send(.POST, "api/v1/rule-feedback", as: lina,
                                           json: ["rule_key": key, "kind": "objection", "body": "病假提前一天申请不现实"])
            #expect(filed.status == .created)
            let item = try filed.object()
            let id = try #require(item["id"] as? String)
            #expect(item["owner_role"] as? String == "hr")
            #expect(try await app.send(.GET, "api/v1/notifications", as: hr).items().contains { $0["kind"] as? String == "rule_feedback" })
            #expect(try await app.send(.GET, "api/v1/rule-feedback?scope=to_me", as: hr).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/rule-feedback?scope=to_me", as: director).items().isEmpty)
            #expect(try await app.send(.GET, "api/v1/rule-feedback/\(id)", as: zhao).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/rule-feedback/\(id)/answer", as: director, json: ["answer": "x"]).status == .notFound)
            let answered = try await app.send(.POST, "api/v1/rule-feedback/\(id)/answer", as: hr, json: ["answer": "急病可事后补假，见 LV-09"])
            #expect(answered.status == .ok)
            #expect(try await app.send(.POST, "api/v1/rule-feedback/\(id)/answer", as: hr, json: ["answer": "again"]).status == .conflict)
            let mine = try await app.send(.GET, "api/v1/rule-feedback/\(id)", as: lina).object()
            #expect(mine["answer"] as? String == "急病可事后补假，见 LV-09")
            #expect(try await app.send(.GET, "api/v1/notifications", as: lina).items().contains { $0["kind"] as? String == "rule_feedback" })
            // Sections without an owner go to the CS director.
            let other = try await app.send(.POST, "api/v1/rule-feedback", as: lina, json: ["rule_key": "complaints.close_within", "kind": "suggestion", "body": "建议延长"])
            #expect(try other.object()["owner_role"] as? String == "cs_director")
        }
    }

    @Test("GOV-05 the author may not answer their own feedback; an unknown rule, a wrong kind or an empty text is refused")
    func badFeedback() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try await app.send(.POST, "api/v1/rule-feedback", as: lina,
                                        json: ["rule_key": "complaints.close_within", "kind": "suggestion", "body": "x"]).object()["id"] as? String
            let own = try await app.send(.POST, "api/v1/rule-feedback/\(try #require(id))/answer", as: lina, json: ["answer": "自己答"])
            #expect(own.status == .forbidden)
            let unknown = try await app.send(.POST, "api/v1/rule-feedback", as: lina, json: ["rule_key": "no.such.key", "kind": "suggestion", "body": "x"])
            #expect(unknown.status == .badRequest && unknown.body.string.contains("rule_key"))
            #expect(try await app.send(.POST, "api/v1/rule-feedback", as: lina, json: ["rule_key": "complaints", "kind": "praise", "body": "x"]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/rule-feedback", as: lina, json: ["rule_key": "complaints", "kind": "suggestion", "body": "  "]).status == .badRequest)
            #expect(try await RuleFeedbackRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("GOV-04 the rulebook page says which version is in force, why, and when the next review is due; rule feedback works on the web")
    func pages() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("admin1", roles: [.admin])
            var web = WebSession(app)
            try await web.logIn("admin1", admin.password)
            let page = try await web.get("/admin/rulebook")
            #expect(page.body.string.contains("默认规章"))
            #expect(page.body.string.contains("2027-01-01"))  // effective 2026-01-01 + 12 months (governance.review_every_months)
            let bad = try await web.post("/admin/rulebook/versions", ["content": "complaints:\n  nope: 1\n", "action": "preview"])
            #expect(bad.status == .badRequest && bad.body.string.contains("nope"))
            let preview = try await web.post("/admin/rulebook/versions", ["content": RulebookVersionTests.newRules, "action": "preview"])
            #expect(preview.status == .ok && preview.body.string.contains("notices.archive_after_days") && preview.body.string.contains("rulebook-schedule"))
            #expect(try await RulebookVersionRecord.query(on: app.db).count() == 0)
            let scheduled = try await web.post("/admin/rulebook/versions", ["content": RulebookVersionTests.newRules, "action": "schedule"])
            #expect(scheduled.status == .seeOther)
            #expect(try await web.get("/admin/rulebook").body.string.contains("客服中心办公室"))
            #expect(try await web.get("/admin/rulebook/versions").body.string.contains("现行"))
            let filed = try await web.post("/rule-feedback", ["rule_key": "", "kind": "suggestion", "body": "x"])
            #expect(filed.status == .badRequest)
            #expect(try await web.post("/rule-feedback", ["rule_key": "complaints.close_within", "kind": "suggestion", "body": "建议"]).status == .seeOther)
            #expect(try await web.get("/rule-feedback").body.string.contains("complaints.close_within"))
        }
    }
}
