import Foundation
import KefuCore
import KefuTestSupport
@testable import KefuWeb
import SQLKit
import Testing
import Vapor

/// Issue 20: the database file, its -wal/-shm files, its folder and its backups were created with the
/// umask's mode (world-readable under the usual 022). Now 0600 files and 0700 folders, whatever the umask.
@Suite("Issue 20: the database, its backups and their folders are the owner's only", .serialized)
struct FilePermissionsTests {
    @Test("I20-FILE-1 A new SQLite database (with -wal and -shm), its new folder and a backup are 0600 / 0700 under umask 022")
    func ownerOnly() async throws {
        guard !testsUsePostgres else { return }
        let old = umask(0o022)
        defer { umask(old) }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-modes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("data").path
        let database = folder + "/kefu.sqlite"
        var settings = try Settings.testing([:])
        settings.database = .sqliteFile(database)
        let app = try await Application.make(.testing)
        do {
            try await configure(app, settings: settings)
            try await app.autoMigrate()
            try await SQLiteTuning.apply(app)
            _ = try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode = WAL").all()
            _ = try await app.staff("lina", roles: [.agent])
            let backups = root.appendingPathComponent("backups").path
            let backup = backups + "/copy.sqlite"
            guard case .written = try await Backup.run(app, to: backup) else { Issue.record("no backup written"); return }
            #expect(OwnerOnlyFiles.mode(folder) == 0o700)
            #expect(OwnerOnlyFiles.mode(database) == 0o600)
            for side in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: database + side) {
                #expect(OwnerOnlyFiles.mode(database + side) == 0o600, "\(side)")
            }
            #expect(FileManager.default.fileExists(atPath: database + "-wal"))
            #expect(OwnerOnlyFiles.mode(backups) == 0o700)
            #expect(OwnerOnlyFiles.mode(backup) == 0o600)
            #expect((try FileManager.default.attributesOfItem(atPath: backup)[.size] as? Int ?? 0) > 0)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
