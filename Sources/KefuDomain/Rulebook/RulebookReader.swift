import Foundation

/// Typed reads from a rulebook tree the checker has accepted. A failure here means the schema and the
/// builder disagree (a bug), and is reported as a `RulebookError` all the same rather than a crash.
struct RulebookReader {
    let node: RulebookNode
    let path: String

    /// The value at a dotted path below this one, e.g. `complaints.close_within`.
    func at(_ dotted: String) throws -> RulebookReader {
        var current = self
        for key in dotted.split(separator: ".").map(String.init) {
            guard let child = current.node.child(key) else { throw current.mismatch("the key \"\(key)\" is missing") }
            current = RulebookReader(node: child, path: current.path.isEmpty ? key : "\(current.path).\(key)")
        }
        return current
    }

    /// The value at `dotted`, or nil when the (optional) key is absent.
    func optional(_ dotted: String) -> RulebookReader? { try? at(dotted) }

    /// Keys of a map, in file order.
    var keys: [String] { node.entries?.map(\.key) ?? [] }

    func text() throws -> String {
        guard case .scalar(let text, _) = node.content else { throw mismatch("found \(node.found)") }
        return text
    }

    func int() throws -> Int {
        guard let value = Int(try text()) else { throw mismatch("found \(node.found)") }
        return value
    }

    func decimal() throws -> Decimal {
        guard let value = RulebookChecker.decimal(try text()) else { throw mismatch("found \(node.found)") }
        return value
    }

    func bool() throws -> Bool { try text() == "true" }

    func role() throws -> Role { try choice(Role.self) }

    func choice<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try text()) else { throw mismatch("found \(node.found)") }
        return value
    }

    func list() throws -> [RulebookReader] {
        if node.isNull { return [] }
        guard case .list(let items) = node.content else { throw mismatch("found \(node.found)") }
        return items.enumerated().map { RulebookReader(node: $1, path: "\(path)[\($0)]") }
    }

    func duration() throws -> DurationSpec {
        DurationSpec(value: try at("value").int(), unit: try at("unit").choice(TimeUnit.self))
    }

    func time() throws -> LocalTime {
        guard let time = LocalTime(try text()) else { throw mismatch("found \(node.found)") }
        return time
    }

    func date() throws -> LocalDate {
        guard let date = LocalDate(try text()) else { throw mismatch("found \(node.found)") }
        return date
    }

    func spans() throws -> [WorkSpan] {
        try list().map {
            guard let span = WorkSpan(try $0.text()) else { throw $0.mismatch("found \($0.node.found)") }
            return span
        }.sorted { $0.start < $1.start }
    }

    func dates() throws -> Set<LocalDate> {
        var days = Set<LocalDate>()
        for item in try list() {
            guard let range = RulebookChecker.dateRange(try item.text()) else { throw item.mismatch("found \(item.node.found)") }
            days.formUnion(range)
        }
        return days
    }

    func bands() throws -> [ApprovalBand] {
        let checker = RulebookChecker()
        return try list().map {
            try checker.parseBand($0.node, RulebookChecker.Context(path: $0.path, origin: $0.node.origin, documented: nil))
        }
    }

    func mismatch(_ problem: String) -> RulebookError {
        RulebookError(file: node.origin.file, line: node.origin.line, column: node.origin.column, key: path,
                      expected: "a value the rulebook schema accepts", problem: problem)
    }
}
