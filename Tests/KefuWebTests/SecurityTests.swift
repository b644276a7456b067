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

@Suite("Security: lockout under parallel guesses, redirects, scopes, crafted input")
struct SecurityTests {
    @Test("Eight parallel wrong guesses all count: the account is locked afterwards, even for the right password")
    func parallelGuesses() async throws {
        try await withTestApp { app in
            _ = try await app.staff("lina", roles: [.agent])
            let login = LogIn(db: app.db, services: app.services, password: app.passwordHashing)
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<8 { group.addTask { _ = try? await login.run(username: "lina", password: "wrong-guess", kind: .api) } }
            }
            await #expect(throws: LogIn.Refusal.locked) { try await login.run(username: "lina", password: "secret-pass-1", kind: .api) }
        }
    }

    @Test("A name that cannot be a username is refused like a wrong password and leaves no guard row")
    func impossibleUsername() async throws {
        try await withTestApp { app in
            let login = LogIn(db: app.db, services: app.services, password: app.passwordHashing)
            await #expect(throws: LogIn.Refusal.invalid) {
                try await login.run(username: String(repeating: "x", count: 5000), password: "whatever", kind: .api)
            }
            let rows = try await LoginGuardRecord.query(on: app.db).count()
            #expect(rows == 0)
        }
    }

    @Test("After login only local paths are followed", arguments: [
        ("/admin/users", "/admin/users"), ("//evil.example", "/"), ("/\t/evil.example", "/"), ("https://evil.example", "/"),
        ("/\\evil.example", "/"), ("/approvals?state=pending", "/approvals?state=pending"), (nil, "/"),
    ] as [(String?, String)])
    func safeNext(next: String?, expected: String) {
        #expect(AuthWebController.safeNext(next) == expected)
    }

    @Test("A crafted cursor (NaN, huge) is 400 on every keyset list, never a crash")
    func craftedCursor() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            for key in ["nan", "inf", "1e300", "-5"] {
                let cursor = Cursor(key: key, id: UUID()).encoded
                for path in ["api/v1/notifications", "api/v1/approvals", "api/v1/audit"] {
                    try await app.testing().test(.GET, "\(path)?cursor=\(cursor)", headers: admin.bearer) { res async in
                        #expect(res.status == .badRequest, "\(path) \(key)")
                    }
                }
            }
        }
    }

    @Test("A manager without a department sees only themself, not everyone without one; leaders see the teams they lead")
    func scopeWithoutDepartment() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let manager = try await app.staff("manager1", roles: [.deptManager])
            _ = try await app.staff("loner", roles: [.agent])
            let leader = try await app.staff("leader1", roles: [.teamLeader], departmentID: cs)
            let team = try await app.team("一组", departmentID: cs, leaderID: leader.id)
            _ = try await app.staff("member1", roles: [.agent], departmentID: cs, teamID: team)
            _ = try await app.staff("outsider", roles: [.agent], departmentID: cs)
            try await app.testing().test(.GET, "api/v1/users", headers: manager.bearer) { res async in
                #expect(res.body.string.contains("manager1"))
                #expect(!res.body.string.contains("loner"))
            }
            try await app.testing().test(.GET, "api/v1/users", headers: leader.bearer) { res async in
                #expect(res.body.string.contains("member1"))
                #expect(!res.body.string.contains("outsider"))
            }
        }
    }

    @Test("The audit trail is for center-wide roles: a team leader gets 403")
    func auditScope() async throws {
        try await withTestApp { app in
            let leader = try await app.staff("leader1", roles: [.teamLeader])
            try await app.testing().test(.GET, "api/v1/audit", headers: leader.bearer) { res async in #expect(res.status == .forbidden) }
        }
    }

    @Test("/metrics needs the configured scrape token when there is one")
    func metricsToken() async throws {
        try await withTestApp { app in
            app.services.settings.metricsToken = "scrape-secret"
            try await app.testing().test(.GET, "metrics") { res async in #expect(res.status == .unauthorized) }
            try await app.testing().test(.GET, "metrics", headers: ["Authorization": "Bearer scrape-secret"]) { res async in
                #expect(res.status == .ok)
            }
        }
    }

    @Test("'What waits for me' is pending by definition: mine=true with another state is 400")
    func mineWithState() async throws {
        try await withTestApp { app in
            let vp = try await app.staff("hevp", roles: [.vp])
            try await app.testing().test(.GET, "api/v1/approvals?mine=true&state=approved", headers: vp.bearer) { res async in
                #expect(res.status == .badRequest)
            }
        }
    }

    @Test("Accept-Language weights decide: en;q=0.1, zh-CN;q=0.9 is Chinese")
    func languageWeights() {
        #expect(UILanguage.from(acceptLanguage: "en;q=0.1, zh-CN;q=0.9") == .zhHans)
        #expect(UILanguage.from(acceptLanguage: "zh;q=0, en") == .en)
    }
}
