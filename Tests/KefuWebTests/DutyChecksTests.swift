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

/// The life of a duty (SEC-16/17): done by its assignee, checked by the supervisor, redone when failed, flagged
/// when late, reallocated by the team leader when no supervisor is on shift.
@Suite("Duty checks (SEC-16/17)")
struct DutyChecksTests {
    static let monday = DutiesTests.monday

    func generate(_ app: Application, _ cast: DutyCast, _ date: String) async throws -> [[String: Any]] {
        try await DutiesTests().generate(app, cast, date)
    }

    @Test("SEC-17 with the supervisor absent the team leader allocates their own team's duties; present, it is 422 naming duties.supervisor")
    func teamLeaderAllocates() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            let saturday = "2026-11-28"
            for who in [cast.wang, cast.lili, cast.leaderA, cast.zhao, cast.leaderB] { try await cast.roster(app, who, saturday) }
            let general = try await generate(app, cast, saturday).ofKind("general_cleaning")
            let teamA = try #require(general.first { $0["team_id"] as? String == cast.teamA.uuidString }?["id"] as? String)
            let allocated = try await app.send(.POST, "api/v1/duties/\(teamA)/assign", as: cast.leaderA, json: ["assignee_id": cast.wang.id.uuidString])
            #expect(allocated.status == .ok, "\(allocated.body.string)")
            #expect(try allocated.object()["assignee_id"] as? String == cast.wang.id.uuidString)
            #expect(try await app.send(.POST, "api/v1/duties/\(teamA)/assign", as: cast.leaderB, json: ["assignee_id": cast.zhao.id.uuidString]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/duties/\(teamA)/assign", as: cast.wang, json: ["assignee_id": cast.lili.id.uuidString]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/duties/\(teamA)/assign", as: cast.leaderA, json: [:]).status == .badRequest)
            try await cast.roster(app, cast.supervisor, saturday)
            let present = try await app.send(.POST, "api/v1/duties/\(teamA)/assign", as: cast.leaderA, json: ["assignee_id": cast.lili.id.uuidString])
            #expect(present.status == .unprocessableEntity)
            #expect(try present.error()["rule"] as? String == "duties.supervisor")
            #expect(try await app.send(.POST, "api/v1/duties/\(teamA)/assign", as: cast.supervisor, json: ["assignee_id": cast.lili.id.uuidString]).status == .ok)
        }
    }

    @Test("SEC-16 the assignee marks done, the supervisor fails it, the zone is redone and re-checked; a second check is 409")
    func doneCheckRedo() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await DutyCast.make(app)
            try await cast.roster(app, cast.wang, Self.monday)
            let duty = try #require(try await generate(app, cast, Self.monday).ofKind("morning_zone").first)
            let id = try #require(duty["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/duties/\(id)/done", as: cast.lili).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/duties/\(id)/check", as: cast.supervisor, json: ["result": "pass"]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/duties/\(id)/done", as: cast.wang).status == .ok)
            #expect(try await app.send(.POST, "api/v1/duties/\(id)/done", as: cast.wang).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/duties/\(id)/check", as: cast.lili, json: ["result": "pass"]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/duties/\(id)/check", as: cast.supervisor, json: ["result": "maybe"]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/duties/\(id)/check", as: cast.supervisor, json: ["result": "fail"]).status == .badRequest)
            let failed = try await app.send(.POST, "api/v1/duties/\(id)/check", as: cast.supervisor, json: ["result": "fail", "note": "地面有水渍"])
            #expect(failed.status == .ok)
            let redo = try failed.object()
            #expect(redo["state"] as? String == "redo" && redo["redo_count"] as? Int == 1)
            #expect(redo["due_at"] as? String == "2026-11-23T02:30:00Z")   // 30 minutes after the check (10:00 +08:00)
            #expect(try await app.send(.GET, "api/v1/notifications", as: cast.wang).items().contains { $0["kind"] as? String == "duty.redo" })
            #expect(try await app.send(.POST, "api/v1/duties/\(id)/check", as: cast.supervisor, json: ["result": "fail", "note": "again"]).status == .conflict)
            clock.now = Date.t0.addingTimeInterval(900)
            #expect(try await app.send(.POST, "api/v1/duties/\(id)/done", as: cast.wang).status == .ok)
            // Two supervisors check the same round at once: exactly one wins.
            async let first = app.send(.POST, "api/v1/duties/\(id)/check", as: cast.supervisor, json: ["result": "pass"])
            async let second = app.send(.POST, "api/v1/duties/\(id)/check", as: cast.director, json: ["result": "pass"])
            let statuses = [try await first.status, try await second.status]
            #expect(statuses.filter { $0 == .ok }.count == 1 && statuses.filter { $0 == .conflict }.count == 1)
            let final = try await app.send(.GET, "api/v1/duties/\(id)", as: cast.wang).object()
            #expect(final["state"] as? String == "passed")
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$subjectID == UUID(uuidString: id)!).all().map(\.action)
            #expect(audit.contains("duty.failed") && audit.contains("duty.passed") && audit.filter { $0 == "duty.done" }.count == 2)
        }
    }

    @Test("SEC-16 a duty not done by its deadline is flagged once by the job: the supervisor is told and it is audited")
    func overdue() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await DutyCast.make(app)
            try await cast.roster(app, cast.wang, Self.monday)
            let first = try await DutyGeneration(db: app.db, services: app.services).run(now: clock.now)
            #expect(first.created > 0 && first.flagged == 2)   // 10:00: both morning zones (due 8:50) are late
            let second = try await DutyGeneration(db: app.db, services: app.services).run(now: clock.now)
            #expect(second.created == 0 && second.flagged == 0)
            let told = try await app.send(.GET, "api/v1/notifications", as: cast.supervisor).items().filter { $0["kind"] as? String == "duty.overdue" }
            #expect(told.count == 2)
            let zones = try await app.send(.GET, "api/v1/duties?date=\(Self.monday)", as: cast.supervisor).items().ofKind("morning_zone")
            #expect(zones.allSatisfy { $0["overdue"] as? Bool == true })
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "duty.overdue").count() == 2)
            #expect(try await app.send(.GET, "api/v1/duties?date=\(Self.monday)", as: cast.supervisor).items().ofKind("plants_water")
                .allSatisfy { $0["overdue"] as? Bool == false })
        }
    }
}
