import Fluent
import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit
import Vapor

/// Recomputes the daily case aggregate from the cases themselves (`kefu reports rebuild`, and at start-up
/// when a database from before the aggregate has cases but no aggregate). Reads the cases in keyset
/// batches, so memory holds one batch plus the aggregate rows. Escalations and reopenings leave no
/// trace on the case row: a rebuild counts escalations on the day the case was opened and no reopenings.
public struct CaseStatsRebuild: Sendable {
    let db: any Database
    let services: AppServices

    public init(db: any Database, services: AppServices) { self.db = db; self.services = services }

    /// Rebuilds; `progress(done, total)` is called after every batch. Returns the number of cases read.
    /// Everything happens in one transaction — read, clear, write — so no case event committed meanwhile
    /// is lost; on PostgreSQL an advisory lock keeps two nodes starting together from rebuilding twice.
    @discardableResult
    public func run(batch: Int = 5_000, onlyIfEmpty: Bool = false, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Int {
        let calendar = services.rulebook.calendar
        return try await db.transaction { db in
            if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.lockKey))").run()
            }
            let repository = CaseStatsRepository(db: db)
            if onlyIfEmpty, !(try await repository.isEmpty()) { return 0 }
            let total = try await CaseRecord.query(on: db).count()
            var rows: [CaseStatsRepository.Key: CaseTally] = [:]
            func add(_ record: CaseRecord, agent: UUID, at: Date, _ change: (inout CaseTally) -> Void) {
                let key = CaseStatsRepository.Key(day: calendar.localDate(of: at).description, agentID: agent, teamID: record.teamID,
                                                  type: record.type, channel: record.channel)
                change(&rows[key, default: CaseTally()])
            }
            var done = 0
            var after: (Date, UUID)?
            while true {
                var query = CaseRecord.query(on: db).sort(\.$createdAt).sort(\.$id).limit(batch)
                if let (date, id) = after {
                    query = query.group(.or) { $0.filter(\.$createdAt > date).group(.and) { $0.filter(\.$createdAt == date).filter(\.$id > id) } }
                }
                let page = try await query.all()
                for record in page {
                    let holder = record.assigneeID ?? record.ownerID
                    add(record, agent: record.ownerID, at: record.createdAt) { $0.opened += 1; $0.escalated += record.escalationLevel > 0 ? 1 : 0 }
                    if let resolvedAt = record.resolvedAt {
                        add(record, agent: holder, at: resolvedAt) { $0.resolved += 1; $0.resolveSeconds += max(0, resolvedAt.timeIntervalSince(record.createdAt)) }
                    }
                    if let closedAt = record.closedAt { add(record, agent: holder, at: closedAt) { $0.closed += 1 } }
                    if let breachedAt = record.breachedAt { add(record, agent: holder, at: breachedAt) { $0.breached += 1 } }
                }
                done += page.count
                progress(done, total)
                guard page.count == batch, let last = page.last else { break }
                after = (last.createdAt, last.id!)
            }
            try await repository.clear()
            for (key, tally) in rows { try await repository.bump(key, tally) }
            return done
        }
    }

    /// The advisory-lock key of the rebuild (any fixed number other locks do not use).
    static let lockKey = 7_302_023

    /// The command line's rebuild on the application's database.
    public static func run(_ app: Application, progress: @escaping @Sendable (Int, Int) -> Void) async throws -> Int {
        try await CaseStatsRebuild(db: app.db, services: app.services).run(progress: progress)
    }

    /// At start-up: rebuild only when the aggregate is empty while cases exist (an upgraded database).
    public func runIfMissing() async throws {
        guard try await CaseStatsRepository(db: db).isEmpty(), try await CaseRecord.query(on: db).first() != nil else { return }
        try await run(onlyIfEmpty: true)
    }
}
