import Foundation
import KefuCore
@testable import KefuWeb
import NIOConcurrencyHelpers
import SQLiteNIO
import Testing

/// The deadline scanner writes outside the request gate; when a request holds SQLite's one write lock, the
/// scanner's transaction fails at once with SQLITE_BUSY. `SQLiteWriteGate.retryingBusy` runs it again
/// (issue 10's load runs had logged "deadline clock skipped" for exactly this).
@Suite("SQLite busy: background writes are retried, not skipped")
struct SQLiteBusyRetryTests {
    @Test("A transaction that meets another connection's write lock succeeds once the lock is released; other errors are not retried")
    func retriesBusy() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-busy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("busy.sqlite").path
        let holder = try await SQLiteConnection.open(storage: .file(path: path))
        let writer = try await SQLiteConnection.open(storage: .file(path: path))
        _ = try await holder.query("PRAGMA journal_mode = WAL")
        _ = try await holder.query("CREATE TABLE t (n INTEGER)")
        _ = try await holder.query("BEGIN IMMEDIATE")
        _ = try await holder.query("INSERT INTO t (n) VALUES (1)")
        let attempts = NIOLockedValueBox(0)
        // The holder keeps its lock until the writer has started a second attempt, so the first one met the
        // lock whatever the machine's load; then it commits and a later attempt gets through.
        async let release: Void = {
            while attempts.withLockedValue({ $0 }) < 2 { try await Task.sleep(for: .milliseconds(5)) }
            _ = try await holder.query("COMMIT")
        }()
        try await SQLiteWriteGate.retryingBusy {
            attempts.withLockedValue { $0 += 1 }
            _ = try await writer.query("BEGIN")
            do {
                _ = try await writer.query("SELECT count(*) FROM t")
                _ = try await writer.query("INSERT INTO t (n) VALUES (2)")
                _ = try await writer.query("COMMIT")
            } catch {
                _ = try? await writer.query("ROLLBACK")
                throw error
            }
        }
        try await release
        #expect(attempts.withLockedValue { $0 } > 1)
        let rows = try await writer.query("SELECT count(*) AS n FROM t")
        #expect(rows.first?.column("n")?.integer == 2)

        let plain = NIOLockedValueBox(0)
        await #expect(throws: SQLiteError.self) {
            try await SQLiteWriteGate.retryingBusy {
                plain.withLockedValue { $0 += 1 }
                _ = try await writer.query("INSERT INTO missing_table VALUES (1)")
            }
        }
        #expect(plain.withLockedValue { $0 } == 1)
        try await holder.close()
        try await writer.close()
    }
}
