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

/// GOV-01..03: rulebook versions uploaded by an administrator, scheduled for an instant, in force from that
/// instant on (also after a restart), announced to the staff, and withdrawn before they apply.
@Suite("Rulebook versions (GOV)")
struct RulebookVersionTests {
    static let newRules = """
        organization:
          interpreted_by: 客服中心办公室
        notices:
          archive_after_days: 45
        """

    func upload(_ app: Application, as who: TestStaff, at: Date?, content: String = newRules, announce: Bool = false) async throws -> TestingHTTPResponse {
        var body: [String: Any] = ["content": content, "file_name": "2027.yaml", "announce": announce]
        if let at { body["effective_at"] = ISO8601DateFormatter().string(from: at) }
        return try await app.send(.POST, "api/v1/rulebook/versions", as: who, json: body)
    }

    @Test("GOV-02 a rulebook version scheduled a minute ahead takes effect on time, and keeps applying after a restart")
    func scheduledVersion() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let admin = try await app.staff("admin1", roles: [.admin])
            let baseline = app.services.rulebook.version
            let response = try await upload(app, as: admin, at: Date.t0.addingTimeInterval(60))
            #expect(response.status == .created, "\(response.body.string)")
            let version = try response.object()
            #expect(version["state"] as? String == "scheduled")
            #expect((version["differences"] as? [[String: Any]])?.contains { $0["key"] as? String == "notices.archive_after_days" } == true)
            // One second before the instant the old rules apply; at the instant the new ones do.
            clock.now = Date.t0.addingTimeInterval(59)
            #expect(app.services.rulebook.version == baseline)
            #expect(app.services.rulebook.notices.archiveAfterDays != 45)
            clock.now = Date.t0.addingTimeInterval(60)
            #expect(app.services.rulebook.notices.archiveAfterDays == 45)
            #expect(app.services.rulebook.organization.interpretedBy == "客服中心办公室")
            let rulebook = try await app.send(.GET, "api/v1/rulebook", as: admin).object()
            let inForce = try #require(rulebook["in_force"] as? [String: Any])
            #expect(inForce["source"] as? String == "stored_version")
            #expect(inForce["interpreted_by"] as? String == "客服中心办公室")
            // A restart: the node starts from the baseline and loads the stored versions again.
            app.services.rulebooks.replaceStored([])
            #expect(app.services.rulebook.version == baseline)
            try await RulebookVersions(db: app.db, services: app.services).reload()
            #expect(app.services.rulebook.notices.archiveAfterDays == 45)
            #expect(RulebookStatus.lines(app).contains { $0.contains("stored by an administrator") })
        }
    }

    @Test("GOV-02 decisions keep the rulebook version they were made under")
    func decisionsKeepTheirVersion() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let admin = try await app.staff("admin1", roles: [.admin])
            let agent = try await app.staff("lina", roles: [.agent])
            let before = app.services.rulebook.versionShort
            _ = try await upload(app, as: admin, at: Date.t0.addingTimeInterval(60))
            let engine = { ApprovalEngine(db: app.db, services: app.services) }
            let first = try await engine().start(chain: ComplaintSettlementChain.chain(rulebook: app.services.rulebook, amount: 100),
                                                 subjectType: "complaint_decision", subjectID: UUID(), requestedBy: agent.id, requesterName: agent.username)
            clock.now = Date.t0.addingTimeInterval(120)
            let second = try await engine().start(chain: ComplaintSettlementChain.chain(rulebook: app.services.rulebook, amount: 100),
                                                  subjectType: "complaint_decision", subjectID: UUID(), requestedBy: agent.id, requesterName: agent.username)
            #expect(first.rulebookVersion == before)
            #expect(second.rulebookVersion == app.services.rulebook.versionShort)
            #expect(second.rulebookVersion != before)
        }
    }

    @Test("GOV-02 a bad file, a past instant, a file that changes nothing, or a non-administrator is refused and nothing is stored")
    func refusals() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("admin1", roles: [.admin])
            let director = try await app.staff("wangfang", roles: [.csDirector])
            let bad = try await upload(app, as: admin, at: nil, content: "complaints:\n  close_within: {value: -1, unit: natural_days}\n")
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("2027.yaml:2"))
            let unknown = try await upload(app, as: admin, at: nil, content: "complaints:\n  no_such_key: 1\n")
            #expect(unknown.status == .badRequest && unknown.body.string.contains("no_such_key"))
            #expect(try await upload(app, as: admin, at: app.services.now().addingTimeInterval(-3_600)).status == .badRequest)
            #expect(try await upload(app, as: admin, at: nil, content: "organization:\n  time_zone: Asia/Shanghai\n").status == .badRequest)
            #expect(try await upload(app, as: admin, at: nil, content: "  ").status == .badRequest)
            #expect(try await upload(app, as: director, at: nil).status == .forbidden)
            #expect(try await RulebookVersionRecord.query(on: app.db).count() == 0)
            // The director reads the history but cannot preview or schedule.
            #expect(try await app.send(.GET, "api/v1/rulebook/versions", as: director).status == .ok)
            #expect(try await app.send(.POST, "api/v1/rulebook/versions/preview", as: director, json: ["content": Self.newRules]).status == .forbidden)
        }
    }

    @Test("GOV-02 a scheduled version can be withdrawn before its instant, not after; the history shows each state")
    func cancelling() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let admin = try await app.staff("admin1", roles: [.admin])
            let scheduled = try await upload(app, as: admin, at: Date.t0.addingTimeInterval(3_600)).object()
            let id = try #require(scheduled["id"] as? String)
            let cancelled = try await app.send(.POST, "api/v1/rulebook/versions/\(id)/cancel", as: admin)
            #expect(try cancelled.object()["state"] as? String == "cancelled")
            #expect(try await app.send(.POST, "api/v1/rulebook/versions/\(id)/cancel", as: admin).status == .conflict)
            clock.now = Date.t0.addingTimeInterval(7_200)
            #expect(app.services.rulebook.organization.interpretedBy != "客服中心办公室")
            let now = try await upload(app, as: admin, at: nil).object()
            let current = try #require(now["id"] as? String)
            #expect(now["state"] as? String == "in_force")
            #expect(try await app.send(.POST, "api/v1/rulebook/versions/\(current)/cancel", as: admin).status == .conflict)
            let history = try await app.send(.GET, "api/v1/rulebook/versions", as: admin).items()
            #expect(history.map { $0["state"] as? String } == ["in_force", "cancelled"])
            #expect(try await app.send(.GET, "api/v1/rulebook/versions/\(current)", as: admin).object()["differences"] != nil)
        }
    }

    @Test("GOV-03 a change is announced as a notice to confirm, and the admin sees who has not confirmed")
    func announcement() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("admin1", roles: [.admin])
            let lina = try await app.staff("lina", roles: [.agent])
            let version = try await upload(app, as: admin, at: app.services.now().addingTimeInterval(3_600), announce: true).object()
            let notice = try #require(version["notice_id"] as? String)
            let mine = try await app.send(.GET, "api/v1/notices/\(notice)", as: lina).object()
            #expect((mine["body"] as? String)?.contains("notices.archive_after_days") == true)
            #expect(mine["requires_confirmation"] as? Bool == true)
            let waiting = try await app.send(.GET, "api/v1/notices/\(notice)/recipients?confirmed=false", as: admin).items()
            #expect(waiting.contains { $0["name"] as? String == "Lina" })
            #expect(try await app.send(.POST, "api/v1/notices/\(notice)/acknowledge", as: lina).status == .ok)
            let still = try await app.send(.GET, "api/v1/notices/\(notice)/recipients?confirmed=false", as: admin).items()
            #expect(!still.contains { $0["name"] as? String == "Lina" })
        }
    }
}

