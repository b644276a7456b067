import Foundation

/// Case numbers (CMP-02: the complaint-form numbering principle, configurable), e.g. `KS-20261123-0007`.
public struct NumberingRules: Sendable, Equatable {
    /// The pattern, with `{prefix}`, `{date}` (YYYYMMDD) and `{seq}` or `{seq1}`…`{seq9}` (zero-padded).
    public var pattern: String
    /// Number prefix per case type (the API's `type` values, e.g. `complaint` → `KS`).
    public var prefixes: [String: String]

    public init(pattern: String, prefixes: [String: String]) {
        self.pattern = pattern
        self.prefixes = prefixes
    }

    /// The case types that carry a prefix.
    public static let caseTypes = RulebookSchema.caseTypes

    /// The prefix of `caseType`, or nil for an unknown type.
    public func prefix(forCaseType caseType: String) -> String? { prefixes[caseType] }

    /// The number of the `sequence`-th case (1-based) of `caseType` created on `date`; the sequence restarts
    /// each day per prefix. Nil for an unknown case type.
    public func number(caseType: String, on date: LocalDate, sequence: Int) -> String? {
        guard let prefix = prefixes[caseType] else { return nil }
        let day = String(format: "%04d%02d%02d", date.year, date.month, date.day)
        var result = ""
        for token in Self.tokens(pattern) {
            switch token {
            case .literal(let text): result += text
            case .placeholder("prefix"): result += prefix
            case .placeholder("date"): result += day
            case .placeholder(let name):
                let width = Int(name.dropFirst(3)) ?? 0
                let digits = String(sequence)
                result += String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
        }
        return result
    }

    /// Why `pattern` is unusable, or nil when it is fine.
    static func patternProblem(_ pattern: String) -> String? {
        var seen: Set<String> = []
        for token in tokens(pattern) {
            guard case .placeholder(let name) = token else { continue }
            let known = ["prefix", "date", "seq"] + (1...9).map { "seq\($0)" }
            guard known.contains(name) else { return "unknown placeholder {\(name)}" }
            seen.insert(name.hasPrefix("seq") ? "seq" : name)
        }
        if pattern.filter({ $0 == "{" }).count != pattern.filter({ $0 == "}" }).count { return "unbalanced braces" }
        let missing = ["prefix", "date", "seq"].filter { !seen.contains($0) }
        return missing.isEmpty ? nil : "missing " + missing.map { "{\($0)}" }.joined(separator: ", ")
    }

    private enum Token: Equatable {
        case literal(String)
        case placeholder(String)
    }

    private static func tokens(_ pattern: String) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { tokens.append(.literal(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            tokens.append(.placeholder(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { tokens.append(.literal(String(rest))) }
        return tokens
    }
}

extension NumberingRules {
    init(_ r: RulebookReader) throws {
        var prefixes: [String: String] = [:]
        for type in Self.caseTypes { prefixes[type] = try r.at("prefixes.\(type)").text() }
        self.init(pattern: try r.at("pattern").text(), prefixes: prefixes)
    }
}
