import KefuCore
import ArgumentParser
import Foundation
import KefuWeb

/// `kefu reports rebuild`: recomputes the daily case aggregate the reports read (after a restore from an
/// old backup, or bulk-loaded cases), with a progress bar.
struct ReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reports", abstract: "Report aggregates", subcommands: [Rebuild.self])

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rebuild", abstract: "Recompute the daily case aggregate from the cases")

        func run() async throws {
            AppRunner.bootstrapLogging()
            try await AppRunner.with(try AppRunner.settings()) { app in
                let bar = ProgressBar(label: "工单 cases")
                let read = try await CaseStatsRebuild.run(app) { bar.show($0, of: $1) }
                bar.finish()
                say("reports: daily aggregate rebuilt from \(read) cases")
            }
        }
    }
}
