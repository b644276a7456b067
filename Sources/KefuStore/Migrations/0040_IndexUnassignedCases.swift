import FluentKit
import SQLKit

/// Issue 10: an agent's lists are scoped to "owner = me OR assignee = me OR (unassigned AND my department)"
/// (CaseRepository.scoped). Without an index for the last branch, SQLite's OR plan read every case of the
/// department (all of them in a one-department center) for each page: breached-first and 2-character
/// search pages of an agent took 1.0–1.6 s at 200,000 cases. The unassigned cases are few (the new ones),
/// so a partial index holding only them is small and cheap to keep up; the branch then reads only them.
struct IndexUnassignedCases: AsyncMigration {
    var name: String { "0040_IndexUnassignedCases" }

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX cases_unassigned ON cases (department_id, created_at, id) WHERE assignee_id IS NULL").run()
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX cases_unassigned").run()
    }
}
