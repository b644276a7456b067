import Foundation
import Vapor

/// Deletes the temporary file behind SQLiteKit's "in-memory" database (and its journal) when the
/// application shuts down. The name follows SQLiteKit's own `sqlite-kit_memorydb-<pid>-<identifier>.sqlite3`;
/// `shutdown` runs after the databases have closed their connections.
struct TemporaryDatabaseFiles: LifecycleHandler {
    let identifier: String

    var path: String {
        let name = "sqlite-kit_memorydb-\(ProcessInfo.processInfo.processIdentifier)-\(identifier).sqlite3"
        return FileManager.default.temporaryDirectory.appendingPathComponent(name, isDirectory: false).path
    }

    func shutdown(_ application: Application) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