/// GOV-02 with several nodes: only meaningful where two applications share a database (PostgreSQL; on
/// SQLite in memory each test application has its own database, so the test returns at once there).
@Suite("Rulebook versions on several nodes (GOV, PostgreSQL)")
struct RulebookVersionNodesTests {
    @Test("GOV-02 a version uploaded on one node is loaded by another node sharing PostgreSQL and takes effect there at its instant")
    func secondNode() async throws {
        guard testsUsePostgres else { return }
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let node2 = try await Application.make(.testing)
            do {
                try await configure(node2, settings: try Settings.testing())
                node2.services.now = { clock.now }
                let admin = try await app.staff("admin1", roles: [.admin])
                let body: [String: Any] = ["content": RulebookVersionTests.newRules, "announce": false,
                                           "effective_at": ISO8601DateFormatter().string(from: Date.t0.addingTimeInterval(60))]
                #expect(try await app.send(.POST, "api/v1/rulebook/versions", as: admin, json: body).status == .created)
                // The other node's periodic reload (RulebookReloadLoop) runs this.
                try await RulebookVersions(db: node2.db, services: node2.services).reload()
                #expect(node2.services.rulebook.notices.archiveAfterDays != 45)
                clock.now = Date.t0.addingTimeInterval(60)
                #expect(node2.services.rulebook.notices.archiveAfterDays == 45)
                #expect(node2.services.rulebook.version == app.services.rulebook.version)
            } catch {
                try? await node2.asyncShutdown()
                throw error
            }
            try await node2.asyncShutdown()
        }
    }
}
