import Foundation

/// Which days are worked and when: holidays, 调休 make-up days and the weekly pattern.
extension BusinessCalendar {
    /// The ISO weekday of `date`.
    public func weekday(of date: LocalDate) -> Weekday {
        Self.weekday(dayNumber: Self.dayNumber(date))
    }

    /// Whether `date` has any work span: false on a holiday even if its weekday is worked, true on a make-up
    /// workday (调休) even if it is a Saturday or Sunday (as long as `makeUpSpans` is not empty).
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !spans(on: date).isEmpty
    }

    /// The work spans of `date`, sorted: none on a holiday, `makeUpSpans` on a make-up workday, otherwise the
    /// spans of its weekday. A date that is both a holiday and a make-up day counts as a holiday.
    public func spans(on date: LocalDate) -> [WorkSpan] {
        if !holidays.isEmpty && holidays.contains(date) { return [] }
        if !makeUpWorkdays.isEmpty && makeUpWorkdays.contains(date) { return makeUpSpans }
        return weeklySpans[weekday(of: date)] ?? []
    }

    // MARK: - Internal: walking day by day

    /// How many consecutive days without any work span a search crosses before it gives up (about three
    /// years, longer than any real run of holidays), so a calendar with no working time cannot loop forever.
    static let searchLimitDays = 1_096

    /// One local day, ready to turn its spans into instants.
    struct DayFrame {
        let date: LocalDate
        let spans: [WorkSpan]
        /// Local seconds at the day's midnight.
        let midnight: TimeInterval
        /// The UTC offset when it holds for the whole day and a day either side (nearly always); nil near a
        /// daylight-saving change, where each instant is converted on its own.
        let uniformOffset: TimeInterval?
    }

    /// The frame of day `number`, asking the zone for its offset a day either side.
    func frame(dayNumber number: Int) -> DayFrame {
        let midnight = Self.localMidnight(number)
        let before = utcOffset(at: midnight - Self.secondsPerDay)
        let after = utcOffset(at: midnight + 2 * Self.secondsPerDay)
        return frame(dayNumber: number, uniformOffset: before == after ? before : nil)
    }

    func frame(dayNumber number: Int, uniformOffset: TimeInterval?) -> DayFrame {
        let date = Self.localDate(dayNumber: number)
        return DayFrame(date: date, spans: spans(on: date), midnight: Self.localMidnight(number), uniformOffset: uniformOffset)
    }

    /// Walks forward day by day. It asks the zone once when its UTC offset next changes, so the days before
    /// that change (all of them in a zone without daylight saving) need no further offset look-ups.
    struct DayWalk {
        let calendar: BusinessCalendar
        private(set) var number: Int
        /// `stableOffset` holds from a day before the last anchored midnight until `stableUntil` (seconds since
        /// the reference date; infinity when the zone never changes its offset again).
        private var stableOffset: TimeInterval = 0, stableUntil: TimeInterval = 0

        init(_ calendar: BusinessCalendar, from number: Int) {
            self.calendar = calendar
            self.number = number
            anchor()
        }

        private mutating func anchor() {
            let since = BusinessCalendar.localMidnight(number) - BusinessCalendar.secondsPerDay
            stableOffset = calendar.utcOffset(at: since)
            let change = calendar.timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSinceReferenceDate: since))
            stableUntil = change?.timeIntervalSinceReferenceDate ?? .infinity
        }

        /// The frame of the current day; then moves on to the next day.
        mutating func next() -> DayFrame {
            defer { number += 1 }
            let midnight = BusinessCalendar.localMidnight(number)
            // A local day lies within a day either side of its UTC instants (offsets stay within ±14 h).
            if midnight - BusinessCalendar.secondsPerDay >= stableUntil { anchor() }
            guard midnight + 2 * BusinessCalendar.secondsPerDay <= stableUntil else { return calendar.frame(dayNumber: number) }
            return calendar.frame(dayNumber: number, uniformOffset: stableOffset)
        }
    }

    /// The instants at which `span` starts and ends on the frame's day.
    func interval(of span: WorkSpan, in frame: DayFrame) -> (start: Date, end: Date) {
        let start = frame.midnight + Double(span.start.minutesSinceMidnight * 60)
        let end = frame.midnight + Double(span.end.minutesSinceMidnight * 60)
        guard let offset = frame.uniformOffset else {
            return (instant(localSeconds: start), instant(localSeconds: end))
        }
        return (Date(timeIntervalSinceReferenceDate: start - offset), Date(timeIntervalSinceReferenceDate: end - offset))
    }

    /// `instant` itself when it lies inside a work span (spans include their start, not their end), otherwise
    /// the start of the next span; nil when no span starts within `searchLimitDays` idle days.
    func workInstant(atOrAfter instant: Date) -> Date? {
        var walk = DayWalk(self, from: localDay(of: instant))
        for _ in 0...Self.searchLimitDays {
            let frame = walk.next()
            for span in frame.spans {
                let (start, end) = interval(of: span, in: frame)
                if end > instant { return max(start, instant) }
            }
        }
        return nil
    }
}
