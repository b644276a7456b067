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

/// Who decides a leave request is shown before it is submitted (the chain the request will get, by name and
/// with its rule in words), filing confirms in words, and the leave page's 去审批 leads only to approvals the
/// reader can decide. Now is Mon 2026-11-23 10:00 +08:00; the cast is `LeaveCast`'s.
@Suite("Leave approval chain before submitting, and the way to decide it")
struct LeaveChainTests {
    func chain(_ app: Application, as who: TestStaff, _ type: String, _ start: String, _ end: String) async throws -> [String: Any] {
        let response = try await app.send(.GET, "api/v1/leave-requests/chain?type=\(type)&starts_at=\(start)&ends_at=\(end)", as: who)
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.object()
    }

    @Test("LV-07 the chain endpoint names the CS director for one day and the center director for two, and the filed request gets that chain")
    func chainByLength() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            try await app.rename(cast.director, "李强")
            let oneDay = try await chain(app, as: cast.wang, "personal", "2026-11-25T08:00", "2026-11-25T16:00")
            let steps = try #require(oneDay["steps"] as? [[String: Any]])
            #expect(steps.map { $0["role"] as? String } == ["cs_director"])
            #expect((steps[0]["deciders"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["李强"])
            #expect(oneDay["rule"] as? String == "leave.approval_by_days")
            #expect(oneDay["text"] as? String == "审批：客服部主任 李强")
            #expect((oneDay["because"] as? String)?.contains("不超过 1 天由客服部主任审批") == true)
            let twoDays = try await chain(app, as: cast.wang, "personal", "2026-11-25T00:00", "2026-11-27T00:00")
            #expect((twoDays["steps"] as? [[String: Any]])?.map { $0["role"] as? String } == ["center_director"])
            // The request filed with the same dates goes exactly where the preview said.
            let filed = try await cast.leave(app, as: cast.wang, "personal", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
            let approval = try await LeaveCast.approval(app, try #require(try filed.object()["id"] as? String))
            #expect(approval.steps.map(\.role) == [.csDirector])
            #expect(approval.ruleKey == oneDay["rule"] as? String)
            // Bad input names its field.
            let missing = try await app.send(.GET, "api/v1/leave-requests/chain?type=personal&starts_at=2026-11-25T08:00", as: cast.wang)
            #expect(missing.status == .badRequest)
            #expect(missing.body.string.contains("ends_at"))
        }
    }

