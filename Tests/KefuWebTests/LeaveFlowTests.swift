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

/// Emergencies, the sick-note clock, absenteeism, fines, lists, and what the roster and handover log see.
@Suite("Leave: emergencies, hand-in clock, absenteeism and the roster (LV)")
struct LeaveFlowTests {
    @Test("LV-10 an emergency is phoned in before the shift (by someone else too) without the notice period; after the start it is refused")
    func emergency() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let phoned = try await cast.leave(app, as: cast.wang, "personal", "2026-11-23T10:30:00+08:00", "2026-11-23T16:00:00+08:00",
                                              extra: ["emergency": true, "user_id": cast.li.id.uuidString])
            #expect(phoned.status == .created, "\(phoned.body.string)")
            #expect(try phoned.object()["notice_rule"] as? String == "leave.emergency")
            let late = try await cast.leave(app, as: cast.wang, "personal", "2026-11-23T09:00:00+08:00", "2026-11-23T16:00:00+08:00", extra: ["emergency": true])
            #expect(late.status == .unprocessableEntity)
        }
    }

    @Test("LV-12 LV-18 LV-22 an emergency sick leave without a note starts a clock ending with the first day back; a late note is notified, the hand-in meets it")
    func handInClock() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await LeaveCast.make(app)
            let sick = try await cast.leave(app, as: cast.wang, "sick", "2026-11-23T12:00:00+08:00", "2026-11-24T16:00:00+08:00", extra: ["emergency": true])
            #expect(sick.status == .created, "\(sick.body.string)")
            let id = try #require(try sick.object()["id"] as? String)
            let clocks = try await DeadlineClockRepository(db: app.db).clocks(subjectType: LeaveRequests.subjectType, subjectID: UUID(uuidString: id)!)
            let due = try #require(clocks.first).dueAt
            #expect(due == Date.leaveTime("2026-11-26T00:00:00+08:00"))   // end of Wed 25, the first day back
            clock.now = Date.leaveTime("2026-11-26T01:00:00+08:00")
            _ = try await ScanDeadlines(db: app.db, services: app.services).run(now: clock.now)
            let notices = try await NotificationRecord.query(on: app.db).filter(\.$kind == "leave.hand_in_breach").all()
            #expect(Set(notices.map(\.userID)) == [cast.wang.id, cast.leader.id])
            let stranger = try await app.send(.POST, "api/v1/leave-requests/\(id)/hand-in", as: cast.zhao, json: [:])
            #expect(stranger.status == .notFound)
            let noNote = try await app.send(.POST, "api/v1/leave-requests/\(id)/hand-in", as: cast.leader, json: [:])
            #expect(noNote.status == .badRequest)
            let handed = try await app.send(.POST, "api/v1/leave-requests/\(id)/hand-in", as: cast.leader, json: [
                "certificate": ["institution": "市一医院急诊", "periods": [["from": "2026-11-23", "to": "2026-11-24"]]]])
            #expect(handed.status == .ok, "\(handed.body.string)")
            #expect(try handed.object()["handed_in_at"] != nil)
            let after = try await DeadlineClockRepository(db: app.db).clocks(subjectType: LeaveRequests.subjectType, subjectID: UUID(uuidString: id)!)
            #expect(after.first?.metAt != nil)
            #expect(try await app.send(.POST, "api/v1/leave-requests/\(id)/hand-in", as: cast.wang, json: [:]).status == .conflict)
        }
    }

    @Test("LV-05 LV-23 leave still unapproved when it ended, with a rostered shift missed, counts as absenteeism once; approved leave does not")
    func unapprovedIsAbsenteeism() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await LeaveCast.make(app)
            _ = try await cast.roster(app, cast.wang, cast.day, "2026-11-25")
            _ = try await cast.roster(app, cast.li, cast.day, "2026-11-25")
            let pending = try await cast.leave(app, as: cast.wang, "personal", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
            let approved = try await cast.leave(app, as: cast.li, "compensatory", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
            let approvedID = try #require(try approved.object()["id"] as? String)
            let approval = try await LeaveCast.approval(app, approvedID)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval.id)/approve", as: cast.director).status == .ok)
            clock.now = Date.leaveTime("2026-11-25T17:00:00+08:00")
            let absences = WorkforceAbsences(db: app.db, services: app.services)
            #expect(try await absences.run(now: clock.now) == 1)
            #expect(try await absences.run(now: clock.now) == 0)
            let wang = try await app.send(.GET, "api/v1/leave-requests/\(try #require(try pending.object()["id"] as? String))", as: cast.wang)
            #expect(try wang.object()["absenteeism"] as? Bool == true)
            let li = try await app.send(.GET, "api/v1/leave-requests/\(approvedID)", as: cast.li)
            #expect(try li.object()["absenteeism"] as? Bool == false)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == "leave.absenteeism").filter(\.$userID == cast.leader.id).count() == 1)
        }
    }

    @Test("LV-24 approved personal leave on a rostered shift is recorded in the fines ledger (personal_leave_on_shift)")
    func personalLeaveFine() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            _ = try await cast.roster(app, cast.wang, cast.day, "2026-11-25")
            let filed = try await cast.leave(app, as: cast.wang, "personal", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
            let approval = try await LeaveCast.approval(app, try #require(try filed.object()["id"] as? String))
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval.id)/approve", as: cast.director).status == .ok)
            let violations = try await ViolationRecord.query(on: app.db).filter(\.$userID == cast.wang.id).all()
            #expect(violations.map(\.code) == ["personal_leave_on_shift"])
        }
    }

    @Test("SWP-08 leave on a swap day is refused naming shift_swap.allow_leave_on_swapped_shifts")
    func leaveOnSwapDay() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let mine = try await cast.roster(app, cast.wang, cast.day, "2026-11-26")
            let theirs = try await cast.roster(app, cast.li, cast.day, "2026-11-27")
            let swap = try await app.send(.POST, "api/v1/shift-swaps", as: cast.wang,
                                          json: ["requester_roster_id": mine, "counterpart_roster_id": theirs, "reason": "家里有事"])
            #expect(swap.status == .created, "\(swap.body.string)")
            let onSwap = try await cast.leave(app, as: cast.li, "personal", "2026-11-27T08:00:00+08:00", "2026-11-27T16:00:00+08:00")
            #expect(onSwap.status == .unprocessableEntity)
            #expect(try onSwap.error()["rule"] as? String == "shift_swap.allow_leave_on_swapped_shifts")
        }
    }

    @Test("Approved leave: the person is not on duty (never suggested), the handover's staff changes list it, lists follow the scope, overlap is 409")
    func rosterAndLists() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await LeaveCast.make(app)
            _ = try await cast.roster(app, cast.wang, cast.day, "2026-11-25")
            _ = try await cast.roster(app, cast.li, cast.day, "2026-11-25")
            let filed = try await cast.leave(app, as: cast.wang, "compensatory", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
            let id = try #require(try filed.object()["id"] as? String)
            let twice = try await cast.leave(app, as: cast.wang, "paid", "2026-11-25T12:00:00+08:00", "2026-11-25T18:00:00+08:00")
            #expect(twice.status == .conflict)
            let approval = try await LeaveCast.approval(app, id)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval.id)/approve", as: cast.director).status == .ok)
            let at = Date.leaveTime("2026-11-25T10:00:00+08:00")
            let onDuty = try await Availability(db: app.db).onDuty(at: at)
            #expect(onDuty.map(\.userID) == [cast.li.id])
            #expect(try await Availability(db: app.db).unavailable(userID: cast.wang.id, at: at))
            let lines = try await HandoverCarryOver(db: app.db, services: app.services).swapsAndLeave(on: LocalDate("2026-11-25")!)
            #expect(lines == ["− Wangwu 换休假"])
            #expect(try await app.send(.GET, "api/v1/leave-requests", as: cast.li).items().isEmpty)
            #expect(try await app.send(.GET, "api/v1/leave-requests", as: cast.leader).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/leave-requests", as: cast.leader2).items().isEmpty)
            #expect(try await app.send(.GET, "api/v1/leave-requests/\(id)", as: cast.zhao).status == .notFound)
            let balance = try await app.send(.GET, "api/v1/leave-requests/balance", as: cast.wang)
            #expect((try balance.object()["approved_days"] as? [String: String])?["compensatory"] == "1")
        }
    }

    @Test("A pending request is withdrawn by its requester (its approval too); someone else gets 404")
    func withdraw() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let filed = try await cast.leave(app, as: cast.wang, "personal", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
            let id = try #require(try filed.object()["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/leave-requests/\(id)/withdraw", as: cast.li).status == .notFound)
            let withdrawn = try await app.send(.POST, "api/v1/leave-requests/\(id)/withdraw", as: cast.wang)
            #expect(try withdrawn.object()["state"] as? String == "withdrawn")
            #expect(try await LeaveCast.approval(app, id).state == .withdrawn)
            #expect(try await app.send(.POST, "api/v1/leave-requests/\(id)/withdraw", as: cast.wang).status == .conflict)
        }
    }
}
