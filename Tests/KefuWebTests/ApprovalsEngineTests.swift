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

@Suite("Approvals engine: chain, inbox, decisions, outcome handler")
struct ApprovalsEngineTests {
    /// Starts the example chain the complaints module will use (CMP-32) for `amount`.
    func startSettlement(_ app: Application, amount: Decimal, by requester: TestStaff) async throws -> Approval {
        let chain = ComplaintSettlementChain.chain(rulebook: app.services.rulebook, amount: amount)
        return try await ApprovalEngine(db: app.db, services: app.services)
            .start(chain: chain, subjectType: "complaint_decision", subjectID: UUID(), requestedBy: requester.id, requesterName: requester.username)
    }

    @Test("CMP-32 a settlement of 3000 waits for the vice president: the sales manager gets 403, the VP approves, twice is 409")
    func settlementOf3000() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            let sales = try await app.staff("xuqiang", roles: [.salesManager])
            let vp = try await app.staff("hevp", roles: [.vp])
            let approval = try await startSettlement(app, amount: 3000, by: agent)
            try await app.testing().test(.GET, "api/v1/approvals?state=pending&mine=true", headers: vp.bearer) { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(approval.id.uuidString))
                #expect(res.body.string.contains("\"rule\":\"complaints.approval_bands\""))
            }
            try await app.testing().test(.GET, "api/v1/approvals?state=pending&mine=true", headers: sales.bearer) { res async in
                #expect(!res.body.string.contains(approval.id.uuidString))
            }
            try await app.testing().test(.POST, "api/v1/approvals/\(approval.id)/approve", headers: sales.bearer) { res async in
                #expect(res.status == .forbidden)
                #expect(res.errorCode == "forbidden")
            }
            try await app.testing().test(.POST, "api/v1/approvals/\(approval.id)/approve", headers: vp.bearer, beforeRequest: { req in
                try req.content.encode(["comment": "同意按折扣处理"])
            }, afterResponse: { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("\"state\":\"approved\""))
            })
            try await app.testing().test(.POST, "api/v1/approvals/\(approval.id)/approve", headers: vp.bearer) { res async in
                #expect(res.status == .conflict)
            }
        }
    }

    @Test("Rejecting needs a comment (400); the requester is told the outcome; the decision is audited with its rule key")
    func rejectAndNotify() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            let gm = try await app.staff("gaoming", roles: [.gm])
            let approval = try await startSettlement(app, amount: 8000, by: agent)
            try await app.testing().test(.POST, "api/v1/approvals/\(approval.id)/reject", headers: gm.bearer) { res async in
                #expect(res.status == .badRequest)
                #expect(res.errorCode == "validation_failed")
            }
            try await app.testing().test(.POST, "api/v1/approvals/\(approval.id)/reject", headers: gm.bearer, beforeRequest: { req in
                try req.content.encode(["comment": "证据不足"])
            }, afterResponse: { res async in #expect(res.status == .ok) })
            let inbox = try await NotificationRepository(db: app.db).inbox(userID: agent.id, unreadOnly: true, after: nil, limit: 10)
            #expect(inbox.items.contains { $0.titleKey == "notice.approval_rejected" })
            let events = try await AuditRepository(db: app.db).timeline(subjectType: "approval", subjectID: approval.id, after: nil, limit: 10)
            #expect(events.items.map(\.action) == ["approval.requested", "approval.reject"])
            #expect(events.items.allSatisfy { $0.ruleKey == "complaints.approval_bands" })
        }
    }

    @Test("The approver of the first step is notified; a stale version is 409; the module's outcome handler runs once")
    func outcomeHandler() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            let sales = try await app.staff("xuqiang", roles: [.salesManager])
            let calls = Counter()
            app.services.approvalOutcomes.register(subjectType: "complaint_decision") { outcome in
                #expect(outcome.approval.state == .approved)
                await calls.increment()
            }
            let approval = try await startSettlement(app, amount: 500, by: agent)
            #expect(try await NotificationRepository(db: app.db).unreadCount(userID: sales.id) == 1)
            try await app.testing().test(.POST, "api/v1/approvals/\(approval.id)/approve", headers: sales.bearer, beforeRequest: { req in
                try req.content.encode(["version": 7])
            }, afterResponse: { res async in #expect(res.status == .conflict) })
            try await app.testing().test(.POST, "api/v1/approvals/\(approval.id)/approve", headers: sales.bearer, beforeRequest: { req in
                try req.content.encode(["version": 1])
            }, afterResponse: { res async in #expect(res.status == .ok) })
            #expect(await calls.value == 1)
        }
    }

    @Test("Someone unrelated cannot read an approval (404); a bad state filter is 400")
    func visibility() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            let other = try await app.staff("chen", roles: [.agent])
            let approval = try await startSettlement(app, amount: 500, by: agent)
            try await app.testing().test(.GET, "api/v1/approvals/\(approval.id)", headers: other.bearer) { res async in
                #expect(res.status == .notFound)
            }
            try await app.testing().test(.GET, "api/v1/approvals/\(approval.id)", headers: agent.bearer) { res async in
                #expect(res.status == .ok)
            }
            try await app.testing().test(.GET, "api/v1/approvals?state=maybe", headers: agent.bearer) { res async in
                #expect(res.status == .badRequest)
            }
        }
    }
}

actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}
