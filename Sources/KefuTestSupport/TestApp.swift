import Fluent
import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuWeb
import SQLKit
import Vapor
import VaporTesting

/// Builds the application exactly as `serve` does, on SQLite in memory (one database per test, parallel-
/// safe) or on the PostgreSQL of `KEFU_TEST_DATABASE_URL` (migrated once, tables emptied before each test;
/// run with `--no-parallel`). Always shuts the application down.
public func withTestApp(_ body: (Application) async throws -> Void) async throws {
    let settings = try Settings.testing()
    let app = try await Application.make(.testing)
    do {
        try await configure(app, settings: settings)
        OpenAPIConformance.install(in: app)  // builds the document here, never on an event loop
        if case .postgres = settings.database {
            try await PostgresTestDatabase.prepare(app)
        } else {
            try await app.autoMigrate()
        }
        try await body(app)
        try OpenAPIConformance.verify(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

enum PostgresTestDatabase {
    static func prepare(_ app: Application) async throws {
        try await app.autoMigrate()
        guard let sql = app.db as? any SQLDatabase else { return }
        let tables = Migrations.tables.joined(separator: ", ")
        try await sql.raw("TRUNCATE \(unsafeRaw: tables) CASCADE").run()
    }
}

/// Whether the suites run against PostgreSQL in this process.
public var testsUsePostgres: Bool {
    (ProcessInfo.processInfo.environment["KEFU_TEST_DATABASE_URL"] ?? "").isEmpty == false
}
