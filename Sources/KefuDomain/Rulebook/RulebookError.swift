/// A mistake in a rulebook file: where it is, which key, what was expected and what was found.
///
/// Its description reads like a compiler message, e.g.
/// `rulebook.yaml:12:3: complaints.close_within: expected a duration {value: <integer ≥ 0>, unit: …}; found "-6"`.
public struct RulebookError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file name as the administrator knows it (`rulebook.yaml`, or `default.yaml` for the defaults).
    public let file: String
    /// 1-based line of the offending key (nil when the whole file is at fault).
    public let line: Int?
    /// 1-based column of the offending key.
    public let column: Int?
    /// Dotted path of the key, e.g. `complaints.close_within`.
    public let key: String
    /// The form the key expects.
    public let expected: String
    /// What is wrong, usually `found "…"`.
    public let problem: String

    public init(file: String, line: Int?, column: Int?, key: String, expected: String, problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.expected = expected
        self.problem = problem
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if line != nil, let column { place += ":\(column)" }
        let subject = key.isEmpty ? "" : " \(key):"
        return "\(place):\(subject) expected \(expected); \(problem)"
    }
}
