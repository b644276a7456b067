import ArgumentParser
import Foundation
import KefuCore
import KefuDomain
import KefuWeb

struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "Rulebook tools", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a rulebook file and print what differs from the defaults; without a file, say which version is in force and why")

        @ArgumentParser.Argument(help: "The organization's rulebook YAML file") var file: String?

        func run() async throws {
            guard let file else {
                AppRunner.bootstrapLogging()
                try await AppRunner.with(try AppRunner.settings()) { app in RulebookStatus.lines(app).forEach(say) }
                return
            }
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CommandFailure("\(file): cannot read") }
            let defaults = try KefuResources.defaultRulebookText()
            do {
                let rulebook = try Rulebook.load(defaults: defaults, override: text, overrideFile: file)
                let differences = try Rulebook.differences(defaults: defaults, override: text)
                say("\(file): valid (version \(rulebook.versionShort))")
                if differences.isEmpty { say("no differences from the defaults") }
                for difference in differences {
                    say("  \(difference.key): \(difference.defaultValue) → \(difference.newValue)")
                }
                // SHF-16: a warning only; the file is valid all the same.
                try RulebookStatus.holidayWarnings(for: rulebook, settings: try AppRunner.settings()).forEach(say)
            } catch let error as RulebookError {
                say("\(error)")
                throw ExitCode(1)
            }
        }
    }
}

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jobs", abstract: "Background jobs", subcommands: [RunOnce.self])

    struct RunOnce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run-once", abstract: "Run every due background job once (deadline scan)")

        func run() async throws {
            AppRunner.bootstrapLogging()
            let report = try await AppRunner.with(try AppRunner.settings()) { app in
                try await JobsOnce.run(app)
            }
            say(report)
        }
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Load a demo organization (departments, teams, 20 staff), shift templates and a week of roster, and demo customers and cases")

    @ArgumentParser.Option(help: "Password of every demo account") var password = "kefu-demo-2026"
    @ArgumentParser.Option(help: "How many demo cases to open (with customers); 0 for none") var cases = 2_000
    @ArgumentParser.Flag(help: "Load a hospital guide desk (HOS) with the shipped hospital rulebook into <data folder>/hospital")
    var hospital = false

    func run() async throws {
        AppRunner.bootstrapLogging()
        if hospital { return try await HospitalDemo.run(password: password) }
        try await AppRunner.with(try AppRunner.settings()) { app in
            _ = try await KefuApp.ensureAdmin(app).map { say("admin password: \($0)") }
            let bar = ProgressBar(label: "工单 cases")
            let made = try await DemoData.load(app, password: password, cases: cases, say: { say($0) },
                                               caseProgress: { done, total in
                bar.show(done, of: total)
                if done == total { bar.finish() }
            })
            say(made == 0 ? "cases: existing cases kept (none added)" : "cases: \(made) demo cases opened")
        }
        say("demo organization loaded; every demo account's password: \(password)")
    }
}
