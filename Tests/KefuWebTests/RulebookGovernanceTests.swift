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

@Suite("Rulebook governance on the running system")
struct RulebookGovernanceTests {
    @Test("GOV-01 GOV-02 the rulebook page names the interpreting body, the effective date and the version in force")
    func rulebookPage() async throws {
        try await withTestApp { app in
            let director = try await app.staff("wangfang", roles: [.csDirector])
            var web = WebSession(app)
            try await web.logIn("wangfang", director.password)
            let page = try await web.get("/admin/rulebook")
            #expect(page.status == .ok)
            // A director reads the rules as a document (issue 21): the interpreting body and the effective date in
            // words, the version in force by its short form, and each rule's IDs.
            #expect(page.body.string.contains("解释部门") && page.body.string.contains("生效日期"))
            #expect(page.body.string.contains("2026年1月1日"))
            #expect(page.body.string.contains(app.services.rulebook.versionShort))
            #expect(page.body.string.contains("CMP-32"))
            let agent = try await app.staff("lina", roles: [.agent])
            try await app.testing().test(.GET, "api/v1/rulebook", headers: agent.bearer) { res async in #expect(res.status == .forbidden) }
        }
    }

    @Test("GOV-02 every decision records the rulebook version and the rule key that made it")
    func decisionsCarryVersion() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            let vp = try await app.staff("hevp", roles: [.vp])
            let approval = try await ApprovalEngine(db: app.db, services: app.services).start(
                chain: ComplaintSettlementChain.chain(rulebook: app.services.rulebook, amount: 1000),
                subjectType: "complaint_decision", subjectID: UUID(), requestedBy: agent.id, requesterName: agent.username)
            _ = try await ApprovalEngine(db: app.db, services: app.services).decide(
                id: approval.id, .approve, by: try await app.staffUser(of: vp), comment: nil, expectedVersion: nil)
            #expect(approval.rulebookVersion == app.services.rulebook.versionShort)
            let events = try await AuditRepository(db: app.db).timeline(subjectType: "approval", subjectID: approval.id, after: nil, limit: 5)
            #expect(events.items.count == 2)
            #expect(events.items.allSatisfy { $0.rulebookVersion == app.services.rulebook.versionShort && $0.ruleKey == "complaints.approval_bands" })
        }
    }
}
