import KefuCore
import KefuDomain
import FluentKit
import Fluent
import Foundation
import SQLKit
import Vapor

/// `kefu backup PATH`: a consistent online copy of the embedded database (`VACUUM INTO`); on PostgreSQL
/// it prints the pg_dump command to use instead (Kefu does not shell out to database tools).
public enum Backup {
    public enum Result {
        case written(path: String, bytes: Int)
        case usePgDump(command: String)
    }

    public static func run(_ app: Application, to path: String) async throws -> Result {
        switch app.services.settings.database {
        case .postgres(let url):
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
            components?.password = nil
            components?.query = nil
            return .usePgDump(command: "pg_dump --format=custom --file '\(path)' '\(components?.string ?? "postgres://…")'")
        case .sqliteMemory:
            throw CommandFailure("the in-memory database cannot be backed up")
        case .sqliteFile:
            guard !FileManager.default.fileExists(atPath: path) else { throw CommandFailure("\(path) exists; choose a new file") }
            guard let sql = app.db as? any SQLDatabase else { throw CommandFailure("not an SQL database") }
            // Issue 20: the copy is the owner's only. VACUUM INTO accepts an empty file, so it is created 0600 first.
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try OwnerOnlyFiles.createFolder(folder) }
            try OwnerOnlyFiles.createFile(path)
            do {
                try await sql.raw("VACUUM INTO \(bind: path)").run()
            } catch {
                try? FileManager.default.removeItem(atPath: path)
                throw error
            }
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return .written(path: path, bytes: size)
        }
    }
}
