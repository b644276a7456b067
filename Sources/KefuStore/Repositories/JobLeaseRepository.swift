import FluentKit
import Foundation
import SQLKit

/// Lease rows: a job runs only while its holder owns an unexpired lease. Claiming is one conditional
/// UPDATE, so two processes cannot both win.
public struct JobLeaseRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Claims `name` for `holder` until `now + duration` if it is free or expired, or if `holderIsGone` says
    /// the process holding it no longer runs (issue 20: a killed scanner must not keep the lease); true when
    /// claimed. Claiming the lease one already holds renews it.
    public func claim(_ name: String, holder: String, at now: Date, for duration: TimeInterval,
                      holderIsGone: (String) -> Bool = { _ in false }) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("job_leases") }
        try await sql.insert(into: "job_leases").columns("id", "name", "holder", "expires_at")
            .values(SQLBind(UUID()), SQLBind(name), SQLBind(""), SQLBind(Date(timeIntervalSince1970: 0)))
            .ignoringConflicts(with: ["name"]).run()
        let rows = try await sql.update("job_leases")
            .set("holder", to: SQLBind(holder))
            .set("expires_at", to: SQLBind(now.addingTimeInterval(duration)))
            .where("name", .equal, SQLBind(name))
            .where { $0.where("expires_at", .lessThan, SQLBind(now)).orWhere("holder", .equal, SQLBind(holder)) }
            .returning("name").all()
        if !rows.isEmpty { return true }
        struct Row: Decodable { let holder: String }
        guard let current = try await sql.select().column("holder").from("job_leases")
                .where("name", .equal, SQLBind(name)).first(decoding: Row.self),
              holderIsGone(current.holder) else { return false }
        // Taken over only from that same holder: two processes seeing it gone cannot both win.
        let taken = try await sql.update("job_leases")
            .set("holder", to: SQLBind(holder))
            .set("expires_at", to: SQLBind(now.addingTimeInterval(duration)))
            .where("name", .equal, SQLBind(name)).where("holder", .equal, SQLBind(current.holder))
            .returning("name").all()
        return !taken.isEmpty
    }

    public func release(_ name: String, holder: String) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.update("job_leases").set("expires_at", to: SQLBind(Date(timeIntervalSince1970: 0)))
            .where("name", .equal, SQLBind(name)).where("holder", .equal, SQLBind(holder)).run()
    }

    /// PostgreSQL holds a job's lease as a session advisory lock, SQLite as a lease row.
    public static func usesAdvisoryLocks(_ db: any Database) -> Bool {
        (db as? any SQLDatabase)?.dialect.name == "postgresql"
    }

    /// Runs `body` on one connection while it holds the advisory lock `key`; nil without running it when
    /// another session holds it. The lock is released whether `body` succeeds or throws.
    public static func withAdvisoryLock<T: Sendable>(_ key: Int64, on db: any Database,
                                                     _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T? {
        try await db.withConnection { connection -> T? in
            let sql = connection as! any SQLDatabase
            guard let row = try await sql.raw("SELECT pg_try_advisory_lock(\(bind: key)) AS locked").first(),
                  try row.decode(column: "locked", as: Bool.self) else { return nil }
            do {
                let result = try await body(connection)
                _ = try await sql.raw("SELECT pg_advisory_unlock(\(bind: key))").all()
                return result
            } catch {
                _ = try? await sql.raw("SELECT pg_advisory_unlock(\(bind: key))").all()
                throw error
            }
        }
    }
}
