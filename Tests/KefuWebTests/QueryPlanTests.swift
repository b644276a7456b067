import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
import Logging
import NIOConcurrencyHelpers
@testable import KefuWeb
import SQLKit
import Testing
import Vapor

/// Issue 10's regression guard: the hot list and search queries use their indexes (no full scan of
/// `cases`). The SQL is not copied here: the real repository code runs against a database whose logger
/// records every statement it executes, and each recorded statement is then explained — SQLite:
/// `EXPLAIN QUERY PLAN` (unbound parameters are NULL; without statistics the plan depends on the SQL
/// only); PostgreSQL: the generic plan of the prepared statement with sequential scans disabled, so a
/// query that has no usable index still shows `Seq Scan`. Timings are never asserted (machines are noisy):
/// Benchmarks/ measures them.
@Suite("Query plans of the hot lists and searches use their indexes")
struct QueryPlanTests {
    // The scopes CaseScope.of gives an agent (own) and a team leader (teams); the filters CaseListQuery
    // makes of `assignee_id=me&status=…`, `status=…`, `breached=true` and `q=退货`.
    static let me = UUID(), department = UUID(), team = UUID()

    @Test("The agent's queue (assignee = me, open statuses) reads an index of cases")
    func queue() async throws {
        var filter = CaseRepository.Filter()
        filter.assigneeID = Self.me
        filter.statuses = [.assigned, .inProgress]
        let query = filter
        try await expectPlan(usesAny: ["cases_assignee", "cases_owner", "cases_created"]) { db in
            _ = try await CaseRepository(db: db).list(scope: .own(Self.me, departmentID: Self.department), filter: query, after: nil, limit: 50)
        }
    }

    @Test("The team backlog (a leader's teams, open statuses) reads an index of cases")
    func teamBacklog() async throws {
        var filter = CaseRepository.Filter()
        filter.statuses = [.new, .assigned, .inProgress, .pendingCustomer]
        let query = filter
        try await expectPlan(usesAny: ["cases_team", "cases_status", "cases_stuck", "cases_created", "cases_department"]) { db in
            _ = try await CaseRepository(db: db).list(scope: .teams([Self.team], me: Self.me, departmentID: Self.department),
                                                      filter: query, after: nil, limit: 50)
        }
    }

    @Test("An agent's lists without a selective filter (none; 已解决+已关闭) walk cases newest first on SQLite")
    func agentNewestFirst() async throws {
        for statuses in [[], [CaseStatus.resolved, .closed]] {
            var filter = CaseRepository.Filter()
            filter.statuses = statuses
            let query = filter
            // SQLite would read every case of the scope (or of the statuses) and sort them (CaseListPlan).
            // PostgreSQL chooses by its statistics (any index, never a sequential scan).
            try await expectPlan(usesAny: testsUsePostgres ? [] : ["cases_created"]) { db in
                _ = try await CaseRepository(db: db).list(scope: .own(Self.me, departmentID: Self.department), filter: query, after: nil, limit: 50)
            }
        }
    }

    @Test("An agent's breached-first page walks the breached cases newest first on SQLite")
    func agentBreached() async throws {
        var filter = CaseRepository.Filter()
        filter.breached = true
        let query = filter
        try await expectPlan(usesAny: testsUsePostgres ? [] : ["cases_breached_newest"]) { db in
            _ = try await CaseRepository(db: db).list(scope: .own(Self.me, departmentID: Self.department), filter: query, after: nil, limit: 50)
        }
    }

    @Test("Breached first (the whole center) reads an index of cases")
    func breached() async throws {
        var filter = CaseRepository.Filter()
        filter.breached = true
        let query = filter
        try await expectPlan(usesAny: ["cases_breached", "cases_created"]) { db in
            _ = try await CaseRepository(db: db).list(scope: .all, filter: query, after: nil, limit: 50)
        }
    }

    @Test("A 2-character Chinese search goes through the bigram index and reads cases by an index")
    func search() async throws {
        var filter = CaseRepository.Filter()
        filter.text = "退货"
        // SQLite: a batch of FTS5 matches, newest first, and their cases by search_rowid (CaseSearchWalk);
        // PostgreSQL may also walk cases newest first and probe each one's row of case_search by its key.
        let uses = testsUsePostgres ? ["case_search"] : ["case_search VIRTUAL TABLE", "cases_search_rowid"]
        let query = filter
        try await expectPlan(uses: uses, usesAny: ["cases_search_rowid", "cases_owner", "cases_unassigned", "cases_created", "cases_pkey"]) { db in
            _ = try await CaseRepository(db: db).list(scope: .own(Self.me, departmentID: Self.department), filter: query, after: nil, limit: 50)
        }
    }

