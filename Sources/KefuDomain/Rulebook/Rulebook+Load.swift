import Crypto
import Foundation

extension Rulebook {
    /// The file name errors use for the default rulebook.
    public static let defaultsFile = "default.yaml"

    /// Parses the default rulebook text, deep-merges the organization's override over it (maps merge key
    /// by key; lists and scalars replace; `key: ~` over a map removes it), validates the result against the
    /// schema and builds the typed rules.
    ///
    /// - Throws: `RulebookError` naming the file (`overrideFile` or `default.yaml`), line and key of the
    ///   first mistake: malformed YAML, an unknown key, a wrong type, an unknown enum value or role,
    ///   an impossible value (negative duration, bands with a gap or overlap, a backwards work span …).
    public static func load(defaults: String, override: String?, overrideFile: String = "rulebook.yaml") throws -> Rulebook {
        var merged = try RulebookNode.parse(defaults, file: defaultsFile)
        if let override {
            let theirs = try RulebookNode.parse(override, file: overrideFile)
            guard theirs.entries != nil else {
                throw RulebookError(file: overrideFile, line: theirs.origin.line, column: theirs.origin.column, key: "",
                                    expected: "a map of rulebook sections (complaints:, leave: …)", problem: "found \(theirs.found)")
            }
            merged = merged.merged(with: theirs)
        }
        var checker = RulebookChecker()
        let canonical = try checker.checkRoot(merged)
        let digest = SHA256.hash(data: Data(canonical.utf8))
        let version = digest.map { String(format: "%02x", $0) }.joined()
        return try Rulebook(RulebookReader(node: merged, path: ""), version: version, entries: checker.entries)
    }

    /// The keys whose effective value in `override` differs from the default, in schema order
    /// (`kefu rules check FILE`). Throws the same errors as `load` for a bad file.
    public static func differences(defaults: String, override: String, overrideFile: String = "rulebook.yaml")
        throws -> [RulebookDifference] {
        compare(try load(defaults: defaults, override: nil),
                try load(defaults: defaults, override: override, overrideFile: overrideFile))
    }

    /// The keys whose value differs from `before` to `after`, in `after`'s schema order, then the keys
    /// `after` no longer has (GOV-02: what a new rulebook version changes).
    public static func compare(_ before: Rulebook, _ after: Rulebook) -> [RulebookDifference] {
        let old = Dictionary(before.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let kept = Set(after.entries.map(\.key))
        var result = after.entries.compactMap { entry -> RulebookDifference? in
            let value = old[entry.key]
            return value == entry.value ? nil
                : RulebookDifference(key: entry.key, defaultValue: value ?? "(not set)", newValue: entry.value)
        }
        result += before.entries.filter { !kept.contains($0.key) }.map {
            RulebookDifference(key: $0.key, defaultValue: $0.value, newValue: "(removed)")
        }
        return result
    }
}
