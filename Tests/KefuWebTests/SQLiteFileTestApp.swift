import Foundation
import KefuCore
@testable import KefuWeb
import Vapor

/// Runs `body` on an app served from a fresh SQLite file in a temporary folder — the configuration `serve`
/// uses, for what an in-memory database cannot show (the write lock between connections, per-connection
/// settings). Not migrated; shut down and removed afterwards.
func withSQLiteFileApp(_ body: (Application) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-file-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var settings = try Settings.testing([:])
    settings.database = .sqliteFile(folder.appendingPathComponent("kefu.sqlite").path)
    let app = try await Application.make(.testing)
    do {
        try await configure(app, settings: settings)
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}
