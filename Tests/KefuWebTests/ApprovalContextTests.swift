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

/// The approver sees what they decide without leaving the page (the amount and what it is for, the case and its
/// customer masked as SEC-01..03 require, the requester by name, the dates, the earlier steps and the rule in
/// words), and decides leave, swaps and room bookings right in the inbox row.
@Suite("Approval context in the inbox and on the approval page")
struct ApprovalContextTests {
    struct Desk {
        let lina: TestStaff, vp: TestStaff, salesManager: TestStaff
    }

    func desk(_ app: Application) async throws -> Desk {
        let cs = try await app.department("客服部")
        let desk = Desk(lina: try await app.staff("lina", roles: [.agent], departmentID: cs),
                        vp: try await app.staff("heyong", roles: [.vp]),
                        salesManager: try await app.staff("xuqiang", roles: [.salesManager]))
        try await app.rename(desk.lina, "李娜")
        return desk
    }

    /// A complaint case of 王先生 (13812345678) and its settlement decision; returns the case number and the approval id.
    func settlement(_ app: Application, _ desk: Desk, amount: Int) async throws -> (number: String, approval: String) {
        let form: [String: Any] = ["category": "quality", "customer_request": "退货", "claim_amount": "2000", "severity": "general"]
        let opened = try await app.openCase(as: desk.lina, type: "complaint", subject: "产品外壳破裂", extra: ["complaint": form])
        let id = try #require(opened["id"] as? String), number = try #require(opened["number"] as? String)
        let decided = try await app.send(.POST, "api/v1/cases/\(id)/complaint/decision", as: desk.lina,
                                         json: ["method": "discount", "amount": amount, "reason": "外壳破裂属实，给予折扣"])
        #expect(decided.status == .ok, "\(decided.body.string)")
        let approval = try #require(((try decided.object()["complaint"] as? [String: Any])?["decision"] as? [String: Any])?["approval_id"] as? String)
        return (number, approval)
    }

