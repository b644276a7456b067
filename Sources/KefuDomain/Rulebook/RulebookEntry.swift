/// One key of the effective rulebook, flattened for the read-only admin view.
public struct RulebookEntry: Sendable, Equatable, Hashable {
    /// Dotted path, e.g. `complaints.approval_bands`.
    public let key: String
    /// The effective value in human form, e.g. `60 minutes` or `0 ≤ x < 1000 → sales_manager; …`.
    public let value: String
    /// The REQUIREMENTS rule IDs the key implements, e.g. `["CMP-32"]`.
    public let ruleIDs: [String]
    /// What the key means, in English.
    public let summary: String
    /// What the key means, in Chinese.
    public let summaryZh: String
    /// The value with its form (durations, roles, amount bands …), for reading the rules in words.
    public let reading: RuleValue

    public init(key: String, value: String, ruleIDs: [String], summary: String, summaryZh: String, reading: RuleValue? = nil) {
        self.key = key
        self.value = value
        self.ruleIDs = ruleIDs
        self.summary = summary
        self.summaryZh = summaryZh
        self.reading = reading ?? .text(value)
    }
}

/// A key whose value in an organization's rulebook differs from the default (`kefu rules check FILE`).
public struct RulebookDifference: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let key: String
    /// The default value in human form, or `(not set)` for a key the default rulebook lacks.
    public let defaultValue: String
    /// The organization's value in human form.
    public let newValue: String

    public init(key: String, defaultValue: String, newValue: String) {
        self.key = key
        self.defaultValue = defaultValue
        self.newValue = newValue
    }

    public var description: String { "\(key): \(defaultValue) → \(newValue)" }
}
