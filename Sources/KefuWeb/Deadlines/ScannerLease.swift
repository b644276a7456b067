import FluentKit
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Only one node runs the scanner at a time. PostgreSQL: a transaction-scoped advisory lock (released
/// when the transaction ends, even if the node dies). SQLite is one process: a local flag keeps the
/// loop and `jobs run-once` from overlapping inside it.
enum ScannerLease {
    static let lockKey: Int64 = 0x6B65_6675_0001 // "kefu" + 1
    private static let localBusy = NIOLockedValueBox(false)

    /// Runs `body` if the lease is free, else returns nil without running it.
    static func withLease<T: Sendable>(_ db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T? {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            return try await db.transaction { tx -> T? in
                guard let row = try await (tx as! any SQLDatabase).raw("SELECT pg_try_advisory_xact_lock(\(bind: lockKey)) AS locked").first(),
                      try row.decode(column: "locked", as: Bool.self) else { return nil }
                return try await body(tx)
            }
        }
        let acquired = localBusy.withLockedValue { busy -> Bool in
            if busy { return false }
            busy = true
            return true
        }
        guard acquired else { return nil }
        defer { localBusy.withLockedValue { $0 = false } }
        return try await body(db)
    }
}
