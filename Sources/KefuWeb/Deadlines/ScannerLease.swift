import FluentKit
import Foundation
import KefuStore
import SQLKit

/// Only one node or process runs the scanner at a time. PostgreSQL: a session advisory lock held on one
/// connection for the whole scan (the scan's own per-clock transactions run on that connection and stay
/// separate). SQLite: a lease row, because `serve` and a cron `kefu jobs run-once` are two processes.
enum ScannerLease {
    static let lockKey: Int64 = 0x6B65_6675_0001 // "kefu" + 1
    static let leaseName = "deadline-scanner"
    static let leaseDuration: TimeInterval = 300

    /// Runs `body` if the lease is free, else returns nil without running it.
    static func withLease<T: Sendable>(_ db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T? {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            return try await db.withConnection { connection -> T? in
                let sql = connection as! any SQLDatabase
                guard let row = try await sql.raw("SELECT pg_try_advisory_lock(\(bind: lockKey)) AS locked").first(),
                      try row.decode(column: "locked", as: Bool.self) else { return nil }
                do {
                    let result = try await body(connection)
                    _ = try await sql.raw("SELECT pg_advisory_unlock(\(bind: lockKey))").all()
                    return result
                } catch {
                    _ = try? await sql.raw("SELECT pg_advisory_unlock(\(bind: lockKey))").all()
                    throw error
                }
            }
        }
        let holder = UUID().uuidString
        let leases = JobLeaseRepository(db: db)
        guard try await leases.claim(leaseName, holder: holder, at: Date(), for: leaseDuration) else { return nil }
        do {
            let result = try await body(db)
            try await leases.release(leaseName, holder: holder)
            return result
        } catch {
            try? await leases.release(leaseName, holder: holder)
            throw error
        }
    }
}
