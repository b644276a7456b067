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

@Suite("Leave and swap pages")
struct LeavePagesTests {
    @Test("An agent requests leave from /my-shifts → /leave; a refusal names its rule; the director approves it on /approvals")
    func requestAndApprove() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            var wang = WebSession(app)
            try await wang.logIn("wangwu", cast.wang.password)
            let shifts = try await wang.get("/my-shifts")
            #expect(shifts.body.string.contains("href=\"/leave\""))
            #expect(shifts.body.string.contains("href=\"/shift-swaps\""))
            #expect(try await wang.get("/leave").status == .ok)
            let refused = try await wang.post("/leave", ["type": "personal", "starts_at": "2026-11-23T12:00", "ends_at": "2026-11-23T16:00", "reason": "看病"])
            #expect(refused.status == .unprocessableEntity)
            // Issue 21 §4: the rule by its title in words; its key only in the API.
            #expect(refused.body.string.contains(app.services.localization.text("rulebook.rule.leave.notice.general", .zhHans)))
            #expect(!refused.body.string.contains("（规章：leave.notice.general"))
            let filed = try await wang.post("/leave", ["type": "personal", "starts_at": "2026-11-25T08:00", "ends_at": "2026-11-25T16:00", "reason": "家中有事"])
            #expect(filed.status == .seeOther, "\(filed.body.string)")
            let record = try #require(try await LeaveRequestRecord.query(on: app.db).first())
            #expect(record.startsAt == Date.leaveTime("2026-11-25T08:00:00+08:00"))
            let page = try await wang.get("/leave")
            #expect(page.body.string.contains("/leave/\(record.id!)"))
            var director = WebSession(app)
            try await director.logIn("zhuren", cast.director.password)
            let inbox = try await director.get("/approvals")
            #expect(inbox.body.string.contains(record.approvalID!.uuidString))
            #expect(inbox.body.string.contains("请假申请"))
            try await director.get("/approvals/\(record.approvalID!)")
            let decided = try await director.post("/approvals/\(record.approvalID!)/decide", ["decision": "approve"])
            #expect(decided.status == .seeOther)
            #expect(try await LeaveRequestRecord.find(record.id, on: app.db)?.state == "approved")
            #expect(try await wang.get("/leave/\(record.id!)").status == .ok)
        }
    }

    @Test("The leader sees the team's month calendar; the swap page lists colleagues' shifts and the 换班登记表 prints")
    func calendarAndSwapPages() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            _ = try await cast.leave(app, as: cast.wang, "marriage", "2026-11-25T00:00:00+08:00", "2026-11-28T00:00:00+08:00")
            let mine = try await cast.roster(app, cast.wang, cast.day, "2026-11-30")
            let theirs = try await cast.roster(app, cast.li, cast.day, "2026-12-01")
            let otherTeam = try await cast.roster(app, cast.zhao, cast.day, "2026-12-02")
            var leader = WebSession(app)
            try await leader.logIn("banzhang", cast.leader.password)
            let calendar = try await leader.get("/leave/calendar?month=2026-11")
            #expect(calendar.status == .ok)
            #expect(calendar.body.string.contains("Wangwu"))
            #expect(try await leader.get("/leave/calendar?month=2026-13").status == .badRequest)
            var wang = WebSession(app)
            try await wang.logIn("wangwu", cast.wang.password)
            let swaps = try await wang.get("/shift-swaps")
            #expect(swaps.body.string.contains(theirs))
            #expect(swaps.body.string.contains(otherTeam))
            let posted = try await wang.post("/shift-swaps", ["requester_roster_id": mine, "counterpart_roster_id": theirs, "reason": "家里有事"])
            #expect(posted.status == .seeOther, "\(posted.body.string)")
            let swap = try #require(try await ShiftSwapRecord.query(on: app.db).first())
            let printed = try await leader.get("/shift-swaps/\(swap.id!)/print")
            #expect(printed.status == .ok)
            #expect(printed.body.string.contains("换班登记表"))
            var zhao = WebSession(app)
            try await zhao.logIn("zhaoliu", cast.zhao.password)
            #expect(try await zhao.get("/shift-swaps/\(swap.id!)/print").status == .notFound)
        }
    }

    @Test("The roster grid marks an entry worked through an approved swap (⇄) and one covered by approved leave")
    func rosterMarks() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let mine = try await cast.roster(app, cast.wang, cast.day, "2026-11-26")
            let theirs = try await cast.roster(app, cast.zhao, cast.day, "2026-11-27")
            _ = try await cast.roster(app, cast.li, cast.day, "2026-11-25")
            let swap = try await app.send(.POST, "api/v1/shift-swaps", as: cast.wang, json: ["requester_roster_id": mine, "counterpart_roster_id": theirs, "reason": "事"])
            let swapApproval = try #require(try swap.object()["approval_id"] as? String)
            #expect(try await app.send(.POST, "api/v1/approvals/\(swapApproval)/approve", as: cast.leader).status == .ok)
            #expect(try await app.send(.POST, "api/v1/approvals/\(swapApproval)/approve", as: cast.leader2).status == .ok)
            let leave = try await cast.leave(app, as: cast.li, "compensatory", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
            let leaveApproval = try await LeaveCast.approval(app, try #require(try leave.object()["id"] as? String))
            #expect(try await app.send(.POST, "api/v1/approvals/\(leaveApproval.id)/approve", as: cast.director).status == .ok)
            var leader = WebSession(app)
            try await leader.logIn("banzhang", cast.leader.password)
            let page = try await leader.get("/roster?week=2026-11-23").body.string
            #expect(page.components(separatedBy: "⇄").count - 1 == 2)
            #expect(page.contains("· 请假</span>"))
        }
    }
}
