import Foundation

/// Reads a year's holidays and make-up days from what an administrator pastes or uploads (SHF-16):
/// a simple date list or an iCalendar file of all-day events. Parsing is strict: an impossible date
/// (2027-02-30), a timed event or an unreadable line is refused with its line number, never adjusted.
public enum HolidayImport {
    /// Which list an imported entry goes to.
    public enum Kind: String, Sendable, CaseIterable {
        /// By its name: one containing 班 (补班, 上班) or "make-up"/"workday" is a make-up working day.
        case auto
        case holidays
        case makeUp = "make_up"
    }

    public struct Entries: Equatable, Sendable {
        public var holidays: [HolidayYear.Holiday] = []
        public var makeUpWorkdays: [HolidayYear.MakeUpDay] = []
        public init(holidays: [HolidayYear.Holiday] = [], makeUpWorkdays: [HolidayYear.MakeUpDay] = []) {
            self.holidays = holidays; self.makeUpWorkdays = makeUpWorkdays
        }
    }

    /// True when an entry's name says it is a working day (调休上班, 补班, make-up …).
    public static func namesMakeUpDay(_ name: String) -> Bool {
        let lower = name.lowercased()
        return name.contains("班") || ["make-up", "make up", "makeup", "workday", "working day"].contains { lower.contains($0) }
    }

    /// Lines `2027-02-06..2027-02-13 春节` or `2027-02-20 补班`; blank lines and `#` comments are skipped.
    public static func parseList(_ text: String, kind: Kind = .auto) throws(HolidayInputError) -> Entries {
        var entries = Entries()
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let token = String(line.prefix { !$0.isWhitespace })
            let name = String(line.dropFirst(token.count)).trimmingCharacters(in: .whitespaces)
            let parts = token.components(separatedBy: "..")
            guard (1...2).contains(parts.count), let first = LocalDate(parts[0]), let last = LocalDate(parts[parts.count - 1]),
                  first <= last else {
                throw HolidayInputError("text", "error.holidays.bad_line", line, line: index + 1)
            }
            try add(first: first, last: last, name: name, kind: kind, line: index + 1, raw: line, to: &entries)
        }
        return entries
    }

    /// All-day `VEVENT`s (`DTSTART;VALUE=DATE:20270206`, `DTEND` exclusive as RFC 5545 says, or absent for
    /// one day) with their `SUMMARY` as the name.
    public static func parseICalendar(_ text: String, kind: Kind = .auto) throws(HolidayInputError) -> Entries {
        var entries = Entries()
        var event: (start: LocalDate?, end: LocalDate?, summary: String, line: Int)?
        var sawCalendar = false
        for (number, line) in unfolded(text) {
            let (name, value) = property(line)
            switch name {
            case "BEGIN" where value.uppercased() == "VCALENDAR": sawCalendar = true
            case "BEGIN" where value.uppercased() == "VEVENT": event = (nil, nil, "", number)
            case "END" where value.uppercased() == "VEVENT":
                guard let current = event, let start = current.start else {
                    throw HolidayInputError("file", "error.holidays.ics_event", line, line: number)
                }
                var last = start
                if let end = current.end {
                    guard end > start else { throw HolidayInputError("file", "error.holidays.ics_event", line, line: number) }
                    last = LocalDate.dayBefore(end)
                }
                try add(first: start, last: last, name: current.summary, kind: kind, line: current.line, raw: current.summary, to: &entries)
                event = nil
            case "DTSTART", "DTEND":
                guard event != nil else { continue }
                guard let date = allDayDate(value) else { throw HolidayInputError("file", "error.holidays.ics_date", line, line: number) }
                if name == "DTSTART" { event?.start = date } else { event?.end = date }
            case "SUMMARY":
                event?.summary = unescape(value).trimmingCharacters(in: .whitespaces)
            default: continue
            }
        }
        guard sawCalendar else { throw HolidayInputError("file", "error.holidays.ics_not_calendar", "", line: 1) }
        return entries
    }

    private static func add(first: LocalDate, last: LocalDate, name: String, kind: Kind, line: Int, raw: String,
                            to entries: inout Entries) throws(HolidayInputError) {
        let makeUp = kind == .makeUp || (kind == .auto && namesMakeUpDay(name))
        if makeUp {
            // A make-up day is one date; a range of them is written one line each, as the notice does.
            guard first == last else { throw HolidayInputError("text", "error.holidays.make_up_range", raw, line: line) }
            entries.makeUpWorkdays.append(.init(date: first, name: name))
        } else {
            entries.holidays.append(.init(first: first, last: last, name: name))
        }
    }

    /// RFC 5545 §3.1: a line starting with a space or tab continues the one before. Returns (line number, text).
    static func unfolded(_ text: String) -> [(Int, String)] {
        var result: [(Int, String)] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if let first = raw.first, first == " " || first == "\t", !result.isEmpty {
                result[result.count - 1].1 += raw.dropFirst()
            } else if !raw.isEmpty {
                result.append((index + 1, String(raw)))
            }
        }
        return result
    }

    /// `DTSTART;VALUE=DATE:20270206` → ("DTSTART", "20270206"); parameters are dropped.
    static func property(_ line: String) -> (String, String) {
        guard let colon = line.firstIndex(of: ":") else { return (line.uppercased(), "") }
        let head = line[..<colon]
        let name = head.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        return (name.uppercased(), String(line[line.index(after: colon)...]))
    }

    /// `YYYYMMDD` only: an event with a time of day is not a public holiday.
    static func allDayDate(_ value: String) -> LocalDate? {
        let digits = value.trimmingCharacters(in: .whitespaces)
        guard digits.count == 8, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let chars = Array(digits)
        return LocalDate("\(String(chars[0..<4]))-\(String(chars[4..<6]))-\(String(chars[6..<8]))")
    }

    static func unescape(_ value: String) -> String {
        var result = "", escaped = false
        for char in value {
            if escaped {
                result.append(char == "n" || char == "N" ? " " : char); escaped = false
            } else if char == "\\" {
                escaped = true
            } else {
                result.append(char)
            }
        }
        return result
    }
}

extension LocalDate {
    /// The day before (`DTEND` of an all-day event is the day after its last day).
    static func dayBefore(_ date: LocalDate) -> LocalDate {
        BusinessCalendar.localDate(dayNumber: BusinessCalendar.dayNumber(date) - 1)
    }
}
