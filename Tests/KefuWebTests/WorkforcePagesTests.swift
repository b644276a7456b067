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

@Suite("Workforce pages: roster, my shifts, roll call, handover and duty log")
struct WorkforcePagesTests {
    @Test("SHF-19 the supervisor's week grid shows the roster with holidays; the add form refuses an overlap with the message; copy-week says what it skipped")
    func rosterPage() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await ShiftCast.make(app)
            let day = try await app.shiftTemplate(cast, "白班", "08:00", "16:00")
            var leader = WebSession(app)
            try await leader.logIn("banzhang", cast.leader.password)
            let added = try await leader.post("/roster", ["user_id": cast.wang.id.uuidString, "date": "2026-11-23", "shift_template_id": day, "week": "2026-11-23"])
            #expect(added.status == .ok)
            #expect(added.body.string.contains("roster-grid"))
            #expect(added.body.string.contains("Wangwu"))
            let overlap = try await leader.post("/roster", ["user_id": cast.wang.id.uuidString, "date": "2026-11-23", "shift_template_id": day, "week": "2026-11-23"])
            #expect(overlap.status == .conflict)
            #expect(overlap.body.string.contains("重叠"))
            let copied = try await leader.post("/roster/copy-week", ["week": "2026-11-23"])
            #expect(copied.body.string.contains("已复制 1 条排班，跳过 0 条已有排班"))
            let again = try await leader.post("/roster/copy-week", ["week": "2026-11-23"])
            #expect(again.body.string.contains("跳过 1 条"))
            let badTemplate = try await leader.post("/shift-templates", ["name": "错", "starts_at": "09:00", "ends_at": "09:00", "week": "2026-11-23"])
            #expect(badTemplate.status == .badRequest)
            #expect(badTemplate.body.string.contains("下班时间不能与上班时间相同"))
            var wang = WebSession(app)
            try await wang.logIn("wangwu", cast.wang.password)
            #expect(try await wang.get("/roster").status == .forbidden)
        }
    }

    @Test("ATT-01 my shifts shows the sign-in button for the current shift; signing in shows the arrival; the roll call page lists the verdicts (SHF-01)")
    func myShiftsAndRollCall() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await ShiftCast.make(app)
            let shift = try await app.shiftTemplate(cast, "上午班", "09:50", "18:00")
            #expect(try await app.roster(cast, cast.wang, shift, "2026-11-23").status == .created)
            #expect(try await app.roster(cast, cast.li, shift, "2026-11-23").status == .created)
            var wang = WebSession(app)
            try await wang.logIn("wangwu", cast.wang.password)
            let page = try await wang.get("/my-shifts")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("id=\"sign-in\""))
            let signed = try await wang.post("/my-shifts/sign-in", [:])
            #expect(signed.status == .seeOther)
            let after = try await wang.get("/my-shifts")
            #expect(after.body.string.contains("迟到 10 分钟"))
            #expect(!after.body.string.contains("id=\"sign-in\""))
            let twice = try await wang.post("/my-shifts/sign-in", [:])
            #expect(twice.status == .conflict)
            #expect(twice.body.string.contains("不能重复签到"))
            var leader = WebSession(app)
            try await leader.logIn("banzhang", cast.leader.password)
            let roll = try await leader.get("/roll-call?date=2026-11-23")
            #expect(roll.status == .ok)
            #expect(roll.body.string.contains("Lisi"))
            #expect(roll.body.string.contains("缺勤"))
            let saved = try await leader.post("/roll-call", ["date": "2026-11-23", "shift_template_id": shift, "comments": "提醒规范用语"])
            #expect(saved.body.string.contains("点名已保存"))
            #expect(try await wang.get("/roll-call").status == .forbidden)
        }
    }

    @Test("SHF-04 the handover page: the incoming person acknowledges with one button; someone else posting it gets 403 with the rule")
    func handoverPage() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await ShiftCast.make(app)
            let shift = try await app.shiftTemplate(cast, "白班", "08:00", "16:00")
            var wang = WebSession(app)
            try await wang.logIn("wangwu", cast.wang.password)
            #expect(try await wang.get("/handovers/new").status == .ok)
            let noShift = try await wang.get("/my-shifts")
            #expect(noShift.status == .ok)
            #expect(noShift.body.string.contains("现在没有您的班次"))
            #expect(!noShift.body.string.contains("/my-shifts/off-post\""))
            let created = try await wang.post("/handovers", ["shift_date": "2026-11-23", "shift_template_id": shift, "incoming_user_id": cast.li.id.uuidString,
                                                             "equipment": "耳麦正常"])
            #expect(created.status == .seeOther)
            let path = try #require(created.headers.first(name: .location))
            let refused = try await wang.post(path + "/acknowledge", [:])
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("SHF-04"))
            var li = WebSession(app)
            try await li.logIn("lisi", cast.li.password)
            let page = try await li.get(path)
            #expect(page.body.string.contains("handover-acknowledge"))
            #expect(page.body.string.contains("耳麦正常"))
            #expect(try await li.post(path + "/acknowledge", [:]).status == .seeOther)
            #expect(try await li.get(path).body.string.contains("已确认"))
            let bad = try await wang.post("/handovers", ["shift_date": "2026-11-23", "shift_template_id": shift, "incoming_user_id": cast.wang.id.uuidString])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("handover-form"))
        }
    }

    @Test("RPT-03 the duty log page lists entries and refuses an empty summary; the board shows who is on duty (SHF-19)")
    func dutyLogAndBoard() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await ShiftCast.make(app)
            let shift = try await app.shiftTemplate(cast, "白班", "08:00", "16:00")
            #expect(try await app.roster(cast, cast.wang, shift, "2026-11-23").status == .created)
            var leader = WebSession(app)
            try await leader.logIn("banzhang", cast.leader.password)
            #expect(try await leader.post("/duty-logs", ["summary": "话务平稳", "shift_date": "2026-11-23"]).status == .seeOther)
            #expect(try await leader.get("/duty-logs").body.string.contains("话务平稳"))
            #expect(try await leader.post("/duty-logs", ["summary": ""]).status == .badRequest)
            let board = try await leader.get("/cases/board")
            #expect(board.status == .ok)
            #expect(board.body.string.contains("board-on-duty"))
            #expect(board.body.string.contains("Wangwu · 白班"))
        }
    }
}
