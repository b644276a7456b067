import Fluent
import FluentKit
import Foundation
import KefuCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// A served SQLite file copies its write-ahead log back into the database here, once a second, instead of
/// in the commit that happens to cross SQLite's 1,000-page mark (issue 22: that commit — a batch of case
/// openings, with its callers waiting — paid the copy and an fsync, 5 % of a creation's time). RESTART, not
/// PASSIVE: it then waits the few milliseconds until no reader still reads the old log, so the next write
/// starts the log again from its beginning. With PASSIVE the log never restarted under steady reads and
/// grew by the whole write volume (2.4 GB in 20 s of creations; with RESTART it stays at ~150 MB).
struct WALCheckpointLoop: LifecycleHandler {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)
    static let interval: Duration = .seconds(1)

    func didBootAsync(_ app: Application) async throws {
        let logger = Logger(label: "kefu.sqlite")
        task.withLockedValue { $0 = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.interval)
                guard !Task.isCancelled, let sql = app.db as? any SQLDatabase else { continue }
                do {
                    _ = try await sql.raw("PRAGMA wal_checkpoint(RESTART)").all()
                } catch {
                    logger.warning("WAL checkpoint failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
            }
        } }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
