import FluentKit
import SQLKit
import Foundation
import KefuDomain

public struct DeadlineClockRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func insert(_ clock: DeadlineClock) async throws { try await DeadlineClockRecord(clock).create(on: db) }

    public func find(_ id: UUID) async throws -> DeadlineClock? { try await DeadlineClockRecord.find(id, on: db)?.toDomain() }

    public func clocks(subjectType: String, subjectID: UUID) async throws -> [DeadlineClock] {
        try await DeadlineClockRecord.query(on: db).filter(\.$subjectType == subjectType).filter(\.$subjectID == subjectID)
            .sort(\.$startedAt).allListed().map { try $0.toDomain() }
    }

    /// What a list of cases shows of each clock (kind, due, state, rule) for a page of subjects (at most 200
    /// ids): five columns instead of the whole clock, the bulk of a page's rows (about three clocks per case).
    public func summaries(subjectType: String, subjectIDs: [UUID]) async throws -> [DeadlineClockSummary] {
        guard !subjectIDs.isEmpty else { return [] }
        let list = SQLList(Array(subjectIDs.prefix(200)).map { SQLBind($0) })
        return try await db.sqlKit.raw("""
            SELECT subject_id, kind, due_at, state, rule_key FROM deadline_clocks
            WHERE subject_type = \(bind: subjectType) AND subject_id IN (\(list)) ORDER BY started_at
            """).all().map { row in
            DeadlineClockSummary(subjectID: try row.decode(column: "subject_id", as: UUID.self),
                                 kind: try row.decode(column: "kind", as: String.self),
                                 dueAt: try row.decode(column: "due_at", as: Date.self),
                                 state: try Self.state(row.decode(column: "state", as: String.self)),
                                 ruleKey: try row.decode(column: "rule_key", as: String.self))
        }
    }

    static func state(_ word: String) throws -> ClockState {
        guard let state = ClockState(rawValue: word) else { throw StoreError.corrupt(DeadlineClockRecord.schema) }
        return state
    }

    /// The clocks of a page of subjects (at most 200 ids), for list views without one query per row.
    public func clocks(subjectType: String, subjectIDs: [UUID]) async throws -> [DeadlineClock] {
        guard !subjectIDs.isEmpty else { return [] }
        let list = SQLList(Array(subjectIDs.prefix(200)).map { SQLBind($0) })
        return try await db.sqlKit.listed(DeadlineClockRecord.self, """
            SELECT \(unsafeRaw: DeadlineClockRecord.selectList("k")) FROM deadline_clocks k
            WHERE k.subject_type = \(bind: subjectType) AND k.subject_id IN (\(list)) ORDER BY k.started_at
            """).map { try $0.toDomain() }
    }

    /// Saves a clock loaded at `expectedVersion` (a concurrent change → 409, the scanner then skips it).
    public func save(_ clock: DeadlineClock, expectedVersion: Int) async throws {
        try await db.transaction { db in
            guard let record = try await DeadlineClockRecord.find(clock.id, on: db) else {
                throw DomainError.notFound(subject: "deadline_clock")
            }
            try await VersionGuard.claim(db, table: DeadlineClockRecord.schema, id: clock.id, expected: expectedVersion)
            record.update(from: clock)
            try await record.save(on: db)
        }
    }

    /// Running clocks past due, oldest due first (index clocks_due), after the (due, id) position `after`
    /// so that clocks a run had to skip never block the ones behind them.
    public func overdue(at now: Date, after: (Date, UUID)?, limit: Int) async throws -> [DeadlineClock] {
        var query = DeadlineClockRecord.query(on: db).filter(\.$state == ClockState.running.rawValue).filter(\.$dueAt <= now)
        if let (due, id) = after {
            query = query.group(.or) { $0.filter(\.$dueAt > due).group(.and) { $0.filter(\.$dueAt == due).filter(\.$id > id) } }
        }
        return try await query.sort(\.$dueAt).sort(\.$id).limit(limit).all().map { try $0.toDomain() }
    }

    /// Running clocks past their warning instant that have not warned yet (index clocks_warn), after `after`.
    public func dueForWarning(at now: Date, after: (Date, UUID)?, limit: Int) async throws -> [DeadlineClock] {
        var query = DeadlineClockRecord.query(on: db).filter(\.$state == ClockState.running.rawValue)
            .filter(\.$warnedAt == nil).filter(\.$warnAt <= now)
        if let (warn, id) = after {
            query = query.group(.or) { $0.filter(\.$warnAt > warn).group(.and) { $0.filter(\.$warnAt == warn).filter(\.$id > id) } }
        }
        return try await query.sort(\.$warnAt).sort(\.$id).limit(limit).all().map { try $0.toDomain() }
    }

    public func countBreached() async throws -> Int {
        try await DeadlineClockRecord.query(on: db).filter(\.$state == ClockState.breached.rawValue).count()
    }
}

/// A clock as a list shows it (`DeadlineClockRepository.summaries`).
public struct DeadlineClockSummary: Sendable, Equatable {
    public let subjectID: UUID
    public let kind: String
    public let dueAt: Date
    public let state: ClockState
    public let ruleKey: String

    public init(subjectID: UUID, kind: String, dueAt: Date, state: ClockState, ruleKey: String) {
        self.subjectID = subjectID; self.kind = kind; self.dueAt = dueAt; self.state = state; self.ruleKey = ruleKey
    }

    public init(_ clock: DeadlineClock) {
        self.init(subjectID: clock.subjectID, kind: clock.kind, dueAt: clock.dueAt, state: clock.state, ruleKey: clock.ruleKey)
    }
}
