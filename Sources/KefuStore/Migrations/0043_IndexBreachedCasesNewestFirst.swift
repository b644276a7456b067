import FluentKit
import SQLKit

/// Issue 10: "breached first" lists the breached cases of a scope newest first. `cases_breached` orders
/// them by breach time, so a page read all of them (271,000 at 1,000,000 cases) or every case of the
/// scope, then sorted: 60–270 ms on SQLite. This partial index holds only the breached cases in creation
/// order, so the page walks it newest first and stops after 51 rows in scope (0.1 ms), whether breaches
/// are rare or common. CaseListPlan names it on SQLite.
struct IndexBreachedCasesNewestFirst: AsyncMigration {
    var name: String { "0043_IndexBreachedCasesNewestFirst" }

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX cases_breached_newest ON cases (created_at, id) WHERE breached_at IS NOT NULL").run()
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX cases_breached_newest").run()
    }
}
