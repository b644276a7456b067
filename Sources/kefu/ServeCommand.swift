import ArgumentParser
import Foundation
import KefuCore
import KefuDomain
import KefuWeb
import Vapor

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the web UI, the JSON API and the deadline scanner")

    @ArgumentParser.Option(help: "Address to listen on") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on") var port = 8080
    @ArgumentParser.Option(help: "The organization's rulebook file (overrides KEFU_RULEBOOK)") var rulebook: String?
    @ArgumentParser.Flag(help: "Do not migrate the database on start") var noMigrate = false

    func run() async throws {
        AppRunner.bootstrapLogging()
        var settings = try AppRunner.settings(rulebook: rulebook)
        settings.runsScanner = true
        let app = try await KefuApp.make(settings: settings)
        do {
            if !noMigrate { try await KefuApp.migrate(app) }
            try await SQLiteTuning.apply(app)
            if let password = try await KefuApp.ensureAdmin(app) {
                say("admin password: \(password)")
            }
            app.http.server.configuration.hostname = hostname
            app.http.server.configuration.port = port
            app.environment.arguments = ["kefu", "serve"]
            say("Kefu is running at http://\(hostname):\(port)/  (rulebook \(app.services.rulebook.versionShort))")
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade the database schema")

    func run() async throws {
        AppRunner.bootstrapLogging()
        try await AppRunner.with(try AppRunner.settings()) { _ in say("migrated") }
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Consistent online backup of the embedded database (VACUUM INTO)")

    @ArgumentParser.Argument(help: "The new backup file") var path: String

    func run() async throws {
        AppRunner.bootstrapLogging()
        let result = try await AppRunner.with(try AppRunner.settings()) { app in try await Backup.run(app, to: path) }
        switch result {
        case .written(let path, let bytes): say("backup written: \(path) (\(bytes) bytes)")
        case .usePgDump(let command): say("PostgreSQL: back up with\n  \(command)")
        }
    }
}
