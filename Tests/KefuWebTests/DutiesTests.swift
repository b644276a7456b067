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

/// Recurring duties (值日, SEC-13..19): generated from the rulebook and the shift roster, done by their
/// assignee, checked by the supervisor, redone when failed, flagged when late.
@Suite("Duties (SEC-13..19)")
struct DutiesTests {
    /// Monday 2026-11-23, 10:00 +08:00; `Date.t0`.
    static let monday = "2026-11-23"

    func generate(_ app: Application, _ cast: DutyCast, _ date: String) async throws -> [[String: Any]] {
        let response = try await app.send(.POST, "api/v1/duties/generate", as: cast.supervisor, json: ["date": date])
        #expect(response.status == .created || response.status == .ok, "\(response.body.string)")
        return try await app.send(.GET, "api/v1/duties?date=\(date)&limit=200", as: cast.supervisor).items()
    }

    @Test("SEC-15 the rotation hands out a day's slots in turn and moves on the next day")
    func rotation() {
        let pool = (0..<3).map { DutyRoster.Person(id: UUID(), name: "p\($0)", teamID: nil, leadsShift: false) }
        let monday = DutyRoster.rotate(slots: 2, pool: pool, dayNumber: 10).map(\.name)
        let tuesday = DutyRoster.rotate(slots: 2, pool: pool, dayNumber: 11).map(\.name)
        #expect(Set(monday).count == 2 && monday != tuesday)
        #expect(DutyRoster.rotate(slots: 2, pool: [], dayNumber: 1).isEmpty)
        #expect(DutyRoster.rotate(slots: 5, pool: pool, dayNumber: 3).count == 5)
    }

    @Test("SEC-16 duty cleaners get the zones in rotation, due before 8:50; generating twice adds nothing; agents may not generate")
    func zones() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            for who in [cast.wang, cast.lili, cast.zhao] {
                try await cast.roster(app, who, Self.monday); try await cast.roster(app, who, "2026-11-24")
            }
            #expect(try await app.send(.POST, "api/v1/duties/generate", as: cast.wang, json: ["date": Self.monday]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/duties/generate", as: cast.supervisor, json: ["date": "2026-13-01"]).status == .badRequest)
            let duties = try await generate(app, cast, Self.monday)
            let zones = duties.ofKind("morning_zone")
            #expect(zones.count == 2)
            #expect(Set(zones.compactMap { $0["zone"] as? String }) == ["客服大厅", "走廊与入口"])
            #expect(Set(zones.compactMap { $0["assignee_id"] as? String }).count == 2)
            #expect(zones.allSatisfy { $0["due_at"] as? String == "2026-11-23T00:50:00Z" })
            let again = try await app.send(.POST, "api/v1/duties/generate", as: cast.supervisor, json: ["date": Self.monday])
            let againBody = try again.object()
            #expect(again.status == .ok && againBody["created"] as? String == "0")
            #expect(try await app.send(.GET, "api/v1/duties?date=\(Self.monday)", as: cast.supervisor).items().count == duties.count)
            let tuesday = try await generate(app, cast, "2026-11-24").ofKind("morning_zone")
            func byZone(_ rows: [[String: Any]]) -> [String: String] {
                Dictionary(rows.map { ($0["zone"] as? String ?? "", $0["assignee_id"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
            }
            let (mon, tue) = (byZone(zones), byZone(tuesday))
            #expect(mon.keys.allSatisfy { mon[$0] != tue[$0] })
        }
    }

    @Test("SEC-14 plants are watered by the day shift and the leaves cleaned on Friday; the night shift and people on approved leave get no duty")
    func plantsDayShift() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            try await cast.roster(app, cast.wang, Self.monday)
            try await cast.roster(app, cast.lili, Self.monday, night: true)
            try await cast.roster(app, cast.zhao, Self.monday)
            try await cast.leave(app, cast.zhao, Self.monday)
            let duties = try await generate(app, cast, Self.monday)
            #expect(!duties.isEmpty)
            #expect(duties.allSatisfy { $0["assignee_id"] as? String == cast.wang.id.uuidString })
            #expect(duties.ofKind("plants_water").count == 1)
            #expect(duties.ofKind("plants_leaves").isEmpty)
            try await cast.roster(app, cast.lili, "2026-11-27")
            let friday = try await generate(app, cast, "2026-11-27")
            #expect(friday.ofKind("plants_leaves").count == 1 && friday.ofKind("plants_water").count == 1)
        }
    }

