import FluentKit
import FluentSQL
import Foundation
import KefuDomain
import SQLKit

/// Every query of quality inspection (质检, REQUIREMENTS §7). Lists are keyset pages on indexed columns;
/// the summaries read bounded windows (a week, a month, the last N days) or the maintained monthly table.
public struct QualityRepository {
    public let db: any Database

    public init(db: any Database) { self.db = db }

    var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("qa: not an SQL database") }
            return sql
        }
    }

    // MARK: Inspections

    public func insert(_ inspection: QualityInspectionRecord, scores: [QualityScoreRecord]) async throws {
        try await inspection.create(on: db)
        for score in scores { try await score.create(on: db) }
    }

    public func find(_ id: UUID) async throws -> QualityInspectionRecord? { try await QualityInspectionRecord.find(id, on: db) }

    /// Saves an inspection loaded at `expectedVersion`; a concurrent change in between → stale version (409).
    public func save(_ record: QualityInspectionRecord, expectedVersion: Int) async throws {
        try await VersionGuard.claim(db, table: QualityInspectionRecord.schema, id: record.id!, expected: expectedVersion)
        record.version = expectedVersion + 1
        try await record.save(on: db)
    }

    public func scores(of ids: [UUID]) async throws -> [QualityScoreRecord] {
        guard !ids.isEmpty else { return [] }
        return try await QualityScoreRecord.query(on: db).filter(\.$inspectionID ~~ ids).all()
    }

    public func replaceScores(of id: UUID, with scores: [QualityScoreRecord]) async throws {
        try await QualityScoreRecord.query(on: db).filter(\.$inspectionID == id).delete()
        for score in scores { try await score.create(on: db) }
    }

    public struct Filter: Sendable {
        public var agentID: UUID?
        public var month: String?
        public var disputed: Bool = false

        public init(agentID: UUID? = nil, month: String? = nil) { self.agentID = agentID; self.month = month }
    }

    /// Newest first, keyset on (inspected_at, id).
    public func list(_ filter: Filter, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<QualityInspectionRecord> {
        var query = QualityInspectionRecord.query(on: db)
        if let agent = filter.agentID { query = query.filter(\.$agentID == agent) }
        if let month = filter.month { query = query.filter(\.$month == month) }
        if filter.disputed { query = query.filter(\.$disputeState == "disputed") }
        if let cursor {
            let at = try Cursor.date(cursor.key)
            query = query.group(.or) { group in
                group.filter(\.$inspectedAt < at).group(.and) { $0.filter(\.$inspectedAt == at).filter(\.$id < cursor.id) }
            }
        }
        let rows = try await query.sort(\.$inspectedAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.inspectedAt), id: $0.id!).encoded } : nil
        return KeysetPage(items: items, nextCursor: next)
    }

    /// The inspections of one week (QA-05), bounded.
    public func inspections(weekStart: String, limit: Int = 2_000) async throws -> [QualityInspectionRecord] {
        try await QualityInspectionRecord.query(on: db).filter(\.$weekStart == weekStart).sort(\.$inspectedAt).limit(limit).all()
    }

    /// Which of `caseIDs` (a bounded page) already have an inspection.
    public func inspectedCaseIDs(among caseIDs: [UUID]) async throws -> Set<UUID> {
        guard !caseIDs.isEmpty else { return [] }
        return Set(try await QualityInspectionRecord.query(on: db).filter(\.$caseID ~~ caseIDs).all().map(\.caseID))
    }

    // MARK: Monthly aggregate (QA-04)

    /// Adds deltas to an agent's month in one statement (an upsert), so that concurrent inspections
    /// never lose an update.
    public func bumpMonthly(agentID: UUID, month: String, inspections: Int, total: Double, findings: Int, at: Date) async throws {
        try await sql.raw("""
            INSERT INTO qa_monthly (id, agent_id, month, inspections, total_sum, findings, updated_at)
            VALUES (\(bind: UUID()), \(bind: agentID), \(bind: month), \(bind: inspections), \(bind: total), \(bind: findings), \(bind: at))
            ON CONFLICT (month, agent_id) DO UPDATE SET inspections = qa_monthly.inspections + excluded.inspections,
            total_sum = qa_monthly.total_sum + excluded.total_sum, findings = qa_monthly.findings + excluded.findings,
            updated_at = excluded.updated_at
            """).run()
    }

    public func monthly(month: String, limit: Int = 1_000) async throws -> [QualityMonthlyRecord] {
        try await QualityMonthlyRecord.query(on: db).filter(\.$month == month).limit(limit).all()
    }

    public func monthly(agentID: UUID, month: String) async throws -> QualityMonthlyRecord? {
        try await QualityMonthlyRecord.query(on: db).filter(\.$month == month).filter(\.$agentID == agentID).first()
    }

    // MARK: Common problems (QA-06)

    /// How often each criterion was a finding since `since`, most frequent first.
    public func findingCounts(since: Date, limit: Int = 20) async throws -> [(criterion: String, count: Int)] {
        let rows = try await sql.raw("""
            SELECT criterion, COUNT(*) AS n FROM qa_scores WHERE finding = \(bind: true) AND inspected_at >= \(bind: since)
            GROUP BY criterion ORDER BY n DESC, criterion LIMIT \(unsafeRaw: String(limit))
            """).all()
        return try rows.map { (try $0.decode(column: "criterion", as: String.self), try $0.decode(column: "n", as: Int.self)) }
    }

    /// The latest findings with a note since `since`.
    public func findingNotes(since: Date, limit: Int = 50) async throws -> [QualityScoreRecord] {
        try await QualityScoreRecord.query(on: db).filter(\.$isFinding == true).filter(\.$inspectedAt >= since)
            .sort(\.$inspectedAt, .descending).limit(limit).all()
    }

    // MARK: Training plans (QA-05)

    public func plans(weekStart: String) async throws -> [QualityTrainingPlanRecord] {
        try await QualityTrainingPlanRecord.query(on: db).filter(\.$weekStart == weekStart).limit(500).all()
    }

    public func plan(weekStart: String, target: String) async throws -> QualityTrainingPlanRecord? {
        try await QualityTrainingPlanRecord.query(on: db).filter(\.$weekStart == weekStart).filter(\.$target == target).first()
    }

    // MARK: Sampling (QA-02) and flags

    /// The agent's resolved or closed cases created since `since`, newest first (index cases_assignee).
    public func handledCaseIDs(agentID: UUID, since: Date, limit: Int) async throws -> [UUID] {
        try await CaseRecord.query(on: db).filter(\.$assigneeID == agentID).filter(\.$status ~~ ["resolved", "closed"])
            .filter(\.$createdAt >= since).sort(\.$createdAt, .descending).limit(limit).all().compactMap(\.id)
    }

    /// Complaint cases (every one is inspected) created since `since`, newest first (index cases_type).
    public func complaintCases(since: Date, limit: Int) async throws -> [CaseRecord] {
        try await CaseRecord.query(on: db).filter(\.$type == "complaint").filter(\.$createdAt >= since)
            .sort(\.$createdAt, .descending).limit(limit).all()
    }

    /// Flags not yet closed by an inspection, oldest first.
    public func openFlags(limit: Int) async throws -> [QualityFlagRecord] {
        try await QualityFlagRecord.query(on: db).filter(\.$inspectionID == nil).sort(\.$flaggedAt).limit(limit).all()
    }

    /// Flags a case for inspection (the seam other modules call); a repeat of the same reason is ignored.
    public func flag(caseID: UUID, reason: String, note: String? = nil, at: Date) async throws {
        try await sql.insert(into: QualityFlagRecord.schema)
            .columns("id", "case_id", "reason", "note", "flagged_at")
            .values(SQLBind(UUID()), SQLBind(caseID), SQLBind(reason), SQLBind(note), SQLBind(at))
            .ignoringConflicts(with: ["case_id", "reason"])
            .run()
    }

    /// The case's open flags are closed by its inspection.
    public func closeFlags(caseID: UUID, inspectionID: UUID) async throws {
        try await QualityFlagRecord.query(on: db).filter(\.$caseID == caseID).filter(\.$inspectionID == nil)
            .set(\.$inspectionID, to: inspectionID).update()
    }

    public func cases(_ ids: [UUID]) async throws -> [CaseRecord] {
        guard !ids.isEmpty else { return [] }
        return try await CaseRecord.query(on: db).filter(\.$id ~~ ids).all()
    }
}
