import Foundation
import KefuCore
import KefuWeb
import Logging
import Vapor

/// Builds the application from the environment (and an optional rulebook file), runs `body`, and
/// always shuts down.
enum AppRunner {
    static func bootstrapLogging() {
        // Read once: Vapor makes a logger for every request, and reading the environment (the whole of it, into a
        // dictionary) there took 18% of the server's CPU under load (issue 22).
        let level = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "") ?? .notice
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    static func settings(rulebook: String? = nil) throws -> Settings {
        var settings = try Settings.fromEnvironment()
        if let rulebook { settings.rulebookFile = rulebook }
        return settings
    }

    static func with<T>(_ settings: Settings, migrate: Bool = true, _ body: (Application) async throws -> T) async throws -> T {
        let app = try await KefuApp.make(settings: settings)
        do {
            if migrate { try await KefuApp.migrate(app) }
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// Writes one line to standard output at once (unbuffered), so "admin password: …" and progress lines
/// reach a pipe or a log file immediately.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
