import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor

@Suite("Operations: first admin, demo organization, scanner lease")
struct OperationsTests {
    @Test("The first start on an empty database creates admin with a random password; later starts do not")
    func firstAdmin() async throws {
        try await withTestApp { app in
            let password = try #require(try await KefuApp.ensureAdmin(app))
            #expect(password.count >= 12)
            #expect(try await KefuApp.ensureAdmin(app) == nil)
            let admin = try #require(try await UserRepository(db: app.db).find(username: "admin"))
            #expect(admin.roles == [.admin])
            #expect(try await app.passwordHashing.verify(password, created: admin.passwordHash))
            #expect(admin.passwordHash.hasPrefix("$2"))
        }
    }

    @Test("kefu demo loads departments, teams and 20 staff who together hold every role; loading twice changes nothing")
    func demo() async throws {
        try await withTestApp { app in
            var lines: [String] = []
            try await DemoOrganization.load(app, password: "demo-pass-1") { lines.append($0) }
            try await DemoOrganization.load(app, password: "demo-pass-1") { lines.append($0) }
            let users = try await StaffAccounts.list(app)
            #expect(users.count == 20)
            let roles = Set(users.flatMap { $0.roles.split(separator: ",").map(String.init) })
            #expect(roles == Set(Role.allCases.map(\.rawValue)))
            #expect(try await OrganizationRepository(db: app.db).departments().count == 10)
            #expect(try await OrganizationRepository(db: app.db).teams().allSatisfy { $0.leaderID != nil })
            #expect(lines.contains { $0.contains("张伟") })
        }
    }

    @Test("kefu demo opens its backdated cases oldest first, so SQLite's search order is the cases' age order")
    func demoCasesInOrder() async throws {
        try await withTestApp { app in
            try await DemoOrganization.load(app, password: "demo-pass-1") { _ in }
            #expect(try await DemoCases.load(app, cases: 24) { _, _ in } == 24)
            let cases = try await CaseRecord.query(on: app.db).all()
            #expect(cases.count == 24)
            if !testsUsePostgres {
                let byIndex = cases.sorted { ($0.searchRowID ?? 0) < ($1.searchRowID ?? 0) }.map(\.createdAt)
                #expect(byIndex == byIndex.sorted())
            }
        }
    }

    @Test("kefu demo at office hours (agents on duty): every loader runs, the cases are all opened, the chats handed out as written")
    func wholeDemoAtOfficeHours() async throws {
        try await withTestApp { app in
            // Tuesday 2026-11-24 10:30 in Shanghai: the demo roster has agents on duty, so routing would take chats.
            app.services.now = { Date(timeIntervalSince1970: 1_795_487_400) }
            var lines: [String] = []
            let made = try await DemoData.load(app, password: "demo-pass-1", cases: 12, say: { lines.append($0) }, caseProgress: { _, _ in })
            #expect(made == 12)
            #expect(lines.contains { $0.contains("chats") })
            let chats = try await ChatRecord.query(on: app.db).all()
            #expect(chats.filter { $0.state == ChatState.queued.rawValue }.count == 2)
            #expect(chats.filter { $0.state == ChatState.ended.rawValue }.count == 2)
            #expect(chats.filter { $0.state == ChatState.active.rawValue }.count == 1)
            #expect(try await CaseRecord.query(on: app.db).count() >= 12)
        }
    }

    @Test("Within one SQLite process the scanner lease is exclusive: a second holder is turned away")
    func localLease() async throws {
        guard !testsUsePostgres else { return }
        try await withTestApp { app in
            let services: AppServices = app.services
            let inner = try await ScannerLease.withLease(app.db, services: services) { db in
                try await ScannerLease.withLease(db, services: services) { _ in "second" }
            }
            #expect(inner == .some(nil))
            #expect(try await ScannerLease.withLease(app.db, services: services) { _ in "again" } == "again")
        }
    }
}
