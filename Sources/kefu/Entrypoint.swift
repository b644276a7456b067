import KefuCore
import ArgumentParser

/// `kefu` — the command line (ARCHITECTURE §1).
@main
struct Kefu: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kefu",
        abstract: "Kefu 客服 — customer-service center management",
        subcommands: [ServeCommand.self, MigrateCommand.self, UsersCommand.self, RulesCommand.self, JobsCommand.self, RoutesCommand.self,
                      BackupCommand.self, DemoCommand.self, ReportsCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
