import Foundation

extension RulebookChecker {
    /// Scalars: integers, numbers, booleans, words, roles, time zones, times, patterns.
    func checkScalar(_ node: RulebookNode, _ shape: RulebookShape, _ context: Context) throws -> Checked {
        guard case .scalar(let text, let plain) = node.content, !node.isNull else {
            throw failure(context, "found \(node.found)", expected: context.documented == nil ? shape.expected : nil)
        }
        let quotedNumber = !plain && (Int(text) != nil || text == "true" || text == "false" || RulebookChecker.decimal(text) != nil)
        let bad = failure(context, "found \(node.found)" + (quotedNumber ? " in quotes (write it without quotes)" : ""),
                          expected: context.documented == nil ? shape.expected : nil)
        switch shape {
        case .integer(let range):
            guard plain, let value = Int(text) else { throw bad }
            guard range.contains(value) else { throw failure(context, "found \(node.found)", expected: shape.expected) }
            return Checked(canonical: String(value), display: String(value), value: .integer(value))
        case .decimal(let minimum):
            guard plain, let value = RulebookChecker.decimal(text), value >= minimum else { throw bad }
            return Checked(canonical: value.description, display: value.description, value: .decimal(value))
        case .boolean:
            guard plain, text == "true" || text == "false" else { throw bad }
            return Checked(canonical: text, display: text == "true" ? "yes" : "no", value: .flag(text == "true"))
        case .text:
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw bad }
            return Checked(canonical: quoted(text), display: text, value: .text(text))
        case .choice(let words):
            guard words.contains(text) else { throw bad }
            return Checked(canonical: quoted(text), display: text, value: .word(text))
        case .role:
            guard let role = Role(rawValue: text) else { throw bad }
            return Checked(canonical: quoted(text), display: text, value: .role(role))
        case .timeZone:
            guard TimeZone(identifier: text) != nil else {
                throw failure(context, "found \(node.found), which is not a time zone Foundation knows")
            }
            return Checked(canonical: quoted(text), display: text, value: .timeZone(text))
        case .clockTime:
            guard let time = LocalTime(text) else { throw bad }
            return Checked(canonical: quoted(time.description), display: time.description, value: .time(time))
        case .date:
            guard let date = LocalDate(text) else { throw failure(context, "found \(node.found), which is not a date") }
            return Checked(canonical: quoted(date.description), display: date.description, value: .date(date))
        case .numberPattern:
            if let problem = NumberingRules.patternProblem(text) { throw failure(context, "found \(node.found): \(problem)") }
            return Checked(canonical: quoted(text), display: text, value: .numberPattern(text))
        default:
            throw bad
        }
    }

    /// `{value: <integer ≥ 0>, unit: <TimeUnit>}`.
    func checkDuration(_ node: RulebookNode, _ context: Context) throws -> Checked {
        guard let entries = node.entries else { throw failure(context, "found \(node.found)") }
        for entry in entries where entry.key != "value" && entry.key != "unit" {
            let hint = RulebookSchema.suggestion(for: entry.key, among: ["value", "unit"]).map { " (did you mean \"\($0)\"?)" } ?? ""
            let unknown = Context(path: context.appending(entry.key, at: entry.keyOrigin).path, origin: entry.keyOrigin, documented: nil)
            throw failure(unknown, "found unknown key \"\(entry.key)\"\(hint)",
                          expected: context.documented?.expected ?? RulebookShape.duration.expected)
        }
        guard let valueEntry = entries.first(where: { $0.key == "value" }) else { throw failure(context, "the key \"value\" is missing") }
        guard let unitEntry = entries.first(where: { $0.key == "unit" }) else { throw failure(context, "the key \"unit\" is missing") }
        let valueNode = valueEntry.value, unitNode = unitEntry.value
        guard case .scalar(let valueText, true) = valueNode.content, let value = Int(valueText), value >= 0 else {
            throw failure(context.appending("value", at: valueEntry.keyOrigin), "found \(valueNode.found)")
        }
        guard case .scalar(let unitText, _) = unitNode.content, let unit = TimeUnit(rawValue: unitText) else {
            throw failure(context.appending("unit", at: unitEntry.keyOrigin), "found unit \(unitNode.found)")
        }
        let spec = DurationSpec(value: value, unit: unit)
        return Checked(canonical: "{\"unit\":\(quoted(unit.rawValue)),\"value\":\(value)}", display: RulebookChecker.text(of: spec),
                       value: .duration(spec))
    }

    /// A list of work spans: each parses, runs forwards, and none overlaps another.
    func checkWorkSpans(_ node: RulebookNode, _ context: Context) throws -> Checked {
        let items: [RulebookNode]
        switch node.content {
        case .list(let list): items = list
        case .scalar where node.isNull: items = []
        default: throw failure(context, "found \(node.found)")
        }
        var spans: [(span: WorkSpan, node: RulebookNode, index: Int)] = []
        for (index, item) in items.enumerated() {
            let itemContext = context.item(index, at: item.origin)
            guard case .scalar(let text, _) = item.content else { throw failure(itemContext, "found \(item.found)") }
            guard let span = WorkSpan(text) else {
                let ends = text.split(separator: "-").map { LocalTime($0.trimmingCharacters(in: .whitespaces)) }
                if ends.count == 2, let start = ends[0], let end = ends[1], end <= start {
                    throw failure(itemContext, "found \(item.found), which runs backwards (ends before it starts)")
                }
                throw failure(itemContext, "found \(item.found)")
            }
            spans.append((span, item, index))
        }
        let sorted = spans.sorted { $0.span.start < $1.span.start }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.span.start < earlier.span.end {
            throw failure(context.item(later.index, at: later.node.origin),
                          "found \(later.node.found), which overlaps \"\(earlier.span)\"")
        }
        let texts = sorted.map(\.span.description)
        return Checked(canonical: "[" + texts.map(quoted).joined(separator: ",") + "]",
                       display: texts.isEmpty ? "(none)" : texts.joined(separator: ", "), value: .spans(sorted.map(\.span)))
    }

    /// A list of dates and date ranges; canonical form is the sorted set of days.
    func checkDates(_ node: RulebookNode, _ context: Context) throws -> Checked {
        let items: [RulebookNode]
        switch node.content {
        case .list(let list): items = list
        case .scalar where node.isNull: items = []
        default: throw failure(context, "found \(node.found)")
        }
        var days = Set<LocalDate>()
        for (index, item) in items.enumerated() {
            let itemContext = context.item(index, at: item.origin)
            guard case .scalar(let text, _) = item.content, let range = RulebookChecker.dateRange(text) else {
                throw failure(itemContext, "found \(item.found), which is not a date")
            }
            days.formUnion(range)
        }
        let sorted = days.sorted()
        return Checked(canonical: "[" + sorted.map { quoted($0.description) }.joined(separator: ",") + "]",
                       display: RulebookChecker.compressed(sorted), value: .dates(sorted))
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD` (start ≤ end) into its days.
    static func dateRange(_ text: String) -> [LocalDate]? {
        let parts = text.components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let first = LocalDate(parts[0]), let last = LocalDate(parts[parts.count - 1]),
              first <= last else { return nil }
        var days = [first]
        while let next = days.last.map(RulebookChecker.day(after:)), next <= last, days.count < 400 { days.append(next) }
        return days.last == last ? days : nil
    }

    /// Sorted days written with runs as ranges: `2026-01-01..2026-01-03, 2026-04-04..2026-04-06`.
    static func compressed(_ days: [LocalDate]) -> String {
        guard !days.isEmpty else { return "(none)" }
        var runs: [(LocalDate, LocalDate)] = []
        for day in days {
            if let last = runs.last, RulebookChecker.day(after: last.1) == day { runs[runs.count - 1].1 = day } else { runs.append((day, day)) }
        }
        return runs.map { $0.0 == $0.1 ? $0.0.description : "\($0.0)..\($0.1)" }.joined(separator: ", ")
    }

    /// A plain decimal number (`1000`, `12.5`); nil for anything else.
    static func decimal(_ text: String) -> Decimal? {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}

extension RulebookChecker {
    /// The calendar day after `day`.
    static func day(after day: LocalDate) -> LocalDate {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        let date = gregorian.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        let next = gregorian.date(byAdding: .day, value: 1, to: date)!
        let parts = gregorian.dateComponents([.year, .month, .day], from: next)
        return LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// `60 minutes`, `6 natural days`, `1 working day`.
    static func text(of duration: DurationSpec) -> String {
        let unit = duration.unit.rawValue.replacingOccurrences(of: "_", with: " ")
        return "\(duration.value) \(duration.value == 1 ? String(unit.dropLast()) : unit)"
    }
}
