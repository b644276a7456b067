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

@Suite("Workforce: sign-in/out, roll call, leaving the post and the duty log (ATT-01..04, SHF-01/07/09, QA-06, RPT-03)")
struct WorkforceAttendanceTests {
    @Test("ATT-01/ATT-02 signing in records the arrival against the roster; 10 minutes early is noted (SHF-01); a second sign-in is 409")
    func signInTwice() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }   // 10:00
            let cast = try await ShiftCast.make(app)
            let shift = try await app.shiftTemplate(cast, "上午班", "10:15", "18:00")
            #expect(try await app.roster(cast, cast.wang, shift, "2026-11-23").status == .created)
            let signIn = try await app.send(.POST, "api/v1/attendance/sign-in", as: cast.wang)
            #expect(signIn.status == .created, "\(signIn.body.string)")
            #expect(try signIn.object()["arrived_early"] as? Bool == true)
            #expect(try signIn.object()["late_minutes"] as? Int == 0)
            let twice = try await app.send(.POST, "api/v1/attendance/sign-in", as: cast.wang)
            #expect(twice.status == .conflict)
            #expect(twice.errorCode == "conflict")
            let noShift = try await app.send(.POST, "api/v1/attendance/sign-in", as: cast.li)
            #expect(noShift.status == .unprocessableEntity)
            #expect(try noShift.error()["rule"] as? String == "attendance.early_arrival_minutes")
        }
    }

    @Test("ATT-04 signing in 30 minutes late is late and a violation; signing out an hour before the end is early (SHF-13); a shift without sign-in is an absence")
    func lateAndEarly() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await ShiftCast.make(app)
            let shift = try await app.shiftTemplate(cast, "早班", "09:30", "18:00", breaks: ["12:00-13:00"])
            #expect(try await app.roster(cast, cast.wang, shift, "2026-11-23").status == .created)
            let signIn = try await app.send(.POST, "api/v1/attendance/sign-in", as: cast.wang)
            #expect(try signIn.object()["late_minutes"] as? Int == 30)
            #expect(try signIn.object()["violation"] as? Bool == true)
            #expect(try signIn.object()["arrived_early"] as? Bool == false)
            clock.now = clock.now.addingTimeInterval(7 * 3_600)   // 17:00
            let out = try await app.send(.POST, "api/v1/attendance/sign-out", as: cast.wang)
            #expect(out.status == .ok)
            #expect(try out.object()["early_minutes"] as? Int == 60)
            #expect(try await app.send(.POST, "api/v1/attendance/sign-out", as: cast.wang).status == .conflict)
            let occurrences = try await Attendance(db: app.db, services: app.services).lateOrEarlyOccurrences(userID: cast.wang.id, month: "2026-11")
            #expect(occurrences.count == 1)
            // Li was rostered the day before and never signed in: one absence for the fines module.
            #expect(try await app.roster(cast, cast.li, shift, "2026-11-22").status == .created)
            let absences = try await Attendance(db: app.db, services: app.services).absences(userID: cast.li.id, month: "2026-11")
            #expect(absences.map(\.shiftDate) == ["2026-11-22"])
            #expect(try await Attendance(db: app.db, services: app.services).absences(userID: cast.wang.id, month: "2026-11").isEmpty)
        }
    }

    @Test("ATT-05 a late sign-in and an early sign-out are fined by the system under late_or_early, the second one at the higher amount")
    func latenessIsFined() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await ShiftCast.make(app)
            let shift = try await app.shiftTemplate(cast, "早班", "09:50", "18:00")
            #expect(try await app.roster(cast, cast.wang, shift, "2026-11-23").status == .created)
            #expect(try await app.send(.POST, "api/v1/attendance/sign-in", as: cast.wang).status == .created)   // 10 minutes late
            clock.now = clock.now.addingTimeInterval(7 * 3_600)   // 17:00, an hour early
            #expect(try await app.send(.POST, "api/v1/attendance/sign-out", as: cast.wang).status == .ok)
            let violations = try await ViolationRecord.query(on: app.db).filter(\.$userID == cast.wang.id).sort(\.$occurrence).all()
            #expect(violations.map(\.code) == ["late_or_early", "late_or_early"])
            #expect(violations.map(\.amount) == ["10.00", "20.00"])
            #expect(violations.allSatisfy { $0.recordedByName == FinesLedger.systemName })
            #expect(violations.first?.note?.contains("迟到 10 分钟") == true)
        }
    }

    @Test("SHF-09/ATT-03 leaving the post: the leader on duty approves; over 10 minutes is logged; unapproved it is half a day of absenteeism; an agent cannot approve")
    func offPost() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await ShiftCast.make(app)
            let ask = try await app.send(.POST, "api/v1/off-post", as: cast.wang, json: ["reason": "去洗手间"])
            #expect(ask.status == .created)
            let id = try #require(try ask.object()["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/off-post", as: cast.wang, json: ["reason": "再次"]).status == .conflict)
            let byAgent = try await app.send(.POST, "api/v1/off-post/\(id)/approve", as: cast.li)
            #expect(byAgent.status == .forbidden)
            #expect(try byAgent.error()["rule"] as? String == "attendance.off_post_approvers")
            #expect(try await app.send(.POST, "api/v1/off-post/\(id)/approve", as: cast.leader).status == .ok)
            clock.now = clock.now.addingTimeInterval(12 * 60)
            let back = try await app.send(.POST, "api/v1/off-post/\(id)/return", as: cast.wang)
            #expect(try back.object()["minutes"] as? Int == 12)
            #expect(try back.object()["over_consent_limit"] as? Bool == true)
            #expect(try back.object()["half_day_absence"] as? Bool == false)
            // Li leaves without waiting for the approval and comes back 25 minutes later.
            let liAsk = try await app.send(.POST, "api/v1/off-post", as: cast.li, json: ["reason": "接电话"])
            let liID = try #require(try liAsk.object()["id"] as? String)
            clock.now = clock.now.addingTimeInterval(25 * 60)
            let liBack = try await app.send(.POST, "api/v1/off-post/\(liID)/return", as: cast.li)
            #expect(try liBack.object()["half_day_absence"] as? Bool == true)
            #expect(try liBack.object()["violation"] as? Bool == true)
            #expect(try await app.send(.POST, "api/v1/off-post/\(liID)/approve", as: cast.leader).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/off-post", as: cast.wang, json: ["reason": ""]).status == .badRequest)
        }
    }

    @Test("QA-06/SHF-07 the roll call saves the leader's comments, marks who is present and keeps the common quality problems")
    func rollCall() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await ShiftCast.make(app)
            let shift = try await app.shiftTemplate(cast, "上午班", "10:05", "18:00")
            #expect(try await app.roster(cast, cast.wang, shift, "2026-11-23").status == .created)
            #expect(try await app.roster(cast, cast.li, shift, "2026-11-23").status == .created)
            #expect(try await app.send(.POST, "api/v1/attendance/sign-in", as: cast.wang).status == .created)
            let saved = try await app.send(.POST, "api/v1/roll-calls", as: cast.leader, json: [
                "date": "2026-11-23", "shift_template_id": shift, "comments": "注意服务用语", "present_user_ids": [cast.wang.id.uuidString]])
            #expect(saved.status == .created, "\(saved.body.string)")
            let call = try #require(try await RollCallRecord.query(on: app.db).first())
            #expect(call.comments == "注意服务用语")
            let wang = try #require(try await AttendanceRecord.query(on: app.db).filter(\.$userID == cast.wang.id).first())
            #expect(wang.rollCallPresent == true)
            #expect(try await app.send(.POST, "api/v1/roll-calls", as: cast.wang, json: ["date": "2026-11-23", "shift_template_id": shift]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/roll-calls", as: cast.leader, json: ["date": "2026-11-23"]).status == .badRequest)
        }
    }

    @Test("RPT-03 the shift leader writes the duty log; DutyLogQueries.entries gives the reports module the month's entries")
    func dutyLog() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await ShiftCast.make(app)
            let written = try await app.send(.POST, "api/v1/duty-logs", as: cast.leader, json: ["summary": "话务平稳", "incidents": "系统10:20卡顿"])
            #expect(written.status == .created, "\(written.body.string)")
            #expect(try written.object()["shift_date"] as? String == "2026-11-23")
            #expect(try await app.send(.POST, "api/v1/duty-logs", as: cast.leader, json: ["summary": " "]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/duty-logs", as: cast.wang, json: ["summary": "x"]).status == .forbidden)
            let entries = try await DutyLogQueries(db: app.db).entries(from: Date.t0.addingTimeInterval(-86_400), to: Date.t0.addingTimeInterval(86_400), limit: 10)
            #expect(entries.map(\.summary) == ["话务平稳"])
            #expect(entries.first?.leaderName == "Banzhang")
            #expect(entries.first?.shiftDate == "2026-11-23")
        }
    }
}
