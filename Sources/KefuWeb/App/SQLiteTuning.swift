import Fluent
import FluentKit
import Foundation
import KefuCore
import SQLKit
import Vapor

/// Per-connection SQLite settings for a served database file (issue 10). SQLite keeps these per
/// connection, and FluentSQLiteDriver keeps exactly one connection per event loop, opened once and kept,
/// so running them once on each event loop's database sets every connection the server uses.
public enum SQLiteTuning {
    static let pragmas = [
        // WAL (set at migration, kept in the file) makes NORMAL safe: a commit no longer waits for an
        // fsync; a power cut can lose the last commits but never corrupts the file. The biggest single
        // cost of a case creation on SQLite was that fsync.
        "PRAGMA synchronous = NORMAL",
        // Reads of the file go through the OS page cache mapped into the process instead of being copied
        // into SQLite's own cache; mapped pages are file-backed, not anonymous memory (ARCHITECTURE §5).
        "PRAGMA mmap_size = 1073741824",
        // 32 MB of page cache per connection (default 2 MB): the hot index pages of 1,000,000 cases stay.
        "PRAGMA cache_size = -32768",
        // Sorts and temporary B-trees in memory, not in temporary files.
        "PRAGMA temp_store = MEMORY",
        // A write that meets another connection's write lock (a background job while a request writes)
        // waits up to 5 s for it instead of failing at once; the default is not to wait at all.
        "PRAGMA busy_timeout = 5000",
    ]

    public static func apply(_ app: Application) async throws {
        guard case .sqliteFile = app.services.settings.database else { return }
        for id in app.databases.ids() {
            for loop in app.eventLoopGroup.makeIterator() {
                guard let sql = app.databases.database(id, logger: app.logger, on: loop) as? any SQLDatabase else { continue }
                for pragma in pragmas { _ = try await sql.raw("\(unsafeRaw: pragma)").all() }
            }
        }
    }
}
