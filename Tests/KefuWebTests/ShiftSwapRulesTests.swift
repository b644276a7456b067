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

/// Now is Mon 2026-11-23 10:00 +08:00; wang and li are in team 甲 (banzhang), zhao in team 乙 (banzhang2).
@Suite("Shift swaps (SWP)")
struct ShiftSwapRulesTests {
    func swap(_ app: Application, _ who: TestStaff, _ mine: String, _ theirs: String, back: String? = nil) async throws -> TestingHTTPResponse {
        var body: [String: Any] = ["requester_roster_id": mine, "counterpart_roster_id": theirs, "reason": "本人需亲自处理事情"]
        if let back { body["return_roster_id"] = back }
        return try await app.send(.POST, "api/v1/shift-swaps", as: who, json: body)
    }

    /// A straight exchange between `a` on `dayA` and `b` on `dayB` (day shifts).
    func exchange(_ app: Application, _ cast: LeaveCast, _ a: TestStaff, _ dayA: String, _ b: TestStaff, _ dayB: String) async throws -> TestingHTTPResponse {
        let mine = try await cast.roster(app, a, cast.day, dayA)
        let theirs = try await cast.roster(app, b, cast.day, dayB)
        return try await swap(app, a, mine, theirs)
    }

    @Test("SWP-02 both parties' team leaders approve, each only their own party's step; then the roster shows who actually works")
    func bothLeaders() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let mine = try await cast.roster(app, cast.wang, cast.day, "2026-11-26")
            let theirs = try await cast.roster(app, cast.zhao, cast.day, "2026-11-27")
            let created = try await swap(app, cast.wang, mine, theirs)
            #expect(created.status == .created, "\(created.body.string)")
            let approvalID = try #require(try created.object()["approval_id"] as? String)
            let wrong = try await app.send(.POST, "api/v1/approvals/\(approvalID)/approve", as: cast.leader2)
            #expect(wrong.status == .forbidden)
            #expect(try wrong.error()["rule"] as? String == "shift_swap.both_parties_approve")
            #expect(try await app.send(.POST, "api/v1/approvals/\(approvalID)/approve", as: cast.leader).status == .ok)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approvalID)/approve", as: cast.leader).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approvalID)/approve", as: cast.leader2).status == .ok)
            let id = try #require(try created.object()["id"] as? String)
            let shown = try await app.send(.GET, "api/v1/shift-swaps/\(id)", as: cast.wang)
            #expect(try shown.object()["state"] as? String == "approved")
            #expect(try shown.object()["applied"] as? Bool == true)
            let roster = try await app.send(.GET, "api/v1/roster?from=2026-11-26&to=2026-11-27", as: cast.leader).items()
            let workers = Dictionary(uniqueKeysWithValues: roster.map { ($0["id"] as! String, $0["user_id"] as! String) })
            #expect(workers[mine] == cast.zhao.id.uuidString)
            #expect(workers[theirs] == cast.wang.id.uuidString)
            let lines = try await HandoverCarryOver(db: app.db, services: app.services).swapsAndLeave(on: LocalDate("2026-11-26")!)
            #expect(lines == ["⇄ Wangwu → Zhaoliu"])
        }
    }

    @Test("SWP-03 a third swap in a month is refused naming shift_swap.max_per_month")
    func thirdSwap() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            #expect(try await exchange(app, cast, cast.wang, "2026-11-24", cast.li, "2026-11-24").status == .created)
            #expect(try await exchange(app, cast, cast.wang, "2026-11-26", cast.li, "2026-11-26").status == .created)
            let third = try await exchange(app, cast, cast.wang, "2026-11-28", cast.zhao, "2026-11-28")
            #expect(third.status == .unprocessableEntity)
            #expect(try third.error()["rule"] as? String == "shift_swap.max_per_month")
            #expect(try await ShiftSwapRecord.query(on: app.db).count() == 2)
        }
    }

    @Test("SWP-04 no swap the day after another swap (shift_swap.allow_consecutive)")
    func consecutive() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            #expect(try await exchange(app, cast, cast.wang, "2026-11-24", cast.li, "2026-11-24").status == .created)
            let next = try await exchange(app, cast, cast.wang, "2026-11-25", cast.zhao, "2026-11-25")
            #expect(next.status == .unprocessableEntity)
            #expect(try next.error()["rule"] as? String == "shift_swap.allow_consecutive")
        }
    }

    @Test("SWP-05 the partner would work the swapped day shift right before their own evening shift: refused (shift_swap.allow_back_to_back)")
    func backToBack() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let mine = try await cast.roster(app, cast.wang, cast.day, "2026-11-26")
            _ = try await cast.roster(app, cast.li, cast.middle, "2026-11-26")
            let theirs = try await cast.roster(app, cast.li, cast.day, "2026-11-28")
            let refused = try await swap(app, cast.wang, mine, theirs)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.error()["rule"] as? String == "shift_swap.allow_back_to_back")
        }
    }

    @Test("SWP-06 a partner of another job type or skill is refused (shift_swap.require_same_job_type); grades too far apart too (shift_swap.max_grade_difference)")
    func partners() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let qa = try await app.staff("zhijian", roles: [.qaInspector], departmentID: cast.department, teamID: cast.teamA)
            let other = try await exchange(app, cast, cast.wang, "2026-11-24", qa, "2026-11-24")
            #expect(other.status == .unprocessableEntity)
            #expect(try other.error()["rule"] as? String == "shift_swap.require_same_job_type")
            for (id, grade, skill) in [(cast.wang.id, "probation", "technical"), (cast.li.id, "senior", "technical"), (cast.zhao.id, "probation", "theory")] {
                let user = try #require(try await UserRecord.find(id, on: app.db))
                user.grade = grade; user.skill = skill
                try await user.save(on: app.db)
            }
            let grade = try await exchange(app, cast, cast.wang, "2026-11-26", cast.li, "2026-11-26")
            #expect(try grade.error()["rule"] as? String == "shift_swap.max_grade_difference")
            let skill = try await exchange(app, cast, cast.wang, "2026-11-28", cast.zhao, "2026-11-28")
            #expect(try skill.error()["rule"] as? String == "shift_swap.require_same_job_type")
        }
    }

    @Test("SWP-11 holiday on-duty staff may not swap (shift_swap.allow_holiday_duty_swap)")
    func holidayDuty() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let mine = try await cast.roster(app, cast.wang, cast.holiday, "2026-11-26")
            let theirs = try await cast.roster(app, cast.li, cast.day, "2026-11-27")
            let refused = try await swap(app, cast.wang, mine, theirs)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.error()["rule"] as? String == "shift_swap.allow_holiday_duty_swap")
        }
    }

    @Test("SWP-07 a swapped shift nobody signed into is absenteeism for the person who took it over; the one who worked theirs is not")
    func missedSwap() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await LeaveCast.make(app)
            let created = try await exchange(app, cast, cast.wang, "2026-11-24", cast.zhao, "2026-11-25")
            let approvalID = try #require(try created.object()["approval_id"] as? String)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approvalID)/approve", as: cast.leader).status == .ok)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approvalID)/approve", as: cast.leader2).status == .ok)
            clock.now = Date.leaveTime("2026-11-25T07:55:00+08:00")
            #expect(try await app.send(.POST, "api/v1/attendance/sign-in", as: cast.wang).status == .created)
            clock.now = Date.leaveTime("2026-11-26T09:00:00+08:00")
            #expect(try await WorkforceAbsences(db: app.db, services: app.services).run(now: clock.now) == 1)
            let shown = try await app.send(.GET, "api/v1/shift-swaps/\(try #require(try created.object()["id"] as? String))", as: cast.wang)
            #expect(try shown.object()["missed_user_id"] as? String == cast.zhao.id.uuidString)
            let notified = try await NotificationRecord.query(on: app.db).filter(\.$kind == "shift_swap.missed").all().map(\.userID)
            #expect(Set(notified) == [cast.zhao.id, cast.leader2.id])
        }
    }

    @Test("A swap of someone else's shift is 403, an unknown entry 400; the requester withdraws a pending swap")
    func badInputAndWithdraw() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let mine = try await cast.roster(app, cast.wang, cast.day, "2026-11-26")
            let theirs = try await cast.roster(app, cast.li, cast.day, "2026-11-27")
            #expect(try await swap(app, cast.zhao, mine, theirs).status == .forbidden)
            #expect(try await swap(app, cast.wang, mine, UUID().uuidString).status == .badRequest)
            let created = try await swap(app, cast.wang, mine, theirs)
            let id = try #require(try created.object()["id"] as? String)
            #expect(try await swap(app, cast.wang, mine, theirs).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/shift-swaps/\(id)/withdraw", as: cast.li).status == .notFound)
            let withdrawn = try await app.send(.POST, "api/v1/shift-swaps/\(id)/withdraw", as: cast.wang)
            #expect(try withdrawn.object()["state"] as? String == "withdrawn")
            #expect(try await app.send(.GET, "api/v1/shift-swaps?scope=own", as: cast.li).items().count == 1)
        }
    }

    @Test("Two identical swap requests and two identical leave requests sent at once: exactly one of each wins, the other is refused")
    func concurrentRequests() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let mine = try await cast.roster(app, cast.wang, cast.day, "2026-11-26")
            let theirs = try await cast.roster(app, cast.li, cast.day, "2026-11-27")
            async let first = swap(app, cast.wang, mine, theirs)
            async let second = swap(app, cast.wang, mine, theirs)
            let swaps = [try await first.status, try await second.status]
            // The loser meets the unique index (409) or, if the winner committed first, the SWP-04 check (422).
            #expect(swaps.filter { $0 == .created }.count == 1)
            #expect(swaps.contains(.conflict) || swaps.contains(.unprocessableEntity))
            #expect(try await ShiftSwapRecord.query(on: app.db).count() == 1)
            async let a = cast.leave(app, as: cast.zhao, "paid", "2026-11-30T08:00:00+08:00", "2026-11-30T16:00:00+08:00")
            async let b = cast.leave(app, as: cast.zhao, "paid", "2026-11-30T08:00:00+08:00", "2026-11-30T16:00:00+08:00")
            let leave = [try await a.status, try await b.status]
            #expect(leave.sorted { $0.code < $1.code } == [.created, .conflict])
            #expect(try await LeaveRequestRecord.query(on: app.db).count() == 1)
            #expect(try await ApprovalRecord.query(on: app.db).count() == 2)
        }
    }
}
