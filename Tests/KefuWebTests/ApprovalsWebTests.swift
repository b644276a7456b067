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

@Suite("Approvals inbox page")
struct ApprovalsWebTests {
    @Test("CMP-32 the vice president finds a 3000-yuan settlement on the dashboard, must comment a rejection, and approves it on its page")
    func decideOnThePage() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            let vp = try await app.staff("hevp", roles: [.vp])
            let approval = try await ApprovalEngine(db: app.db, services: app.services).start(
                chain: ComplaintSettlementChain.chain(rulebook: app.services.rulebook, amount: 3000),
                subjectType: "complaint_decision", subjectID: UUID(), requestedBy: agent.id, requesterName: agent.username)
            var web = WebSession(app)
            try await web.logIn("hevp", vp.password)
            let dashboard = try await web.get("/")
            #expect(dashboard.body.string.contains("/approvals/\(approval.id)"))
            #expect(dashboard.body.string.contains("投诉处理决定"))
            let page = try await web.get("/approvals/\(approval.id)")
            #expect(page.body.string.contains("id=\"decide-form\""))
            #expect(page.body.string.contains("complaints.approval_bands"))
            let noComment = try await web.post("/approvals/\(approval.id)/decide", ["decision": "reject", "comment": " ", "version": "1"])
            #expect(noComment.status == .unprocessableEntity)
            #expect(noComment.body.string.contains("驳回时必须填写审批意见"))
            let approved = try await web.post("/approvals/\(approval.id)/decide", ["decision": "approve", "comment": "同意", "version": "1"])
            #expect(approved.status == .seeOther)
            #expect(try await ApprovalRepository(db: app.db).find(approval.id)?.state == .approved)
            let requesterInbox = try await NotificationRepository(db: app.db).inbox(userID: agent.id, unreadOnly: true, after: nil, limit: 5)
            #expect(requesterInbox.items.map(\.titleKey) == ["notice.approval_approved"])
        }
    }

    @Test("The requester sees their request under 'my requests' but gets no decide form")
    func requesterView() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent, .vp])
            let approval = try await ApprovalEngine(db: app.db, services: app.services).start(
                chain: ComplaintSettlementChain.chain(rulebook: app.services.rulebook, amount: 3000),
                subjectType: "complaint_decision", subjectID: UUID(), requestedBy: agent.id, requesterName: agent.username)
            var web = WebSession(app)
            try await web.logIn("lina", agent.password)
            let inbox = try await web.get("/approvals")
            #expect(inbox.body.string.contains("id=\"approvals-mine\""))
            #expect(inbox.body.string.contains("/approvals/\(approval.id)"))
            let page = try await web.get("/approvals/\(approval.id)")
            #expect(!page.body.string.contains("id=\"decide-form\""))
        }
    }
}