    @Test("SEC-15 floor cleaning after work every day; each person sees only their own duties")
    func floorAndOwnList() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            try await cast.roster(app, cast.wang, Self.monday); try await cast.roster(app, cast.lili, Self.monday)
            let duties = try await generate(app, cast, Self.monday)
            let floor = try #require(duties.ofKind("floor_after_work").first)
            #expect(floor["due_at"] as? String == "2026-11-23T10:30:00Z")
            let mine = try await app.send(.GET, "api/v1/duties?date=\(Self.monday)", as: cast.wang).items()
            #expect(!mine.isEmpty && mine.allSatisfy { $0["assignee_id"] as? String == cast.wang.id.uuidString })
            let asked = try await app.send(.GET, "api/v1/duties?assignee_id=\(cast.lili.id.uuidString)", as: cast.wang).items()
            #expect(asked.allSatisfy { $0["assignee_id"] as? String == cast.wang.id.uuidString })
            let other = try #require(duties.first { $0["assignee_id"] as? String == cast.lili.id.uuidString }?["id"] as? String)
            #expect(try await app.send(.GET, "api/v1/duties/\(other)", as: cast.wang).status == .notFound)
            #expect(try await app.send(.GET, "api/v1/duties?state=nonsense", as: cast.wang).status == .badRequest)
        }
    }

    @Test("SEC-13 the locker room is cleaned on Mondays, organized by that day's shift leader")
    func lockerRoom() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            try await cast.roster(app, cast.wang, Self.monday); try await cast.roster(app, cast.lili, Self.monday, leads: true)
            try await cast.roster(app, cast.wang, "2026-11-24"); try await cast.roster(app, cast.lili, "2026-11-24", leads: true)
            let locker = try await generate(app, cast, Self.monday).ofKind("locker_room")
            #expect(locker.count == 1 && locker.first?["assignee_id"] as? String == cast.lili.id.uuidString)
            #expect(try await generate(app, cast, "2026-11-24").ofKind("locker_room").isEmpty)
        }
    }

    @Test("SEC-17 general cleaning on Saturday: one per team, its own zone, handed to the team leader to allocate")
    func generalCleaning() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            let saturday = "2026-11-28"
            for who in [cast.wang, cast.lili, cast.leaderA, cast.zhao, cast.leaderB] { try await cast.roster(app, who, saturday) }
            let general = try await generate(app, cast, saturday).ofKind("general_cleaning")
            #expect(general.count == 2)
            #expect(Set(general.compactMap { $0["assignee_id"] as? String }) == [cast.leaderA.id.uuidString, cast.leaderB.id.uuidString])
            #expect(Set(general.compactMap { $0["team_id"] as? String }) == [cast.teamA.uuidString, cast.teamB.uuidString])
            try await cast.roster(app, cast.wang, "2026-11-27")
            #expect(try await generate(app, cast, "2026-11-27").ofKind("general_cleaning").isEmpty)
        }
    }

    @Test("SEC-18 SEC-19 the alternative schedule: zones and boiling water before 7:30, a noon round, general cleaning on Friday")
    func alternativeSchedule() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let yaml = """
            duties:
              morning_zone: {enabled: true, due: "07:30", weekdays: [mon, tue, wed, thu, fri, sat, sun]}
              noon_zone: {enabled: true, due: "13:30", weekdays: [mon, tue, wed, thu, fri, sat, sun]}
              boiling_water: {enabled: true, due: "07:30", weekdays: [mon, tue, wed, thu, fri, sat, sun]}
              general_cleaning: {enabled: true, due: "17:00", weekdays: [fri]}
            """
            app.services.rulebook = try Rulebook.load(defaults: try KefuResources.defaultRulebookText(), override: yaml)
            let cast = try await DutyCast.make(app)
            try await cast.roster(app, cast.wang, "2026-11-27"); try await cast.roster(app, cast.lili, "2026-11-27")
            try await cast.roster(app, cast.wang, "2026-11-28")
            let friday = try await generate(app, cast, "2026-11-27")
            #expect(friday.ofKind("morning_zone").allSatisfy { $0["due_at"] as? String == "2026-11-26T23:30:00Z" })
            #expect(friday.ofKind("noon_zone").count == 2 && friday.ofKind("boiling_water").count == 1)
            #expect(friday.ofKind("general_cleaning").count == 1)
            #expect(try await generate(app, cast, "2026-11-28").ofKind("general_cleaning").isEmpty)
        }
    }

    @Test("SEC-19 the default schedule is the CS centre's own (before 8:50, Saturday cleaning, no noon round or boiling water); a bad weekday in the rulebook is refused")
    func defaultSchedule() async throws {
        let rules = try RulebookFiles.load(overrideFile: nil).duties
        #expect(rules.schedule(.morningZone).due == LocalTime("08:50") && rules.schedule(.generalCleaning).weekdays == [.saturday])
        #expect(!rules.schedule(.noonZone).enabled && !rules.schedule(.boilingWater).enabled)
        #expect(rules.schedule(.lockerRoom).weekdays == [.monday] && rules.schedule(.plantsLeaves).weekdays == [.friday])
        #expect(throws: (any Error).self) {
            try Rulebook.load(defaults: try KefuResources.defaultRulebookText(), override: "duties:\n  locker_room: {enabled: true, due: \"17:00\", weekdays: [funday]}\n")
        }
        #expect(throws: (any Error).self) {
            try Rulebook.load(defaults: try KefuResources.defaultRulebookText(), override: "duties:\n  morning_zone: {enabled: true, due: \"25:00\", weekdays: [mon]}\n")
        }
    }
}
