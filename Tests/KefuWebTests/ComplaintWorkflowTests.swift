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

/// The complaint form between acceptance and closure: departments' tasks, the VP report, responsibility,
/// replies to the customer, the petition, severity routing and the overdue report.
@Suite("Complaints: departments' parts, deadlines, responsibility and replies")
struct ComplaintWorkflowTests {
    struct Desk {
        let cs: UUID, marketing: UUID, rnd: UUID
        let lina: TestStaff, marketer: TestStaff, engineer: TestStaff, vp: TestStaff, salesManager: TestStaff
    }

    func desk(_ app: Application) async throws -> Desk {
        let cs = try await app.department("客服部")
        let marketing = try await app.department("营销部", kind: .marketing)
        let rnd = try await app.department("研发部", kind: .rnd)
        return Desk(cs: cs, marketing: marketing, rnd: rnd,
                    lina: try await app.staff("lina", roles: [.agent], departmentID: cs),
                    marketer: try await app.staff("zhaomin", roles: [.marketing], departmentID: marketing),
                    engineer: try await app.staff("sunhao", roles: [.rnd], departmentID: rnd),
                    vp: try await app.staff("heyong", roles: [.vp]),
                    salesManager: try await app.staff("xuqiang", roles: [.salesManager]))
    }

    func complaint(_ app: Application, _ staff: TestStaff, severity: String = "general", extra: [String: Any] = [:]) async throws -> String {
        var form: [String: Any] = ["category": "quality", "order_no": "SO-2026-0815", "batch_no": "B-1107", "shipped_on": "2026-11-01",
                                   "defective_qty": 12, "customer_request": "退货", "claim_amount": "2000", "severity": severity]
        form.merge(extra) { _, new in new }
        let opened = try await app.openCase(as: staff, type: "complaint", subject: "产品外壳破裂", extra: ["complaint": form])
        return try #require(opened["id"] as? String)
    }

    func form(_ app: Application, _ id: String, as staff: TestStaff) async throws -> [String: Any] {
        try #require(try await app.send(.GET, "api/v1/cases/\(id)", as: staff).object()["complaint"] as? [String: Any])
    }

    func rule(_ response: TestingHTTPResponse) throws -> String? {
        (try response.object()["error"] as? [String: Any])?["rule"] as? String
    }