    @Test("LV-16 official business shows the center director whatever its length")
    func official() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let answer = try await chain(app, as: cast.wang, "official_business", "2026-11-25T08:00", "2026-11-25T12:00")
            #expect((answer["steps"] as? [[String: Any]])?.map { $0["role"] as? String } == ["center_director"])
            #expect(answer["rule"] as? String == "leave.official_business_approver")
        }
    }

    @Test("LV-07 the leave form shows who will decide: every length before the dates are chosen, the one approver for given dates (without script too)")
    func formShowsTheChain() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            try await app.rename(cast.director, "李强")
            try await app.rename(cast.centerDirector, "张伟")
            var wang = WebSession(app)
            try await wang.logIn("wangwu", cast.wang.password)
            let blank = VisibleText.of(try await wang.get("/leave").body.string, id: "leave-form")
            #expect(blank.contains("不超过 1 天由客服部主任审批（李强）"), "\(blank)")
            #expect(blank.contains("超过 1 天由客服中心主任审批（张伟）"), "\(blank)")
            let dated = try await wang.get("/leave?type=personal&starts_at=2026-11-25T08:00&ends_at=2026-11-25T16:00")
            let form = VisibleText.of(dated.body.string, id: "leave-form")
            #expect(form.contains("审批：客服部主任 李强"), "\(form)")
            #expect(form.contains("请假审批权限按天数划分（LV-07"), "\(form)")
            #expect(VisibleText.machineWords(in: form).isEmpty, "machine words: \(VisibleText.machineWords(in: form))")
            #expect(dated.body.string.contains("data-chain=\"/leave/chain\""))
            // The form's script asks the page's own endpoint (the session cookie, no API token).
            let scripted = try await wang.get("/leave/chain?type=personal&starts_at=2026-11-25T00:00&ends_at=2026-11-27T00:00")
            #expect(scripted.status == .ok)
            #expect(try scripted.object()["text"] as? String == "审批：客服中心主任 张伟")
        }
    }

    @Test("Filing leave on the form confirms in words what was filed and who decides it")
    func filedConfirmation() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            try await app.rename(cast.director, "李强")
            var wang = WebSession(app)
            try await wang.logIn("wangwu", cast.wang.password)
            try await wang.get("/leave")
            let filed = try await wang.post("/leave", ["type": "personal", "starts_at": "2026-11-25T08:00", "ends_at": "2026-11-25T16:00", "reason": "家中有事"])
            #expect(filed.status == .seeOther, "\(filed.body.string)")
            let location = try #require(filed.headers.first(name: .location))
            #expect(location.hasPrefix("/leave?filed="))
            let page = VisibleText.of(try await wang.get(location).body.string)
            #expect(page.contains("已提交事假（11月25日 08:00–16:00），等待 客服部主任 李强 审批"), "\(page)")
            // Someone else following the same link learns nothing.
            var li = WebSession(app)
            try await li.logIn("lisi", cast.li.password)
            #expect(!VisibleText.of(try await li.get(location).body.string).contains("已提交"))
        }
    }

    @Test("LV-07 去审批 is not shown to a team leader who decides no leave (the page says who does); with a rulebook that gives the leader one-day leave it leads to the leave they can decide")
    func goToApprovals() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            _ = try await cast.leave(app, as: cast.wang, "personal", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
            var leader = WebSession(app)
            try await leader.logIn("banzhang", cast.leader.password)
            let page = try await leader.get("/leave")
            #expect(page.body.string.contains("id=\"leave-team\""))
            #expect(!page.body.string.contains("id=\"leave-go-approvals\""), "去审批 leads to nothing the leader can decide")
            #expect(VisibleText.of(page.body.string, id: "leave-team").contains("本组的请假由客服部主任、客服中心主任审批"))

            // C1 / LV-26: an organization where the team leader approves leave of one day.
            let yaml = """
            leave:
              approval_by_days:
                - {at_least: 0, at_most: 1, role: team_leader}
                - {above: 1, role: center_director}
            """
            app.services.rulebook = try Rulebook.load(defaults: try KefuResources.defaultRulebookText(), override: yaml)
            let filed = try await cast.leave(app, as: cast.li, "personal", "2026-11-26T08:00:00+08:00", "2026-11-26T16:00:00+08:00")
            let approval = try #require(try filed.object()["approval_id"] as? String)
            let now = try await leader.get("/leave")
            #expect(now.body.string.contains("id=\"leave-go-approvals\" href=\"/approvals?subject=leave_request\""), "no 去审批 link")
            let list = try await leader.get("/approvals?subject=leave_request")
            let rows = VisibleText.of(list.body.string, id: "approvals-waiting")
            #expect(rows.contains("Lisi") && rows.contains("11月26日 08:00–16:00"), "\(rows)")
            #expect(list.body.string.contains("action=\"/approvals/\(approval)/decide\""), "the leave is not decidable from the list")
            let decided = try await leader.post("/approvals/\(approval)/decide", ["decision": "approve", "from": "inbox", "subject": "leave_request", "version": "1"])
            #expect(decided.headers.first(name: .location) == "/approvals?decided=\(approval)&subject=leave_request")
            #expect(try await LeaveRequestRecord.query(on: app.db).filter(\.$userID == cast.li.id).first()?.state == "approved")
        }
    }

    @Test("SWP-02 a team leader with a swap of their team to decide gets a 去审批 link to the swaps, and the list holds it")
    func swapsToDecide() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let mine = try await cast.roster(app, cast.wang, cast.day, "2026-11-26")
            let theirs = try await cast.roster(app, cast.li, cast.day, "2026-11-27")
            let created = try await app.send(.POST, "api/v1/shift-swaps", as: cast.wang,
                                             json: ["requester_roster_id": mine, "counterpart_roster_id": theirs, "reason": "本人需亲自处理事情"])
            let approval = try #require(try created.object()["approval_id"] as? String)
            var leader = WebSession(app)
            try await leader.logIn("banzhang", cast.leader.password)
            let page = try await leader.get("/leave")
            #expect(page.body.string.contains("href=\"/approvals?subject=shift_swap\""))
            let list = try await leader.get("/approvals?subject=shift_swap")
            #expect(list.body.string.contains("action=\"/approvals/\(approval)/decide\""))
            // The other team's leader holds the same role but not this step (SWP-02): no link, no form.
            var other = WebSession(app)
            try await other.logIn("banzhang2", cast.leader2.password)
            #expect(!(try await other.get("/leave")).body.string.contains("href=\"/approvals?subject=shift_swap\""))
            #expect(!(try await other.get("/approvals?subject=shift_swap")).body.string.contains("action=\"/approvals/\(approval)/decide\""))
        }
    }
}
