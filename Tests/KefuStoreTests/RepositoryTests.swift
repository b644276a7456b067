import Fluent
import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
import Testing

/// Repositories on SQLite in memory, and on PostgreSQL when KEFU_TEST_DATABASE_URL is set.
@Suite("Repositories on both databases")
struct RepositoryTests {
    func user(_ name: String, roles: [Role] = [.agent], department: UUID? = nil) -> UserRecord {
        UserRecord(username: name, displayName: name, passwordHash: "x", roles: roles, departmentID: department, teamID: nil,
                   grade: nil, skill: nil, hiredOn: nil, createdAt: Date(timeIntervalSince1970: 1_795_399_200))
    }

    @Test("Users are listed in keyset pages: every user exactly once, in username order")
    func keysetPages() async throws {
        try await withTestApp { app in
            let repository = UserRepository(db: app.db)
            for index in 0..<23 { try await repository.insert(user(String(format: "user%02d", index))) }
            var seen: [String] = []
            var cursor: Cursor?
            repeat {
                let page = try await repository.list(scope: .all, query: nil, role: nil, after: cursor, limit: 5)
                #expect(page.items.count <= 5)
                seen += page.items.map(\.username)
                cursor = try Cursor.decode(page.nextCursor)
            } while cursor != nil
            #expect(seen == (0..<23).map { String(format: "user%02d", $0) })
        }
    }

    @Test("A role filter finds users holding that role among several")
    func roleFilter() async throws {
        try await withTestApp { app in
            let repository = UserRepository(db: app.db)
            try await repository.insert(user("a1", roles: [.agent, .teamLeader]))
            try await repository.insert(user("a2", roles: [.agent]))
            try await repository.insert(user("a3", roles: [.shiftLeader]))
            let leaders = try await repository.active(withRole: .teamLeader)
            #expect(leaders.map(\.username) == ["a1"])
        }
    }

    @Test("A write with a stale version is refused on both databases and leaves the row as it was")
    func versionGuard() async throws {
        try await withTestApp { app in
            let repository = UserRepository(db: app.db)
            try await repository.insert(user("lina"))
            let first = try #require(try await repository.find(username: "lina"))
            first.displayName = "李娜"
            try await repository.update(first, expectedVersion: 1)
            let second = try #require(try await repository.find(username: "lina"))
            second.displayName = "别名"
            await #expect(throws: DomainError.staleVersion(current: 2)) { try await repository.update(second, expectedVersion: 1) }
            #expect(try await repository.find(username: "lina")?.displayName == "李娜")
        }
    }

    @Test("The audit trail reads back a subject's events in order, paginated")
    func auditTimeline() async throws {
        try await withTestApp { app in
            let repository = AuditRepository(db: app.db)
            let subject = UUID()
            let t0 = Date(timeIntervalSince1970: 1_795_399_200)
            for index in 0..<7 {
                try await repository.append(AuditEntry(at: t0.addingTimeInterval(Double(index)), actorID: nil, actorName: "system",
                                                       action: "step\(index)", subjectType: "example", subjectID: subject,
                                                       summary: "\(index)", ruleKey: "example.rule", rulebookVersion: "v1"))
            }
            let first = try await repository.timeline(subjectType: "example", subjectID: subject, after: nil, limit: 4)
            let second = try await repository.timeline(subjectType: "example", subjectID: subject, after: try Cursor.decode(first.nextCursor), limit: 4)
            #expect((first.items + second.items).map(\.action) == (0..<7).map { "step\($0)" })
            #expect(second.nextCursor == nil)
        }
    }

    @Test("A notice with the same dedupe key is stored once per user")
    func noticeDedupe() async throws {
        try await withTestApp { app in
            try await UserRepository(db: app.db).insert(user("lina"))
            let id = try #require(try await UserRepository(db: app.db).find(username: "lina")?.id)
            let repository = NotificationRepository(db: app.db)
            for _ in 0..<3 {
                try await repository.add(NotificationRecord(userID: id, kind: "k", titleKey: "notice.deadline_breach", titleArgument: "x",
                                                            link: nil, subjectType: nil, subjectID: nil, dedupeKey: "clock:1:breach", createdAt: .t0))
            }
            #expect(try await repository.unreadCount(userID: id) == 1)
        }
    }

    @Test("Migrations have stable, ordered, unique names")
    func migrationNames() {
        let names = Migrations.all.map(\.name)
        #expect(names == names.sorted())
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.range(of: #"^\d{4}_[A-Za-z]+$"#, options: .regularExpression) != nil })
    }
}
