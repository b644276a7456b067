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

@Suite("Workforce: shift templates, the roster, copy-week and who is on duty (SHF-12..20)")
struct WorkforceRosterTests {
    @Test("SHF-12 a shift template whose end equals its start is a 400 naming ends_at; a night shift past midnight is accepted")
    func templateTimes() async throws {
        try await withTestApp { app in
            let cast = try await ShiftCast.make(app)
            let same = try await app.send(.POST, "api/v1/shift-templates", as: cast.leader, json: ["name": "错", "starts_at": "08:00", "ends_at": "08:00"])
            #expect(same.status == .badRequest)
            #expect((try same.error()["fields"] as? [String: Any])?["ends_at"] as? String == "下班时间不能与上班时间相同")
            let night = try await app.send(.POST, "api/v1/shift-templates", as: cast.leader, json: ["name": "夜班", "starts_at": "22:00", "ends_at": "06:00"])
            #expect(night.status == .created)
            #expect(try night.object()["night"] as? Bool == true)
            let breakOutside = try await app.send(.POST, "api/v1/shift-templates", as: cast.leader,
                                                  json: ["name": "B", "starts_at": "08:00", "ends_at": "11:00", "breaks": ["12:00-13:00"]])
            #expect(breakOutside.status == .badRequest)
            let agent = try await app.send(.POST, "api/v1/shift-templates", as: cast.wang, json: ["name": "X", "starts_at": "08:00", "ends_at": "16:00"])
            #expect(agent.status == .forbidden)
        }
    }

    @Test("SHF-19 the supervisor rosters a person; an overlapping entry for the same person is 409 with a clear message")
    func overlap() async throws {
        try await withTestApp { app in
            let cast = try await ShiftCast.make(app)
            let day = try await app.shiftTemplate(cast, "白班", "08:00", "16:00")
            let late = try await app.shiftTemplate(cast, "中班", "12:00", "20:00")
            let first = try await app.roster(cast, cast.wang, day, "2026-11-23")
            #expect(first.status == .created)
            #expect(try first.object()["shift_name"] as? String == "白班")
            let overlapping = try await app.roster(cast, cast.wang, late, "2026-11-23")
            #expect(overlapping.status == .conflict)
            #expect((try overlapping.error()["message"] as? String)?.contains("重叠") == true)
            #expect(try await app.roster(cast, cast.li, late, "2026-11-23").status == .created)
            let list = try await app.send(.GET, "api/v1/roster?from=2026-11-23&to=2026-11-29", as: cast.wang)
            #expect(try list.items().count == 2)
            #expect(try await app.roster(cast, cast.wang, day, "2026-11-23").status == .conflict)
        }
    }

    @Test("SHF-19 a roster entry for an unknown template or an inactive user is a 400 naming the field")
    func unknownTemplateInactiveUser() async throws {
        try await withTestApp { app in
            let cast = try await ShiftCast.make(app)
            let day = try await app.shiftTemplate(cast, "白班", "08:00", "16:00")
            let unknown = try await app.roster(cast, cast.wang, UUID().uuidString, "2026-11-23")
            #expect(unknown.status == .badRequest)
            #expect((try unknown.error()["fields"] as? [String: Any])?["shift_template_id"] as? String == "班次不存在或已停用")
            let gone = try await app.staff("gone", roles: [.agent])
            let user = try #require(try await UserRecord.find(gone.id, on: app.db))
            user.active = false
            try await user.save(on: app.db)
            let inactive = try await app.roster(cast, gone, day, "2026-11-23")
            #expect(inactive.status == .badRequest)
            #expect((try inactive.error()["fields"] as? [String: Any])?["user_id"] as? String == "该人员已停用，不能排班")
            let badDate = try await app.send(.POST, "api/v1/roster", as: cast.leader, json: ["user_id": cast.wang.id.uuidString, "date": "2026-02-30", "shift_template_id": day])
            #expect(badDate.status == .badRequest)
        }
    }

    @Test("SHF-19 copying a week onto a week that already has entries skips the existing ones and says so")
    func copyWeek() async throws {
        try await withTestApp { app in
            let cast = try await ShiftCast.make(app)
            let day = try await app.shiftTemplate(cast, "白班", "08:00", "16:00")
            for (who, date) in [(cast.wang, "2026-11-23"), (cast.wang, "2026-11-24"), (cast.li, "2026-11-23")] {
                #expect(try await app.roster(cast, who, day, date).status == .created)
            }
            #expect(try await app.roster(cast, cast.wang, day, "2026-11-30").status == .created)
            let copy = try await app.send(.POST, "api/v1/roster/copy-week", as: cast.leader, json: ["from_week": "2026-11-23", "to_week": "2026-11-30"])
            #expect(copy.status == .ok, "\(copy.body.string)")
            #expect(try copy.object()["copied"] as? Int == 2)
            let skipped = try #require(try copy.object()["skipped"] as? [[String: Any]])
            #expect(skipped.count == 1)
            #expect(skipped.first?["reason"] as? String == "exists")
            #expect(skipped.first?["date"] as? String == "2026-11-23")
            let next = try await app.send(.GET, "api/v1/roster?from=2026-11-30&to=2026-12-06", as: cast.leader)
            #expect(try next.items().count == 3)
            let same = try await app.send(.POST, "api/v1/roster/copy-week", as: cast.leader, json: ["from_week": "2026-11-23", "to_week": "2026-11-25"])
            #expect(same.status == .badRequest)
        }
    }

    @Test("SHF-19 who is on duty now follows the roster; someone off shift is unavailable for assignment")
    func onDuty() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await ShiftCast.make(app)
            let day = try await app.shiftTemplate(cast, "白班", "08:00", "16:00")
            let evening = try await app.shiftTemplate(cast, "晚班", "16:00", "23:00")
            #expect(try await app.roster(cast, cast.wang, day, "2026-11-23", leads: true).status == .created)
            #expect(try await app.roster(cast, cast.li, evening, "2026-11-23").status == .created)
            let now = try await app.send(.GET, "api/v1/roster/on-duty", as: cast.leader)
            let people = try now.items()
            #expect(people.map { $0["name"] as? String } == ["Wangwu"])
            #expect(people.first?["leads"] as? Bool == true)
            let availability = Availability(db: app.db)
            #expect(try await !availability.unavailable(userID: cast.wang.id, at: .t0))
            #expect(try await availability.unavailable(userID: cast.li.id, at: .t0))
        }
    }
}
