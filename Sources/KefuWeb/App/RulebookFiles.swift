import Foundation
import KefuCore
import KefuDomain

/// Loads the default rulebook from the package resources and merges an organization's file over it.
public enum RulebookFiles {
    public struct Unreadable: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "\(path): cannot read the rulebook file" }
    }

    public static func load(overrideFile: String?) throws -> Rulebook {
        let defaults = try KefuResources.defaultRulebookText()
        guard let overrideFile else { return try Rulebook.load(defaults: defaults, override: nil) }
        guard let text = try? String(contentsOfFile: overrideFile, encoding: .utf8) else { throw Unreadable(path: overrideFile) }
        return try Rulebook.load(defaults: defaults, override: text, overrideFile: overrideFile)
    }
}
