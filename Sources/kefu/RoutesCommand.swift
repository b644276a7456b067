import KefuCore
import ArgumentParser
import Foundation
import KefuWeb

/// `kefu routes`: what the server exposes and what each route demands, without starting it.
struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "routes",
                                                    abstract: "List every route with the access it needs (public, authenticated or a permission)")

    @ArgumentParser.Flag(help: "One JSON array instead of aligned columns") var json = false

    func run() async throws {
        AppRunner.bootstrapLogging()
        let rows = try await AppRunner.with(try AppRunner.settings(), migrate: false) { app in RouteTable.rows(app) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            say(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        let width = rows.map(\.path.count).max() ?? 0
        for row in rows {
            say(row.method.padding(toLength: 7, withPad: " ", startingAt: 0) + " "
                + row.path.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + row.access)
        }
    }
}