    @Test("CMP-12 CMP-13 the form keeps specification and quantity, the abnormal sample and where it is kept, and marketing's signed opinion")
    func formFields() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina, extra: ["spec_quantity": "KF-200 × 50", "sample_received": true,
                                                                 "sample_location": "质检室 3 号柜", "marketing_opinion": "订单属实，建议退货"])
            let form = try await form(app, id, as: desk.lina)
            #expect(form["spec_quantity"] as? String == "KF-200 × 50")
            #expect(form["sample_received"] as? Bool == true)
            #expect(form["sample_location"] as? String == "质检室 3 号柜")
            #expect(form["marketing_opinion"] as? String == "订单属实，建议退货")
        }
    }

    @Test("CMP-05 CMP-06 CMP-07 CMP-31 each department's task has its owner department, the step's deadline and a result")
    func tasks() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina)
            let verify = try await app.send(.POST, "api/v1/cases/\(id)/complaint/tasks", as: desk.lina, json: ["kind": "verify_order"])
            #expect(verify.status == .created, "\(verify.body.string)")
            let task = try verify.object()
            #expect(task["owner_department_id"] as? String == desk.marketing.uuidString)
            #expect(task["step"] as? String == "marketing")
            // CMP-31: marketing's step is 1 natural day by default, R&D's 2.
            #expect(task["due_at"] as? String == "2026-11-24T02:00:00Z")
            let investigate = try await app.send(.POST, "api/v1/cases/\(id)/complaint/tasks", as: desk.lina,
                                                 json: ["kind": "investigation", "owner_department_id": desk.rnd.uuidString]).object()
            #expect(investigate["due_at"] as? String == "2026-11-25T02:00:00Z")
            // The department sees its open tasks without the case queue, and only its own.
            let rndTasks = try await app.send(.GET, "api/v1/complaint-tasks", as: desk.engineer).items()
            #expect(rndTasks.map { $0["kind"] as? String } == ["investigation"])
            let taskID = try #require(task["id"] as? String)
            let path = "api/v1/cases/\(id)/complaint/tasks/\(taskID)/complete"
            #expect(try await app.send(.POST, path, as: desk.engineer, json: ["result": "x"]).status == .forbidden)
            #expect(try await app.send(.POST, path, as: desk.marketer, json: ["result": " "]).status == .badRequest)
            let done = try await app.send(.POST, path, as: desk.marketer, json: ["result": "订单 SO-2026-0815 属实，50 台，11-01 交运", "version": 1])
            #expect(done.status == .ok, "\(done.body.string)")
            #expect(try done.object()["state"] as? String == "done")
            #expect(try await app.send(.POST, path, as: desk.marketer, json: ["result": "again"]).status == .conflict)
            // The marketer reads the form through the task; a department without a task does not.
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/complaint/tasks", as: desk.lina, json: ["kind": "bogus"]).status == .badRequest)
            let form = try await form(app, id, as: desk.lina)
            #expect((form["tasks"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test("CMP-08 CMP-14 joint handling with a supplier names the partner and carries the time limit CS set")
    func jointHandling() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina)
            let missing = try await app.send(.POST, "api/v1/cases/\(id)/complaint/tasks", as: desk.lina, json: ["kind": "joint_handling"])
            #expect(missing.status == .badRequest)
            let fields = try #require((try missing.object()["error"] as? [String: Any])?["fields"] as? [String: Any])
            #expect(fields["partner"] != nil && fields["due_at"] != nil)
            let joint = try await app.send(.POST, "api/v1/cases/\(id)/complaint/tasks", as: desk.lina, json: [
                "kind": "joint_handling", "partner": "华东物流公司", "due_at": "2026-11-23T18:00:00+08:00"])
            #expect(joint.status == .created, "\(joint.body.string)")
            #expect(try joint.object()["due_at"] as? String == "2026-11-23T10:00:00Z")
            #expect(try joint.object()["partner"] as? String == "华东物流公司")
        }
    }

    @Test("CMP-15 finishing the investigation starts the 3-day report clock; the report goes to the VP in charge, who instructs on it")
    func reportToVP() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina)
            let task = try await app.send(.POST, "api/v1/cases/\(id)/complaint/tasks", as: desk.lina, json: ["kind": "investigation"]).object()
            clock.now = Date.t0.addingTimeInterval(3_600)
            _ = try await app.send(.POST, "api/v1/cases/\(id)/complaint/tasks/\(task["id"] as! String)/complete", as: desk.engineer,
                                   json: ["result": "注塑温度偏低导致外壳脆裂"])
            let clocks = try await DeadlineClockRepository(db: app.db).clocks(subjectType: "case", subjectID: UUID(uuidString: id)!)
            let report = try #require(clocks.first { $0.kind == "complaint_report" })
            #expect(report.dueAt == Date.t0.addingTimeInterval(3_600 + 3 * 86_400))
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/complaint/report/instruction", as: desk.vp, json: ["instruction": "x"]).status == .conflict)
            let sent = try await app.send(.POST, "api/v1/cases/\(id)/complaint/report", as: desk.lina, json: ["content": "调查结论：批次 B-1107 注塑温度偏低。"])
            #expect(sent.status == .ok, "\(sent.body.string)")
            let met = try await DeadlineClockRepository(db: app.db).clocks(subjectType: "case", subjectID: UUID(uuidString: id)!)
            #expect(met.first { $0.kind == "complaint_report" }?.state == .met)
            let inbox = try await NotificationRepository(db: app.db).inbox(userID: desk.vp.id, unreadOnly: true, after: nil, limit: 20)
            #expect(inbox.items.contains { $0.kind == "complaint.report" })
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/complaint/report/instruction", as: desk.lina, json: ["instruction": "同意"]).status == .forbidden)
            let instructed = try await app.send(.POST, "api/v1/cases/\(id)/complaint/report/instruction", as: desk.vp, json: ["instruction": "同意退货，追究批次责任"])
            #expect(instructed.status == .ok, "\(instructed.body.string)")
            let form = try await form(app, id, as: desk.lina)
            #expect((form["report"] as? [String: Any])?["instruction"] as? String == "同意退货，追究批次责任")
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/complaint/report/instruction", as: desk.vp, json: ["instruction": "再次"]).status == .conflict)
        }
    }

    @Test("CMP-33 a department's late step marks the complaint overdue: it shows in the overdue report and the department is told")
    func overdueReport() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina)
            let other = try await complaint(app, desk.lina)
            _ = try await app.send(.POST, "api/v1/cases/\(id)/complaint/tasks", as: desk.lina, json: ["kind": "verify_order"])
            _ = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: desk.lina, json: ["assignee_id": desk.lina.id.uuidString])
            _ = try await app.send(.POST, "api/v1/cases/\(other)/assign", as: desk.lina, json: ["assignee_id": desk.lina.id.uuidString])
            for case_ in [id, other] {
                _ = try await app.send(.POST, "api/v1/cases/\(case_)/complaint/reply", as: desk.lina, json: [
                    "kind": "progress", "channel": "phone", "content": "已受理，正在核实", "next_reply_at": "2026-11-26T10:00:00+08:00"])
            }
            #expect(try await app.send(.GET, "api/v1/complaints?overdue=true", as: desk.lina).items().isEmpty)
            clock.now = Date.t0.addingTimeInterval(30 * 3_600)
            _ = try await ScanDeadlines(db: app.db, services: app.services).run(now: clock.now)
            let overdue = try await app.send(.GET, "api/v1/complaints?overdue=true", as: desk.lina)
            #expect(try overdue.items().compactMap { $0["id"] as? String } == [id])
            #expect(try overdue.items().first?["complaint"] as? [String: Any] != nil)
            let inbox = try await NotificationRepository(db: app.db).inbox(userID: desk.marketer.id, unreadOnly: true, after: nil, limit: 20)
            #expect(inbox.items.contains { $0.kind == "complaint.task_breach" })
            #expect(try await app.send(.GET, "api/v1/complaints", as: desk.lina).items().count == 2)
        }
    }

    @Test("CMP-16 the responsible unit is judged; human negligence is exempt from case tracking")
    func responsibility() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina)
            let path = "api/v1/cases/\(id)/complaint/responsibility"
            let tracked = try await app.send(.POST, path, as: desk.lina, json: [
                "responsible_department_id": desk.rnd.uuidString, "fault": "human_negligence", "track_improvement": true])
            #expect(tracked.status == .unprocessableEntity)
            #expect(try rule(tracked) == "complaints.human_negligence_exempt")
            let ok = try await app.send(.POST, path, as: desk.lina, json: [
                "responsible_department_id": desk.rnd.uuidString, "fault": "quality", "track_improvement": true])
            #expect(ok.status == .ok, "\(ok.body.string)")
            let form = try await form(app, id, as: desk.lina)
            #expect((form["responsibility"] as? [String: Any])?["track_improvement"] as? Bool == true)
            #expect(try await app.send(.POST, path, as: desk.marketer, json: [
                "responsible_department_id": desk.rnd.uuidString, "fault": "quality", "track_improvement": false]).status == .notFound)
        }
    }

    @Test("CMP-17 the loss amount follows the loss standard's entries and the penalty type the deduction standard")
    func lossAndPenalty() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina)
            let path = "api/v1/cases/\(id)/complaint/responsibility"
            let base: [String: Any] = ["responsible_department_id": desk.rnd.uuidString, "fault": "quality", "track_improvement": true]
            #expect(try await app.send(.POST, path, as: desk.lina, json: base.merging(["loss_basis": "心情损失", "loss_amount": 100]) { $1 }).status == .badRequest)
            #expect(try await app.send(.POST, path, as: desk.lina, json: base.merging(["loss_basis": "产品成本", "loss_amount": -5]) { $1 }).status == .badRequest)
            #expect(try await app.send(.POST, path, as: desk.lina, json: base.merging(["penalty_type": "bonus_deduction"]) { $1 }).status == .badRequest)
            let ok = try await app.send(.POST, path, as: desk.lina, json: base.merging([
                "loss_basis": "产品成本", "loss_amount": "1280.5", "penalty_type": "bonus_deduction", "penalty_person_id": desk.engineer.id.uuidString]) { $1 })
            #expect(ok.status == .ok, "\(ok.body.string)")
            let responsibility = try #require(try await form(app, id, as: desk.lina)["responsibility"] as? [String: Any])
            #expect(responsibility["loss_amount"] as? String == "1280.50")
            #expect(responsibility["penalty_type"] as? String == "bonus_deduction")
        }
    }

    @Test("CMP-18 a conclusion is not given to the customer before the settlement is approved (422 with the rule key)")
    func replyBeforeApproval() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina)
            let decided = try await app.send(.POST, "api/v1/cases/\(id)/complaint/decision", as: desk.lina, json: [
                "method": "discount", "amount": 800, "reason": "按 8 折补偿"])
            let early = try await app.send(.POST, "api/v1/cases/\(id)/complaint/reply", as: desk.lina, json: [
                "kind": "conclusion", "channel": "phone", "content": "给您打 8 折"])
            #expect(early.status == .unprocessableEntity)
            #expect(try rule(early) == "complaints.approval_bands")
            let approval = try #require(((try decided.object()["complaint"] as? [String: Any])?["decision"] as? [String: Any])?["approval_id"] as? String)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: desk.salesManager, json: [:]).status == .ok)
            let reply = try await app.send(.POST, "api/v1/cases/\(id)/complaint/reply", as: desk.lina, json: [
                "kind": "conclusion", "channel": "letter", "content": "经核实，给予 8 折补偿。"])
            #expect(reply.status == .ok, "\(reply.body.string)")
            #expect(((try await form(app, id, as: desk.lina)["reply"] as? [String: Any])?["channel"] as? String) == "letter")
        }
    }

    @Test("CMP-24 CMP-25 a progress reply to the customer needs the next reply time")
    func progressReply() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina)
            let path = "api/v1/cases/\(id)/complaint/reply"
            let missing = try await app.send(.POST, path, as: desk.lina, json: ["kind": "progress", "channel": "phone", "content": "正在调查"])
            #expect(missing.status == .badRequest)
            #expect(try await app.send(.POST, path, as: desk.lina, json: [
                "kind": "progress", "channel": "phone", "content": "正在调查", "next_reply_at": "2026-11-20T10:00:00+08:00"]).status == .badRequest)
            let ok = try await app.send(.POST, path, as: desk.lina, json: [
                "kind": "progress", "channel": "phone", "content": "正在调查，明天下午回复您", "next_reply_at": "2026-11-24T15:00:00+08:00"])
            #expect(ok.status == .ok, "\(ok.body.string)")
            #expect(try await form(app, id, as: desk.lina)["next_reply_at"] as? String == "2026-11-24T07:00:00Z")
            // The reply is a note to the customer on the case.
            let notes = try await CaseRepository(db: app.db).notes(caseID: UUID(uuidString: id)!, includeInternal: false)
            #expect(notes.contains { $0.body == "正在调查，明天下午回复您" })
        }
    }

    @Test("CMP-20 a complaint found not established may go to the superior by petition when the customer objects")
    func notEstablished() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina)
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/complaint/petition", as: desk.lina, json: ["content": "x"]).status == .conflict)
            let decided = try await app.send(.POST, "api/v1/cases/\(id)/complaint/decision", as: desk.lina, json: [
                "method": "not_established", "amount": 0, "reason": "外壳破裂系客户跌落所致"]).object()
            let approval = try #require(((decided["complaint"] as? [String: Any])?["decision"] as? [String: Any])?["approval_id"] as? String)
            _ = try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: desk.salesManager, json: [:])
            let receivable = try await app.send(.POST, "api/v1/cases/\(id)/complaint/tasks", as: desk.lina, json: [
                "kind": "receivable", "owner_department_id": desk.marketing.uuidString])
            #expect(try receivable.object()["step"] as? String == "sales")
            let petition = try await app.send(.POST, "api/v1/cases/\(id)/complaint/petition", as: desk.lina, json: ["content": "客户坚持是质量问题，请示处理"])
            #expect(petition.status == .ok, "\(petition.body.string)")
            let petitionID = try #require((try petition.object()["complaint"] as? [String: Any])?["petition_approval_id"] as? String)
            let detail = try await app.send(.GET, "api/v1/approvals/\(petitionID)", as: desk.salesManager).object()
            #expect(((detail["steps"] as? [[String: Any]])?.first?["role"] as? String) == "sales_manager")
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/complaint/petition", as: desk.lina, json: ["content": "x"]).status == .conflict)
        }
    }

    @Test("CMP-27 CMP-29 a major complaint goes to the handler its severity names and at once to the department manager")
    func severityRouting() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let director = try await app.staff("zhou", roles: [.csDirector], departmentID: desk.cs)
            let manager = try await app.staff("qian", roles: [.deptManager], departmentID: desk.cs)
            _ = try await complaint(app, desk.lina, severity: "important")
            let directorInbox = try await NotificationRepository(db: app.db).inbox(userID: director.id, unreadOnly: true, after: nil, limit: 20)
            #expect(directorInbox.items.contains { $0.titleKey == "notice.complaint_important" })
            _ = try await complaint(app, desk.lina, severity: "major")
            let vpInbox = try await NotificationRepository(db: app.db).inbox(userID: desk.vp.id, unreadOnly: true, after: nil, limit: 20)
            #expect(vpInbox.items.contains { $0.titleKey == "notice.complaint_major" })
            let managerInbox = try await NotificationRepository(db: app.db).inbox(userID: manager.id, unreadOnly: true, after: nil, limit: 20)
            #expect(managerInbox.items.map(\.titleKey) == ["notice.complaint_major"])
        }
    }

    @Test("Bad input on the decision: a negative or non-numeric amount is 400 and nothing is written")
    func badDecision() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina)
            let path = "api/v1/cases/\(id)/complaint/decision"
            #expect(try await app.send(.POST, path, as: desk.lina, json: ["method": "discount", "amount": -1, "reason": "x"]).status == .badRequest)
            #expect(try await app.send(.POST, path, as: desk.lina, json: ["method": "discount", "amount": "abc", "reason": "x"]).status == .badRequest)
            #expect(try await app.send(.POST, path, as: desk.lina, json: ["method": "gift", "amount": 1, "reason": "x"]).status == .badRequest)
            #expect(try await ApprovalRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("CMP-09 the CS department chases a department's open task at any time; the department is told")
    func chase() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina)
            let task = try await app.send(.POST, "api/v1/cases/\(id)/complaint/tasks", as: desk.lina, json: ["kind": "investigation"]).object()
            let path = "api/v1/cases/\(id)/complaint/tasks/\(task["id"] as! String)/remind"
            #expect(try await app.send(.POST, path, as: desk.marketer).status != .ok)
            #expect(try await app.send(.POST, path, as: desk.lina).status == .ok)
            let inbox = try await NotificationRepository(db: app.db).inbox(userID: desk.engineer.id, unreadOnly: true, after: nil, limit: 20)
            #expect(inbox.items.contains { $0.kind == "complaint.task_reminder" })
        }
    }

    @Test("CMP-21 CMP-26 the solution, every step and its rule are recorded on the complaint's timeline")
    func recordedClearly() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let id = try await complaint(app, desk.lina)
            let task = try await app.send(.POST, "api/v1/cases/\(id)/complaint/tasks", as: desk.lina, json: ["kind": "verify_order"]).object()
            _ = try await app.send(.POST, "api/v1/cases/\(id)/complaint/tasks/\(task["id"] as! String)/complete", as: desk.marketer, json: ["result": "属实"])
            _ = try await app.send(.POST, "api/v1/cases/\(id)/complaint/decision", as: desk.lina, json: ["method": "discount", "amount": 300, "reason": "解决方法：九折"])
            #expect(((try await form(app, id, as: desk.lina)["decision"] as? [String: Any])?["reason"] as? String) == "解决方法：九折")
            let events = try await app.send(.GET, "api/v1/cases/\(id)/events?limit=200", as: desk.lina).items()
            let actions = Set(events.compactMap { $0["action"] as? String })
            for action in ["complaint.routed", "complaint.task_added", "complaint.task_done", "complaint.decision_requested"] {
                #expect(actions.contains(action), "missing \(action)")
            }
            #expect(events.contains { ($0["action"] as? String) == "complaint.decision_requested" && ($0["rule"] as? String) == "complaints.approval_bands" })
        }
    }
}
