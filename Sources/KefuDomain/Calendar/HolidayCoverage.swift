import Foundation

/// SHF-16: public holidays and 调休 days are published by the State Council one year at a time, so a
/// rulebook without the current (or, from 1 November, the coming) year silently counts the Spring Festival
/// as working days. These warnings tell the administrators; nothing is refused because of them.
public enum HolidayCoverage {
    public enum Warning: Equatable, Sendable {
        /// The calendar lists no public holiday in the year that `now` falls in.
        case currentYearMissing(Int)
        /// From 1 November (local time) on: the calendar lists no public holiday in the coming year.
        case nextYearMissing(Int)

        public var year: Int {
            switch self {
            case .currentYearMissing(let year), .nextYearMissing(let year): return year
            }
        }

        /// `current_year_missing` or `next_year_missing` (the API's word).
        public var kind: String {
            switch self {
            case .currentYearMissing: return "current_year_missing"
            case .nextYearMissing: return "next_year_missing"
            }
        }

        /// The localization key of the message (one argument: the year).
        public var messageKey: String {
            switch self {
            case .currentYearMissing: return "holidays.warning.current_year"
            case .nextYearMissing: return "holidays.warning.next_year"
            }
        }

        /// The same in English, for the log and `kefu rules check`.
        public var englishText: String {
            switch self {
            case .currentYearMissing(let year):
                return "the rulebook lists no public holidays for \(year), the current year: business-time deadlines treat the "
                    + "Spring Festival and the other holidays as working days; add \(year) from the State Council's notice "
                    + "(/admin/rulebook/holidays)"
            case .nextYearMissing(let year):
                return "the rulebook lists no public holidays for \(year), the coming year: add them from the State Council's "
                    + "notice (国务院办公厅关于\(year)年部分节假日安排的通知) before 1 January (/admin/rulebook/holidays)"
            }
        }
    }

    /// The month from whose first day the coming year's holidays are expected (the notice usually appears
    /// in late October or November).
    public static let nextYearCheckFromMonth = 11

    /// The warnings at `now`, in the calendar's time zone. `comingYear` is the calendar that will be in force
    /// on 1 January (a version scheduled ahead may already hold that year); by default `calendar` itself.
    public static func warnings(calendar: BusinessCalendar, now: Date, comingYear: BusinessCalendar? = nil) -> [Warning] {
        let today = calendar.localDate(of: now)
        var result: [Warning] = []
        if !hasHolidays(calendar, in: today.year) { result.append(.currentYearMissing(today.year)) }
        if today.month >= nextYearCheckFromMonth, !hasHolidays(comingYear ?? calendar, in: today.year + 1) {
            result.append(.nextYearMissing(today.year + 1))
        }
        return result
    }

    /// The years that have at least one public holiday, in order.
    public static func years(_ calendar: BusinessCalendar) -> [Int] {
        Set(calendar.holidays.map(\.year)).sorted()
    }

    static func hasHolidays(_ calendar: BusinessCalendar, in year: Int) -> Bool {
        calendar.holidays.contains { $0.year == year }
    }
}
