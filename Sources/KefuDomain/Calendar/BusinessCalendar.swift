import Foundation

/// The organization's working calendar (ARCHITECTURE §3): work spans per weekday (several per day, so a
/// lunch break is a gap), public holidays, 调休 make-up working days, in one time zone.
///
/// The arithmetic (adding business time, measuring it, natural-day variants) lives in
/// `BusinessCalendar+Arithmetic.swift`.
public struct BusinessCalendar: Sendable, Equatable {
    public let timeZone: TimeZone
    /// Work spans per weekday, sorted and non-overlapping; a weekday without spans is a rest day.
    public let weeklySpans: [Weekday: [WorkSpan]]
    /// Public holidays: no work even if the weekday has spans.
    public let holidays: Set<LocalDate>
    /// 调休: rest days (usually a Saturday or Sunday) that are worked; they use `makeUpSpans`.
    public let makeUpWorkdays: Set<LocalDate>
    /// The spans worked on a make-up day (default: Monday's spans).
    public let makeUpSpans: [WorkSpan]

    public init(
        timeZone: TimeZone,
        weeklySpans: [Weekday: [WorkSpan]],
        holidays: Set<LocalDate> = [],
        makeUpWorkdays: Set<LocalDate> = [],
        makeUpSpans: [WorkSpan]? = nil
    ) {
        self.timeZone = timeZone
        self.weeklySpans = weeklySpans.mapValues { $0.sorted { $0.start < $1.start } }
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
        self.makeUpSpans = (makeUpSpans ?? weeklySpans[.monday] ?? []).sorted { $0.start < $1.start }
    }

    /// Monday–Friday 08:30–12:00 and 13:30–17:30 in Asia/Shanghai; the rulebook's default calendar.
    public static let standardChina = BusinessCalendar(
        timeZone: TimeZone(identifier: "Asia/Shanghai")!,
        weeklySpans: Dictionary(uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
            ($0, [WorkSpan("08:30-12:00")!, WorkSpan("13:30-17:30")!])
        })
    )
}