    @Test("Customer lookup by phone suffix reads customer_phone_keys by key")
    func phoneSuffix() async throws {
        try await expectPlan(usesAny: ["customer_phone_keys_key"], table: "customer_phone_keys") { db in
            _ = try await CustomerRepository(db: db).search(phoneSuffix: "5678", limit: 20)
        }
    }

    @Test("The approvals inbox (pending, my roles) reads an approvals index")
    func approvalsInbox() async throws {
        let filter = ApprovalRepository.Filter(state: .pending, pendingRoles: [.salesManager], departmentID: Self.department,
                                               excludingRequester: Self.me)
        let query = filter
        try await expectPlan(usesAny: ["approvals_inbox", "approvals_state"], table: "approvals") { db in
            _ = try await ApprovalRepository(db: db).list(query, after: nil, limit: 50)
        }
    }

    @Test("PostgreSQL connections plan pages without parallel workers (a 2-core machine: workers made searches 5–25× slower)")
    func noParallelWorkersOnPostgres() async throws {
        try await withTestApp { app in
            guard testsUsePostgres else { return }
            let sql = try #require(app.db as? any SQLDatabase)
            let row = try #require(try await sql.raw("SHOW max_parallel_workers_per_gather").first())
            #expect(try row.decode(column: "max_parallel_workers_per_gather", as: String.self) == "0")
        }
    }

    /// Runs `body` on a recording database, then explains the first statement that reads `table`: it must
    /// name each of `uses` and at least one of `usesAny` (index names), and never scan `table` whole.
    private func expectPlan(uses: [String] = [], usesAny: [String] = [], table: String = "cases",
                            _ body: @escaping @Sendable (any Database) async throws -> Void) async throws {
        try await withTestApp { app in
            let recorder = SQLRecorder()
            let logger = Logger(label: "kefu.query-plan") { _ in SQLRecordingHandler(recorder: recorder) }
            let db = app.databases.database(logger: logger, on: app.eventLoopGroup.any())!
            try await body(db)
            let statement = try #require(recorder.statements.first { $0.hasPrefix("SELECT") && $0.contains("FROM \"\(table)\"") },
                                         "no SELECT … FROM \(table) among \(recorder.statements)")
            let plan = try await QueryPlan.explain(statement, on: app.db)
            for index in uses {
                #expect(plan.contains(index), "\(index) not used:\n\(plan)\n\(statement)")
            }
            if !usesAny.isEmpty {
                #expect(usesAny.contains { plan.contains($0) }, "none of \(usesAny) used:\n\(plan)\n\(statement)")
            }
            #expect(!QueryPlan.scansWhole(table, plan), "full scan of \(table):\n\(plan)\n\(statement)")
        }
    }
}

/// Explaining a recorded statement on either database.
enum QueryPlan {
    static func explain(_ statement: String, on db: any Database) async throws -> String {
        let sql = try #require(db as? any SQLDatabase)
        if sql.dialect.name == "sqlite" {
            let rows = try await sql.raw("EXPLAIN QUERY PLAN \(unsafeRaw: statement)").all()
            return try rows.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
        }
        // One connection for all four statements: SET LOCAL and PREPARE live in the session.
        return try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            let parameters = Set(statement.matches(of: /\$([0-9]+)/).compactMap { Int($0.1) }).max() ?? 0
            try await sql.raw("SET LOCAL enable_seqscan = off").run()
            try await sql.raw("SET LOCAL plan_cache_mode = force_generic_plan").run()
            try await sql.raw("PREPARE kefu_plan AS \(unsafeRaw: statement)").run()
            let nulls = Array(repeating: "NULL", count: parameters).joined(separator: ", ")
            let rows = try await sql.raw("EXPLAIN EXECUTE kefu_plan\(unsafeRaw: parameters > 0 ? "(\(nulls))" : "")").all()
            try await sql.raw("DEALLOCATE kefu_plan").run()
            return try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
        }
    }

    /// SQLite: `SCAN cases` (every row; `SCAN cases USING INDEX x` walks an index instead, and
    /// `USING COVERING INDEX` too). PostgreSQL: `Seq Scan on cases`.
    static func scansWhole(_ table: String, _ plan: String) -> Bool {
        plan.split(separator: "\n").contains { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text == "SCAN \(table)" || text.contains("Seq Scan on \(table) ") || text.hasSuffix("Seq Scan on \(table)")
        }
    }
}

/// The statements a database executed, from its query log (`Executing query`, metadata `sql`).
final class SQLRecorder: Sendable {
    private let lock = NIOLockedValueBox<[String]>([])
    var statements: [String] { lock.withLockedValue { $0 } }
    func record(_ sql: String) { lock.withLockedValue { $0.append(sql) } }
}

struct SQLRecordingHandler: LogHandler {
    let recorder: SQLRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
             function: String, line: UInt) {
        if case .string(let sql)? = metadata?["sql"] { recorder.record(sql) }
    }
}