    @Test("CMP-32 the inbox row of a settlement shows amount, method and reason, the case number and subject, the requester's name and the masked customer; the rule is in words, its key only in a tooltip")
    func settlementRow() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let (number, approval) = try await settlement(app, desk, amount: 3000)
            var vp = WebSession(app)
            try await vp.logIn("heyong", desk.vp.password)
            let page = try await vp.get("/approvals")
            let row = VisibleText.of(page.body.string, id: "approvals-waiting")
            for expected in ["3000", "元", "折扣", "外壳破裂属实", number, "产品外壳破裂", "李娜", "王先生", "138****5678", "投诉处理金额核决权限", "CMP-32", "副总经理"] {
                #expect(row.contains(expected), "the inbox row lacks \(expected): \(row)")
            }
            #expect(!row.contains("13812345678"), "the inbox shows the full number")
            #expect(!row.contains("complaints.approval_bands"))
            #expect(page.body.string.contains("title=\"complaints.approval_bands\""), "the rule key is not kept in a tooltip")
            #expect(VisibleText.machineWords(in: row).isEmpty, "machine words: \(VisibleText.machineWords(in: row))")
            #expect(page.body.string.contains("/approvals/\(approval)"))
            // The band that chose the approver, in words.
            #expect(row.contains("不少于 1000 元、不超过 5000 元由副总经理审批"), "\(row)")
        }
    }

    @Test("SEC-01 SEC-02 a sales manager without customer.pii.read reads the customer masked on the approval page; a VP reads it in full and the read is logged")
    func maskedCustomer() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let (_, small) = try await settlement(app, desk, amount: 500)
            var manager = WebSession(app)
            try await manager.logIn("xuqiang", desk.salesManager.password)
            let masked = VisibleText.of(try await manager.get("/approvals/\(small)").body.string)
            #expect(masked.contains("王先生 138****5678"), "\(masked)")
            #expect(!masked.contains("13812345678"))
            #expect(try await CustomerReadRecord.query(on: app.db).filter(\.$userID == desk.salesManager.id).count() == 0)
            let (_, large) = try await settlement(app, desk, amount: 3000)
            var vp = WebSession(app)
            try await vp.logIn("heyong", desk.vp.password)
            let full = VisibleText.of(try await vp.get("/approvals/\(large)").body.string)
            #expect(full.contains("王先生 13812345678"), "\(full)")
            let reads = try await CustomerReadRecord.query(on: app.db).filter(\.$userID == desk.vp.id).all()
            #expect(reads.map(\.via) == ["page.approval"])
        }
    }

    @Test("LV-07 a leave request shows its person, type and dates in the inbox row and is approved there; the confirmation says what was approved, in words")
    func decideLeaveInTheRow() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            try await app.rename(cast.wang, "王五")
            let filed = try await cast.leave(app, as: cast.wang, "personal", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
            #expect(filed.status == .created, "\(filed.body.string)")
            let approval = try #require(try filed.object()["approval_id"] as? String)
            var director = WebSession(app)
            try await director.logIn("zhuren", cast.director.password)
            let inbox = try await director.get("/approvals")
            let row = VisibleText.of(inbox.body.string, id: "approvals-waiting")
            for expected in ["王五", "事假", "11月25日 08:00–16:00", "家中有事", "1 天", "请假审批权限按天数划分", "客服部主任"] {
                #expect(row.contains(expected), "the inbox row lacks \(expected): \(row)")
            }
            #expect(VisibleText.machineWords(in: row).isEmpty, "machine words: \(VisibleText.machineWords(in: row))")
            #expect(inbox.body.string.contains("action=\"/approvals/\(approval)/decide\""), "the row has no decide form")
            // A rejection still needs its reason: the approval's page says so.
            let bare = try await director.post("/approvals/\(approval)/decide", ["decision": "reject", "from": "inbox", "version": "1"])
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.body.string.contains("驳回时必须填写审批意见"))
            let decided = try await director.post("/approvals/\(approval)/decide", ["decision": "approve", "from": "inbox", "version": "1", "comment": ""])
            #expect(decided.status == .seeOther)
            let back = try #require(decided.headers.first(name: .location))
            #expect(back == "/approvals?decided=\(approval)")
            let confirmed = VisibleText.of(try await director.get(back).body.string)
            #expect(confirmed.contains("已批准 王五 11月25日 08:00–16:00 的事假"), "\(confirmed)")
            #expect(try await LeaveRequestRecord.query(on: app.db).first()?.state == "approved")
        }
    }

    @Test("SWP-02 the second team leader reads the first one's decision, comment and name on the approval page and in the row; the first is told it went on")
    func earlierSteps() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            try await app.rename(cast.leader, "王芳")
            let mine = try await cast.roster(app, cast.wang, cast.day, "2026-11-26")
            let theirs = try await cast.roster(app, cast.zhao, cast.day, "2026-11-27")
            let created = try await app.send(.POST, "api/v1/shift-swaps", as: cast.wang,
                                             json: ["requester_roster_id": mine, "counterpart_roster_id": theirs, "reason": "本人需亲自处理事情"])
            #expect(created.status == .created, "\(created.body.string)")
            let approval = try #require(try created.object()["approval_id"] as? String)
            var first = WebSession(app)
            try await first.logIn("banzhang", cast.leader.password)
            let row = VisibleText.of(try await first.get("/approvals").body.string, id: "approvals-waiting")
            #expect(row.contains("11月26日 08:00–16:00"), "\(row)")
            let passed = try await first.post("/approvals/\(approval)/decide", ["decision": "approve", "from": "inbox", "version": "1", "comment": "人手够，同意"])
            #expect(passed.status == .seeOther)
            let told = VisibleText.of(try await first.get(try #require(passed.headers.first(name: .location))).body.string)
            #expect(told.contains("已同意 Wangwu 与 Zhaoliu 11月26日 的换班，转班长审批"), "\(told)")
            var second = WebSession(app)
            try await second.logIn("banzhang2", cast.leader2.password)
            let page = VisibleText.of(try await second.get("/approvals/\(approval)").body.string, id: "approval-steps")
            #expect(page.contains("班长") && page.contains("王芳") && page.contains("人手够，同意") && page.contains("同意"), "\(page)")
            let secondRow = VisibleText.of(try await second.get("/approvals").body.string, id: "approvals-waiting")
            #expect(secondRow.contains("王芳") && secondRow.contains("人手够，同意"), "\(secondRow)")
        }
    }

    @Test("Both languages: the inbox row of a leave request reads in English too, without machine words")
    func english() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            _ = try await cast.leave(app, as: cast.wang, "personal", "2026-11-25T00:00:00+08:00", "2026-11-27T00:00:00+08:00")
            let user = try #require(try await UserRecord.find(cast.centerDirector.id, on: app.db))
            user.language = "en"
            try await user.save(on: app.db)
            var director = WebSession(app)
            try await director.logIn("zhongxin", cast.centerDirector.password)
            let row = VisibleText.of(try await director.get("/approvals").body.string, id: "approvals-waiting")
            for expected in ["Wangwu", "Personal", "25 Nov–26 Nov", "2 day(s)"] {
                #expect(row.contains(expected), "the English row lacks \(expected): \(row)")
            }
            #expect(VisibleText.machineWords(in: row).isEmpty, "machine words: \(VisibleText.machineWords(in: row))")
        }
    }

    @Test("The inbox reads its rows' contexts in a bounded number of queries: two leave requests or ten cost the same")
    func noQueryPerRow() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            var approvals: [Approval] = []
            for day in 25...29 {
                for who in [cast.wang, cast.li] {
                    let filed = try await cast.leave(app, as: who, "personal", "2026-12-\(day)T08:00:00+08:00", "2026-12-\(day)T16:00:00+08:00")
                    let id = try #require(try filed.object()["id"] as? String)
                    approvals.append(try await LeaveCast.approval(app, id))
                }
            }
            func statements(for page: [Approval]) async throws -> Int {
                let recorder = SQLRecorder()
                let req = Request(application: app, on: app.eventLoopGroup.any())
                req.logger = Logger(label: "kefu.approval-context") { _ in SQLRecordingHandler(recorder: recorder) }
                req.staff = try await app.staffUser(of: cast.director)
                let views = try await ApprovalPresenter(req: req).views(page)
                #expect(views.count == page.count && views.allSatisfy { $0.summary != nil })
                return recorder.statements.count
            }
            let few = try await statements(for: Array(approvals.prefix(2)))
            let many = try await statements(for: approvals)
            #expect(few > 0, "no statement was recorded")
            #expect(few == many, "2 rows: \(few) statements, 10 rows: \(many)")
        }
    }
}
