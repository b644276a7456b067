import Foundation
@testable import KefuDomain

/// The real default rulebook, read from Resources/Rulebook/default.yaml relative to this file.
enum RulebookFixture {
    /// Tests/KefuDomainTests/Rulebook/RulebookFixture.swift → the package root is four levels up.
    static let defaultsURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Rulebook/
        .deletingLastPathComponent()   // KefuDomainTests/
        .deletingLastPathComponent()   // Tests/
        .deletingLastPathComponent()   // package root
        .appendingPathComponent("Resources/Rulebook/default.yaml")

    /// The text of default.yaml.
    static func defaultsText() throws -> String {
        try String(contentsOf: defaultsURL, encoding: .utf8)
    }

    /// The default rulebook.
    static func standard() throws -> Rulebook {
        try Rulebook.load(defaults: defaultsText(), override: nil)
    }

    /// The defaults with `override` merged over them.
    static func load(_ override: String) throws -> Rulebook {
        try Rulebook.load(defaults: defaultsText(), override: override)
    }

    /// The error `override` is refused with (nil when it loads).
    static func error(_ override: String) throws -> RulebookError? {
        let defaults = try defaultsText()
        do {
            _ = try Rulebook.load(defaults: defaults, override: override)
            return nil
        } catch let error as RulebookError {
            return error
        }
    }
}
