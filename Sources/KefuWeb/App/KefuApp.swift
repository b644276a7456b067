import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit
import Vapor

/// Building and preparing the application, shared by `serve`, the other commands and the tests.
public enum KefuApp {
    public static func make(settings: Settings, environment: Environment = .production) async throws -> Application {
        let app = try await Application.make(environment)
        do {
            try await configure(app, settings: settings)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        return app
    }

    /// Creates or upgrades the schema; on an SQLite file also switches to WAL (kept in the file).
    public static func migrate(_ app: Application) async throws {
        if case .sqliteFile = app.services.settings.database, let sql = app.db as? any SQLDatabase {
            _ = try await sql.raw("PRAGMA journal_mode=WAL").all()
        }
        try await app.autoMigrate()
        try await CaseStatsRebuild(db: app.db, services: app.services).runIfMissing()
        // GOV-02: a stored rulebook version in force (or scheduled) applies from the first request on.
        try await RulebookVersions(db: app.db, services: app.services).reload(logger: app.logger)
        // SHF-16: a year without holidays is only warned about; nothing is refused because of it.
        for warning in HolidayWarnings.current(app.services) { app.logger.warning("holidays: \(warning.englishText)") }
        // Query-planner statistics: without them SQLite picks poor plans for the OR-ed scope filters of
        // the case lists. `optimize` only re-analyzes what changed, so it is cheap at every start.
        if case .sqliteFile = app.services.settings.database, let sql = app.db as? any SQLDatabase {
            _ = try await sql.raw("PRAGMA optimize=0x10002").all()
        }
    }

    /// On an empty database: creates `admin` with a random password and returns it (printed once by `serve`).
    public static func ensureAdmin(_ app: Application) async throws -> String? {
        guard try await UserRepository(db: app.db).count() == 0 else { return nil }
        let password = TokenSecret.make().prefix(16).description
        _ = try await CreateUser(db: app.db, services: app.services, hashing: app.passwordHashing).run(
            .init(username: "admin", displayName: "系统管理员", password: password, roles: [.admin]), actor: (nil, "system"))
        return password
    }
}

/// Staff accounts from the command line (`kefu users …`).
public enum StaffAccounts {
    public static func create(_ app: Application, username: String, password: String, roles: [String], displayName: String?) async throws -> String {
        var parsed: [Role] = []
        for text in roles {
            guard let role = Role(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
                throw CommandFailure("unknown role '\(text)'; roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            parsed.append(role)
        }
        do {
            let user = try await CreateUser(db: app.db, services: app.services, hashing: app.passwordHashing).run(
                .init(username: username, displayName: displayName ?? username, password: password, roles: parsed), actor: (nil, "cli"))
            return user.username
        } catch let error as DomainError {
            throw CommandFailure(describe(error, app))
        }
    }

    public static func setPassword(_ app: Application, username: String, password: String) async throws {
        guard Credentials.isAcceptablePassword(password) else {
            throw CommandFailure(app.services.localization.text("error.field.password_short", .en))
        }
        guard let user = try await UserRepository(db: app.db).find(username: username) else { throw CommandFailure("no user '\(username)'") }
        user.passwordHash = try await app.passwordHashing.hash(password)
        let now = app.services.now()
        user.passwordChangedAt = now
        let version = app.services.rulebook.versionShort
        try await app.db.transaction { db in
            try await UserRepository(db: db).update(user, expectedVersion: user.version)
            try await AuthRepository(db: db).revokeAll(userID: user.id!, at: now)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: nil, actorName: "cli", action: "user.password_reset", subjectType: "user",
                subjectID: user.id!, summary: "password reset from the command line", rulebookVersion: version))
        }
    }

    public static func list(_ app: Application) async throws -> [(username: String, displayName: String, roles: String, active: Bool)] {
        var rows: [(String, String, String, Bool)] = []
        var cursor: Cursor?
        repeat {
            let page = try await UserRepository(db: app.db).list(scope: .all, query: nil, role: nil, after: cursor, limit: 200)
            rows += page.items.map { ($0.username, $0.displayName, $0.roles.map(\.rawValue).joined(separator: ","), $0.active) }
            cursor = try Cursor.decode(page.nextCursor)
        } while cursor != nil
        return rows
    }

    static func describe(_ error: DomainError, _ app: Application) -> String {
        let text = { app.services.localization.text($0, .en) }
        switch error {
        case .validation(let fields): return fields.sorted { $0.key < $1.key }.map { "\($0.key): \(text($0.value))" }.joined(separator: "; ")
        case .conflict(let reason): return text(reason)
        default: return "\(error)"
        }
    }
}

/// A command-line failure with a message for the operator.
public struct CommandFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}
