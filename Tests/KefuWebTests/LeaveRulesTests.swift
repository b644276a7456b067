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

/// Now is Mon 2026-11-23 10:00 +08:00 throughout.
@Suite("Leave: notice, approval chain, sick notes (LV)")
struct LeaveRulesTests {
    @Test("LV-07 one day goes to the CS director, more than one day to the center director; the director's approval approves the request")
    func chainByLength() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let one = try await cast.leave(app, as: cast.wang, "personal", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
            #expect(one.status == .created, "\(one.body.string)")
            let id = try #require(try one.object()["id"] as? String)
            #expect(try one.object()["days"] as? String == "1")
            let approval = try await LeaveCast.approval(app, id)
            #expect(approval.steps.map(\.role) == [.csDirector])
            #expect(approval.ruleKey == "leave.approval_by_days")
            let three = try await cast.leave(app, as: cast.li, "marriage", "2026-11-26T00:00:00+08:00", "2026-11-29T00:00:00+08:00")
            #expect(three.status == .created, "\(three.body.string)")
            #expect(try await LeaveCast.approval(app, try #require(try three.object()["id"] as? String)).steps.map(\.role) == [.centerDirector])
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval.id)/approve", as: cast.leader).status == .forbidden)
            let approved = try await app.send(.POST, "api/v1/approvals/\(approval.id)/approve", as: cast.director)
            #expect(approved.status == .ok, "\(approved.body.string)")
            let shown = try await app.send(.GET, "api/v1/leave-requests/\(id)", as: cast.wang)
            #expect(try shown.object()["state"] as? String == "approved")
        }
    }

    @Test("LV-03 a personal leave starting in 2 hours without the special flag is refused naming leave.notice.general; a day ahead it is accepted")
    func generalNotice() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let soon = try await cast.leave(app, as: cast.wang, "personal", "2026-11-23T12:00:00+08:00", "2026-11-23T16:00:00+08:00")
            #expect(soon.status == .unprocessableEntity)
            #expect(try soon.error()["rule"] as? String == "leave.notice.general")
            #expect(try await LeaveRequestRecord.query(on: app.db).count() == 0)
            let ahead = try await cast.leave(app, as: cast.wang, "personal", "2026-11-24T10:00:00+08:00", "2026-11-24T16:00:00+08:00")
            #expect(ahead.status == .created)
            #expect(try ahead.object()["notice_rule"] as? String == "leave.notice.general")
        }
    }

    @Test("LV-04 special personal leave is accepted an hour before the shift and refused later, naming leave.notice.special_before_shift")
    func specialNotice() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let ok = try await cast.leave(app, as: cast.wang, "personal", "2026-11-23T12:00:00+08:00", "2026-11-23T16:00:00+08:00", extra: ["special": true])
            #expect(ok.status == .created, "\(ok.body.string)")
            #expect(try ok.object()["notice_rule"] as? String == "leave.notice.special_before_shift")
            let late = try await cast.leave(app, as: cast.li, "personal", "2026-11-23T10:30:00+08:00", "2026-11-23T16:00:00+08:00", extra: ["special": true])
            #expect(late.status == .unprocessableEntity)
            #expect(try late.error()["rule"] as? String == "leave.notice.special_before_shift")
        }
    }

    @Test("LV-13 night-shift leave is requested before 12:00 that day: at 13:00 it is refused naming leave.notice.night_shift_before")
    func nightShift() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await LeaveCast.make(app)
            _ = try await cast.roster(app, cast.wang, cast.night, "2026-11-23")
            _ = try await cast.roster(app, cast.li, cast.night, "2026-11-23")
            let morning = try await cast.leave(app, as: cast.wang, "personal", "2026-11-23T22:00:00+08:00", "2026-11-24T06:00:00+08:00", extra: ["special": true])
            #expect(morning.status == .created, "\(morning.body.string)")
            #expect(try morning.object()["notice_rule"] as? String == "leave.notice.night_shift_before")
            clock.now = Date.t0.addingTimeInterval(3 * 3_600)   // 13:00
            let afternoon = try await cast.leave(app, as: cast.li, "personal", "2026-11-23T22:00:00+08:00", "2026-11-24T06:00:00+08:00", extra: ["special": true])
            #expect(afternoon.status == .unprocessableEntity)
            #expect(try afternoon.error()["rule"] as? String == "leave.notice.night_shift_before")
        }
    }

    @Test("LV-14 leave on holiday duty is an exception requested two days ahead (leave.notice.holiday)")
    func holidayNotice() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            _ = try await cast.roster(app, cast.wang, cast.holiday, "2026-11-25")
            _ = try await cast.roster(app, cast.wang, cast.holiday, "2026-11-26")
            let close = try await cast.leave(app, as: cast.wang, "personal", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
            #expect(close.status == .unprocessableEntity)
            #expect(try close.error()["rule"] as? String == "leave.notice.holiday")
            let ahead = try await cast.leave(app, as: cast.wang, "personal", "2026-11-26T08:00:00+08:00", "2026-11-26T16:00:00+08:00")
            #expect(ahead.status == .created, "\(ahead.body.string)")
            #expect(try ahead.object()["notice_rule"] as? String == "leave.notice.holiday")
        }
    }

    @Test("LV-15 with holiday_leave forbidden, holiday-duty staff may not take leave at all (leave.holiday_leave)")
    func holidayForbidden() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            app.services.rulebook.leave.holidayLeave = .forbidden
            let cast = try await LeaveCast.make(app)
            _ = try await cast.roster(app, cast.wang, cast.holiday, "2026-11-30")
            let refused = try await cast.leave(app, as: cast.wang, "personal", "2026-11-30T08:00:00+08:00", "2026-11-30T16:00:00+08:00")
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.error()["rule"] as? String == "leave.holiday_leave")
        }
    }

    @Test("LV-08 personal leave is requested in person (403 naming LV-08); sick leave may be filed by someone else")
    func inPerson() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let proxy = try await cast.leave(app, as: cast.wang, "personal", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00",
                                             extra: ["user_id": cast.li.id.uuidString])
            #expect(proxy.status == .forbidden)
            #expect(try proxy.error()["rule"] as? String == "LV-08")
            let sick = try await cast.leave(app, as: cast.wang, "sick", "2026-11-25T08:00:00+08:00", "2026-11-25T12:00:00+08:00",
                                            extra: ["user_id": cast.li.id.uuidString, "certificate": ["institution": "市一医院", "periods": [["from": "2026-11-25", "to": "2026-11-25"]]]])
            #expect(sick.status == .created, "\(sick.body.string)")
            #expect(try sick.object()["user_id"] as? String == cast.li.id.uuidString)
            #expect(try sick.object()["filed_by"] as? String == cast.wang.id.uuidString)
        }
    }

    @Test("LV-09 sick leave over the threshold without a certificate is refused naming leave.sick_certificate_from_days; with one it is accepted")
    func sickCertificate() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let bare = try await cast.leave(app, as: cast.wang, "sick", "2026-11-25T08:00:00+08:00", "2026-11-26T16:00:00+08:00")
            #expect(bare.status == .unprocessableEntity)
            #expect(try bare.error()["rule"] as? String == "leave.sick_certificate_from_days")
            let noted = try await cast.leave(app, as: cast.wang, "sick", "2026-11-25T08:00:00+08:00", "2026-11-26T16:00:00+08:00",
                                             extra: ["certificate": ["institution": "市一医院", "periods": [["from": "2026-11-25", "to": "2026-11-26"]]]])
            #expect(noted.status == .created, "\(noted.body.string)")
            #expect(try noted.object()["certificate_needed"] as? Bool == true)
        }
    }

    @Test("LV-28 the certificate threshold is configurable: from 2 days, one day of sick leave needs none")
    func sickThreshold() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            app.services.rulebook.leave.sickCertificateFromDays = 2
            let cast = try await LeaveCast.make(app)
            let one = try await cast.leave(app, as: cast.wang, "sick", "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
            #expect(one.status == .created, "\(one.body.string)")
            #expect(try one.object()["certificate_needed"] as? Bool == false)
        }
    }

    @Test("LV-11 a certificate whose periods leave a gap is refused (400 certificate.periods); chained periods are accepted")
    func continuousCertificate() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let gap = try await cast.leave(app, as: cast.wang, "sick", "2026-11-25T00:00:00+08:00", "2026-11-29T00:00:00+08:00", extra: [
                "certificate": ["institution": "市一医院", "periods": [["from": "2026-11-25", "to": "2026-11-26"], ["from": "2026-11-28", "to": "2026-11-28"]]]])
            #expect(gap.status == .badRequest)
            #expect(gap.body.string.contains("certificate.periods"))
            let chained = try await cast.leave(app, as: cast.wang, "sick", "2026-11-25T00:00:00+08:00", "2026-11-29T00:00:00+08:00", extra: [
                "certificate": ["institution": "市一医院", "periods": [["from": "2026-11-25", "to": "2026-11-26"], ["from": "2026-11-27", "to": "2026-11-28"]]]])
            #expect(chained.status == .created, "\(chained.body.string)")
        }
    }

    @Test("LV-16 official business and study go to the center director (leave.official_business_approver)")
    func officialBusiness() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            for (who, type) in [(cast.wang, "official_business"), (cast.li, "study")] {
                let response = try await cast.leave(app, as: who, type, "2026-11-25T08:00:00+08:00", "2026-11-25T16:00:00+08:00")
                #expect(response.status == .created, "\(response.body.string)")
                let approval = try await LeaveCast.approval(app, try #require(try response.object()["id"] as? String))
                #expect(approval.steps.map(\.role) == [.centerDirector])
                #expect(approval.ruleKey == "leave.official_business_approver")
            }
        }
    }

    @Test("LV-17 every leave type of the list is accepted; an unknown type and an end before the start are 400")
    func types() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            for (index, type) in LeaveType.allCases.enumerated() {
                let day = String(format: "2026-12-%02d", index + 1)
                var extra: [String: Any] = [:]
                if type == .sick { extra["certificate"] = ["institution": "市一医院", "periods": [["from": day, "to": day]]] }
                let response = try await cast.leave(app, as: cast.wang, type.rawValue, "\(day)T08:00:00+08:00", "\(day)T16:00:00+08:00", extra: extra)
                #expect(response.status == .created, "\(type) \(response.body.string)")
            }
            let unknown = try await cast.leave(app, as: cast.li, "vacation", "2026-12-20T08:00:00+08:00", "2026-12-20T16:00:00+08:00")
            #expect(unknown.status == .badRequest)
            #expect(unknown.body.string.contains("type"))
            let backwards = try await cast.leave(app, as: cast.li, "personal", "2026-12-20T16:00:00+08:00", "2026-12-20T08:00:00+08:00")
            #expect(backwards.status == .badRequest)
            #expect(backwards.body.string.contains("ends_at"))
            #expect(try await LeaveRequestRecord.query(on: app.db).filter(\.$userID == cast.li.id).count() == 0)
        }
    }

    @Test("LV-02 sick leave too is requested in advance: starting in 2 hours it needs the emergency path (leave.notice.general otherwise)")
    func sickInAdvance() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            let certificate: [String: Any] = ["institution": "市一医院", "periods": [["from": "2026-11-23", "to": "2026-11-23"]]]
            let soon = try await cast.leave(app, as: cast.wang, "sick", "2026-11-23T12:00:00+08:00", "2026-11-23T16:00:00+08:00", extra: ["certificate": certificate])
            #expect(soon.status == .unprocessableEntity)
            #expect(try soon.error()["rule"] as? String == "leave.notice.general")
            let phoned = try await cast.leave(app, as: cast.wang, "sick", "2026-11-23T12:00:00+08:00", "2026-11-23T16:00:00+08:00", extra: ["emergency": true])
            #expect(phoned.status == .created, "\(phoned.body.string)")
        }
    }
}
