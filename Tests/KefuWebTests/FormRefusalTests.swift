import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Issue 21 §7: a refused form says at the top what is wrong, field by field, in words, linked to the field.
@Suite("Forms: the refusal summary at the top")
struct FormRefusalTests {
    @Test("CMP-32 a letter in the decision amount is refused with a summary at the top naming 金额 and linking the field")
    func decisionAmount() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let id = try #require(try await app.openCase(as: lina, type: "complaint", subject: "外壳破裂", extra: ["complaint": [
                "category": "quality", "defective_qty": 1, "customer_request": "赔偿"]])["id"] as? String)
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            _ = try await web.get("/cases/\(id)/complaint")
            let refused = try await web.post("/cases/\(id)/complaint/decision", ["method": "compensation", "amount": "3000元", "reason": "质量问题属实"])
            #expect(refused.status == .badRequest)
            let page = refused.body.string
            let summary = try #require(page.range(of: "id=\"form-refusal\""))
            let top = page[summary.lowerBound...].prefix(800)
            #expect(top.contains("data-field=\"amount\""))
            #expect(top.contains("href=\"#field-amount\""))
            #expect(top.contains(app.services.localization.text("form.field.amount", .zhHans) + "："))
            #expect(!top.contains("amount:"))
            #expect(page.contains("/js/forms.js"))
        }
    }

    @Test("A refusal names its rule by title, never by its rulebook key")
    func ruleByTitle() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let (message, status) = request.refusal(DomainError.ruleViolation(rule: "cases.dispatch_within", reason: "error.validation_failed"))
            #expect(status == .unprocessableEntity)
            #expect(!message.contains("cases.dispatch_within"))
            _ = lina
        }
    }
}

extension Application {
    /// How a page names a rulebook key in a refusal (issue 21 §4: by its title, never the key).
    func ruleWords(_ key: String) -> String {
        Request(application: self, on: eventLoopGroup.next()).ruleTitle(key) ?? key
    }
}
