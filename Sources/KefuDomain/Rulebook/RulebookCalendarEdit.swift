import Foundation

/// Writes one year of holidays and 调休 days into an organization's rulebook text (SHF-16, GOV-02): the
/// `calendar.holidays` and `calendar.make_up_workdays` lists are rewritten with the year's lines replaced
/// and every other year's lines, comments and the rest of the file kept as they were. Since a list in an
/// override replaces the default list, a file without the lists gets them copied from the defaults first.
///
/// A year's lines are the items whose last day falls in it, with the `# 2027: <notice>` comment above them.
/// Only block-style YAML (as the shipped files are written) is rewritten; anything else is refused with
/// `unsupportedLayout` and the administrator uploads a version instead.
public enum RulebookCalendarEdit {
    public enum Failure: Error, Equatable {
        /// The file writes the calendar in a form (flow style, anchors …) this edit does not rewrite.
        case unsupportedLayout
    }

    /// One item of a list as written: its value and its comment (the holiday's name).
    public struct Item: Equatable, Sendable {
        public let value: String, comment: String
        /// The year of the item's last day.
        public var year: Int? { RulebookChecker.dateRange(value)?.last?.year }
    }

    static let keys = ["holidays", "make_up_workdays"]

    /// `base` with `year`'s entries replaced; `defaults` supplies a list the base does not override.
    public static func replacing(_ year: HolidayYear, in base: String, defaults: String) throws -> String {
        var lines = base.isEmpty ? [] : base.components(separatedBy: "\n")
        let source = year.source.trimmingCharacters(in: .whitespacesAndNewlines)
        let newItems: [String: [(String, String)]] = [
            "holidays": year.holidays.sorted { $0.first < $1.first }.map { ($0.value, $0.name) },
            "make_up_workdays": year.makeUpWorkdays.sorted { $0.date < $1.date }.map { ($0.date.description, $0.name) },
        ]
        for key in keys {
            let defaultLines = defaults.components(separatedBy: "\n")
            let own = try block(key, in: lines)
            guard let template = try own ?? block(key, in: defaultLines) else { throw Failure.unsupportedLayout }
            let sourceLines = own == nil ? defaultLines : lines
            let rewritten = rewrite(Array(sourceLines[template.range]), itemIndent: template.itemIndent, year: year.year,
                                    source: source, items: newItems[key] ?? [])
            if let own {
                lines.replaceSubrange(own.range, with: rewritten)
            } else if let calendar = calendarLine(in: lines) {
                let indent = String(repeating: " ", count: childIndent(in: lines, after: calendar) ?? 2)
                lines.insert(contentsOf: reindent(rewritten, to: indent), at: calendar + 1)
            } else {
                if let last = lines.last, !last.isEmpty { lines.append("") }
                lines.append("calendar:")
                lines.append(contentsOf: reindent(rewritten, to: "  "))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The items of both lists as written in `base` (or, for a list it does not override, in `defaults`),
    /// for the page that lists the years; nil when the layout is not one this edit reads.
    public static func items(in base: String, defaults: String) -> [String: [Item]]? {
        let own = base.components(separatedBy: "\n"), fallback = defaults.components(separatedBy: "\n")
        var result: [String: [Item]] = [:]
        for key in keys {
            guard let found = try? block(key, in: own) ?? block(key, in: fallback) else { return nil }
            let lines = (try? block(key, in: own)) != nil ? own : fallback
            result[key] = lines[found.range].compactMap(item)
        }
        return result
    }

    /// The days of an item's value (`2027-02-06..2027-02-13`), none when it is not a date.
    public static func days(_ value: String) -> [LocalDate] { RulebookChecker.dateRange(value) ?? [] }

    /// Sorted days written as runs: `2027-02-06 – 2027-02-13`, `2027-02-20`.
    public static func runs(_ days: Set<LocalDate>) -> [String] {
        var runs: [(LocalDate, LocalDate)] = []
        for day in days.sorted() {
            if let last = runs.last, RulebookChecker.day(after: last.1) == day { runs[runs.count - 1].1 = day } else { runs.append((day, day)) }
        }
        return runs.map { $0.0 == $0.1 ? $0.0.description : "\($0.0) – \($0.1)" }
    }

    // MARK: - Reading the block layout

    struct Block { let range: Range<Int>; let itemIndent: Int }

    static func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    static func isContent(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return !trimmed.isEmpty && !trimmed.hasPrefix("#")
    }

    static func keyLine(_ line: String, _ key: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(key + ":") else { return false }
        let rest = trimmed.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        return rest.isEmpty || rest.hasPrefix("#")
    }

    static func calendarLine(in lines: [String]) -> Int? {
        lines.firstIndex { indent($0) == 0 && keyLine($0, "calendar") }
    }

    static func childIndent(in lines: [String], after parent: Int) -> Int? {
        lines[(parent + 1)...].first(where: isContent).map(indent).flatMap { $0 > 0 ? $0 : nil }
    }

    /// The lines of `calendar.<key>` (key line, comments and items, without the comments that introduce the
    /// next key); nil when the file has no such key. Throws when the key is there in a form not handled.
    static func block(_ key: String, in lines: [String]) throws -> Block? {
        let rootCalendar = lines.contains { indent($0) == 0 && $0.hasPrefix("calendar:") }
        guard let calendar = calendarLine(in: lines) else {
            if rootCalendar { throw Failure.unsupportedLayout }
            return nil
        }
        guard let child = childIndent(in: lines, after: calendar) else { return nil }
        var index = calendar + 1
        while index < lines.count, !(isContent(lines[index]) && indent(lines[index]) == 0) {
            let line = lines[index]
            if isContent(line), indent(line) == child, line.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") {
                guard keyLine(line, key) else { throw Failure.unsupportedLayout }
                var end = index + 1
                while end < lines.count, !(isContent(lines[end]) && indent(lines[end]) <= child) { end += 1 }
                while end > index + 1, !isContent(lines[end - 1]), indent(lines[end - 1]) <= child { end -= 1 }
                var itemIndent = child + 2
                for inner in lines[(index + 1)..<end] where isContent(inner) {
                    guard item(inner) != nil else { throw Failure.unsupportedLayout }
                    itemIndent = indent(inner)
                }
                return Block(range: index..<end, itemIndent: itemIndent)
            }
            index += 1
        }
        return nil
    }

    /// `    - 2026-01-01..2026-01-03   # 元旦 New Year` → the value and the comment.
    static func item(_ line: String) -> Item? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("- ") else { return nil }
        var body = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
        var comment = ""
        if let hash = body.range(of: " #") ?? (body.hasPrefix("#") ? body.range(of: "#") : nil) {
            comment = body[hash.upperBound...].trimmingCharacters(in: .whitespaces)
            body = body[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
        }
        if body.count >= 2, let first = body.first, first == body.last, first == "\"" || first == "'" {
            body = String(body.dropFirst().dropLast())
        }
        guard RulebookChecker.dateRange(body) != nil else { return nil }
        return Item(value: body, comment: comment)
    }

    /// `# 2027: …` above a year's items.
    static func headerYear(_ line: String) -> Int? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("#") else { return nil }
        let text = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
        guard text.count >= 5, text.prefix(4).allSatisfy(\.isNumber), text.dropFirst(4).first == ":" else { return nil }
        return Int(text.prefix(4))
    }

    // MARK: - Writing

    /// The block with `year`'s header and items removed and the new ones placed among the years in order.
    static func rewrite(_ block: [String], itemIndent: Int, year: Int, source: String, items: [(String, String)]) -> [String] {
        let pad = String(repeating: " ", count: itemIndent)
        var kept: [String] = [block[0]]
        var insertAt: Int?
        for line in block.dropFirst() {
            let lineYear = headerYear(line) ?? item(line)?.year
            if lineYear == year { continue }
            if insertAt == nil, let lineYear, lineYear > year { insertAt = kept.count }
            kept.append(line)
        }
        guard !items.isEmpty else { return kept }
        let width = max(10, items.map { $0.0.count }.max() ?? 10)
        var section = ["\(pad)# \(year): \(source)"]
        section += items.map { value, name in
            let padded = value.padding(toLength: width, withPad: " ", startingAt: 0)
            return name.isEmpty ? "\(pad)- \(value)" : "\(pad)- \(padded)   # \(name)"
        }
        // Trailing blank lines stay after the list.
        var end = kept.count
        while end > 1, kept[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
        kept.insert(contentsOf: section, at: min(insertAt ?? end, end))
        return kept
    }

    /// Moves a block copied from another file to this file's indentation (the key line at `indent`).
    static func reindent(_ block: [String], to indentText: String) -> [String] {
        guard let first = block.first else { return [] }
        let shift = indentText.count - indent(first)
        return block.map { line in
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return line }
            return shift >= 0 ? String(repeating: " ", count: shift) + line : String(line.dropFirst(min(-shift, indent(line))))
        }
    }
}
