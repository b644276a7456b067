import Foundation

/// One year of public holidays and 调休 make-up working days as the State Council's notice
/// (国务院办公厅关于…年部分节假日安排的通知) gives them, entered or imported by an administrator (SHF-16).
/// Nothing here computes a 调休 day: every date comes from the notice.
public struct HolidayYear: Equatable, Sendable {
    public struct Holiday: Equatable, Sendable {
        public var first: LocalDate, last: LocalDate, name: String
        public init(first: LocalDate, last: LocalDate, name: String) { self.first = first; self.last = last; self.name = name }
        /// The YAML value: `2027-02-06..2027-02-13`, or one date.
        public var value: String { first == last ? first.description : "\(first)..\(last)" }
    }

    public struct MakeUpDay: Equatable, Sendable {
        public var date: LocalDate, name: String
        public init(date: LocalDate, name: String) { self.date = date; self.name = name }
    }

    public var year: Int
    /// The notice the dates are copied from, written above the year's lines in the rulebook.
    public var source: String
    public var holidays: [Holiday]
    public var makeUpWorkdays: [MakeUpDay]

    public init(year: Int, source: String, holidays: [Holiday], makeUpWorkdays: [MakeUpDay]) {
        self.year = year; self.source = source; self.holidays = holidays; self.makeUpWorkdays = makeUpWorkdays
    }

    public static let years = 2000...2100
    static let maxNameLength = 60, maxSourceLength = 200, maxHolidayDays = 31

    /// Every day the year's holidays cover.
    public var holidayDays: Set<LocalDate> {
        Set(holidays.flatMap { RulebookChecker.dateRange($0.value) ?? [] })
    }

    /// Refuses what a notice cannot say: a range outside the year (a 元旦 range may start in the December
    /// before), a backwards or overlong range, a make-up day outside the year or on a holiday, a name or
    /// source with control characters. The field names are those of the form and the API.
    public func validate() throws(HolidayInputError) {
        guard Self.years.contains(year) else { throw HolidayInputError("year", "error.holidays.year_range", "\(year)") }
        let source = source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !source.isEmpty else { throw HolidayInputError("source", "error.holidays.source_required", "") }
        guard source.count <= Self.maxSourceLength, Self.isPlain(source) else {
            throw HolidayInputError("source", "error.holidays.bad_text", source)
        }
        let earliest = LocalDate(year: year - 1, month: 12, day: 1)
        for (index, holiday) in holidays.enumerated() {
            let field = "holidays[\(index)]"
            guard holiday.first <= holiday.last, let days = RulebookChecker.dateRange(holiday.value),
                  days.count <= Self.maxHolidayDays else { throw HolidayInputError(field, "error.holidays.bad_range", holiday.value) }
            guard holiday.last.year == year, holiday.first >= earliest else {
                throw HolidayInputError(field, "error.holidays.outside_year", holiday.value)
            }
            guard holiday.name.count <= Self.maxNameLength, Self.isPlain(holiday.name) else {
                throw HolidayInputError(field, "error.holidays.bad_text", holiday.name)
            }
        }
        let holidayDays = self.holidayDays
        for (index, day) in makeUpWorkdays.enumerated() {
            let field = "make_up_workdays[\(index)]"
            guard day.date.year == year else { throw HolidayInputError(field, "error.holidays.outside_year", day.date.description) }
            guard !holidayDays.contains(day.date) else { throw HolidayInputError(field, "error.holidays.make_up_on_holiday", day.date.description) }
            guard day.name.count <= Self.maxNameLength, Self.isPlain(day.name) else {
                throw HolidayInputError(field, "error.holidays.bad_text", day.name)
            }
        }
    }

    /// No control characters (a name becomes a YAML comment, one line).
    static func isPlain(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }
}

/// A refused holiday entry: the field (or `text` line) at fault, the message key and what was typed.
public struct HolidayInputError: Error, Equatable, Sendable {
    public let field: String
    public let messageKey: String
    public let found: String
    /// 1-based line of an imported file or list, when the mistake is in one.
    public var line: Int?

    public init(_ field: String, _ messageKey: String, _ found: String, line: Int? = nil) {
        self.field = field; self.messageKey = messageKey; self.found = found; self.line = line
    }
}
