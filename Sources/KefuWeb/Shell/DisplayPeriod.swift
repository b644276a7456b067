import Foundation
import KefuCore
import KefuDomain
import Vapor

/// Days and periods in words for people deciding about them ("12月8日–12月9日", "12月8日 08:00–16:00"),
/// in the organization's time zone; the year only when it is not the current one.
extension DisplayTime {
    /// "12月8日" / "8 Dec" (with the year when it is not this year's).
    static func day(_ date: LocalDate, _ req: Request) -> String {
        let months = req.t("time.months").split(separator: " ").map(String.init)
        let month = months.count == 12 ? months[date.month - 1] : String(date.month)
        let thisYear = req.services.rulebook.calendar.localDate(of: req.services.now()).year
        return date.year == thisYear ? req.t("time.day", [month, String(date.day)])
            : req.t("time.day_with_year", [month, String(date.day), String(date.year)])
    }

    /// A period from `start` to `end` (end exclusive): whole days as days ("12月8日–12月9日"), one day's
    /// hours as "12月8日 08:00–16:00", anything else with both ends' times.
    static func period(_ start: Date, _ end: Date, _ req: Request) -> String {
        let calendar = req.services.rulebook.calendar
        let first = calendar.localDate(of: start), endDay = calendar.localDate(of: end)
        let wholeDays = calendar.startOfDay(first) == start && calendar.startOfDay(endDay) == end && end > start
        if wholeDays {
            let last = calendar.localDate(of: end.addingTimeInterval(-1))
            return last == first ? day(first, req) : req.t("time.range", [day(first, req), day(last, req)])
        }
        // A period ending at midnight ends at 24:00 of its last day, not at 00:00 of the next.
        let endsAtMidnight = calendar.startOfDay(endDay) == end && endDay != first
        if first == endDay || (endsAtMidnight && calendar.localDate(of: end.addingTimeInterval(-1)) == first) {
            return day(first, req) + " " + req.t("time.range", [clock(start, req), endsAtMidnight ? "24:00" : clock(end, req)])
        }
        return req.t("time.range_spaced", [day(first, req) + " " + clock(start, req), day(endDay, req) + " " + clock(end, req)])
    }

    /// A roster day of a shift swap or a duty ("2026-12-08" stored) in words; the text itself if it is not a date.
    static func day(text: String, _ req: Request) -> String {
        LocalDate(text).map { day($0, req) } ?? text
    }
}
