import KefuCore
import ArgumentParser
import Foundation
import KefuWeb

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "users", abstract: "Create users, reset passwords, list users",
                                                    subcommands: [Create.self, Passwd.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user (migrates a fresh data folder first)")

        @ArgumentParser.Option(help: "Login name") var username: String
        @ArgumentParser.Option(help: "Password; when absent it is read from standard input") var password: String?
        @ArgumentParser.Option(help: "Comma-separated roles, e.g. admin,agent") var roles: String
        @ArgumentParser.Option(help: "Display name") var displayName: String?

        func run() async throws {
            AppRunner.bootstrapLogging()
            let secret = try password ?? PasswordPrompt.read()
            let name = try await AppRunner.with(try AppRunner.settings()) { app in
                try await StaffAccounts.create(app, username: username, password: secret,
                                               roles: roles.split(separator: ",").map(String.init), displayName: displayName)
            }
            say("created user \(name)")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (revokes their sessions)")

        @ArgumentParser.Option(help: "Login name") var username: String
        @ArgumentParser.Option(help: "New password; when absent it is read from standard input") var password: String?

        func run() async throws {
            AppRunner.bootstrapLogging()
            let secret = try password ?? PasswordPrompt.read()
            try await AppRunner.with(try AppRunner.settings()) { app in
                try await StaffAccounts.setPassword(app, username: username, password: secret)
            }
            say("password changed for \(username)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users and their roles")

        func run() async throws {
            AppRunner.bootstrapLogging()
            let rows = try await AppRunner.with(try AppRunner.settings()) { app in try await StaffAccounts.list(app) }
            for row in rows {
                say("\(row.username)\t\(row.displayName)\t\(row.roles)\(row.active ? "" : "\t(inactive)")")
            }
        }
    }
}

enum PasswordPrompt {
    static func read() throws -> String {
        FileHandle.standardError.write(Data("password: ".utf8))
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CommandFailure("no password given") }
        return line
    }
}
