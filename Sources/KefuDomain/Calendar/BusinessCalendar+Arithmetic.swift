import Foundation

/// Business-time and calendar-day arithmetic. Every function walks span to span and day to day (never minute
/// by minute) and creates no Foundation `Calendar`, so a deadline scan over many clocks stays cheap.
///
/// Work spans include their start and exclude their end: at exactly 12:00, when a span ends at 12:00, the
/// clock is outside working time. Business seconds are real elapsed seconds inside spans, so a span that a
/// daylight-saving change shortens counts the hours actually worked.
extension BusinessCalendar {
    /// The instant `seconds` of working time after `start`, counting only time inside work spans (lunch
    /// breaks, nights, rest days and holidays are skipped; make-up workdays are worked).
    ///
    /// - Counting from outside a span begins at the next span start.
    /// - A result that uses up a span exactly is that span's end (17:00 plus 30 minutes is 17:30 the same
    ///   day, not the next morning).
    /// - Zero, negative or NaN `seconds` return `start` unchanged, even when `start` is outside working time.
    /// - Returns `Date.distantFuture` when `seconds` is infinite, when the result would lie beyond
    ///   `distantFuture` (year 4001), or when about three years (`searchLimitDays`) pass without any work
    ///   span, as in a calendar with no working time at all.
    public func addingBusinessTime(_ seconds: TimeInterval, to start: Date) -> Date {
        guard seconds > 0 else { return start }
        // Working time never runs faster than the clock, so this bound is safe and keeps huge inputs finite.
        guard seconds.isFinite, start.addingTimeInterval(seconds) < .distantFuture else { return .distantFuture }
        var remaining = seconds
        var walk = DayWalk(self, from: localDay(of: start))
        var idleDays = 0
        let horizon = Date.distantFuture.timeIntervalSinceReferenceDate
        while idleDays <= Self.searchLimitDays {
            let frame = walk.next()
            guard frame.midnight <= horizon else { break }
            var worked = false
            for span in frame.spans {
                let (spanStart, spanEnd) = interval(of: span, in: frame)
                guard spanEnd > start else { continue }
                worked = true
                let from = max(spanStart, start)
                let available = spanEnd.timeIntervalSince(from)
                if remaining <= available { return min(from.addingTimeInterval(remaining), .distantFuture) }
                remaining -= available
            }
            idleDays = worked ? 0 : idleDays + 1
        }
        return .distantFuture
    }

    /// The working time, in seconds, inside work spans between `from` and `to`; 0 when `to` is not after
    /// `from`, and `.infinity` when `to` is `Date.distantFuture` or later (the "never" deadline that
    /// `addingBusinessTime` returns), so that adding it back gives `distantFuture` again.
    ///
    /// For `from` inside a span (or at a span's end), `businessTime(from: s, to: addingBusinessTime(x, to: s))`
    /// is `x`.
    public func businessTime(from: Date, to: Date) -> TimeInterval {
        guard to > from else { return 0 }
        guard to < .distantFuture else { return .infinity }
        var total: TimeInterval = 0
        let last = localDay(of: to)
        var walk = DayWalk(self, from: localDay(of: from))
        while walk.number <= last {
            let frame = walk.next()
            for span in frame.spans {
                let (spanStart, spanEnd) = interval(of: span, in: frame)
                let low = max(spanStart, from), high = min(spanEnd, to)
                if high > low { total += high.timeIntervalSince(low) }
            }
        }
        return total
    }

    /// The same wall-clock time on the `days`-th working day after `start` (a working day is one with work
    /// spans; holidays are skipped and make-up workdays count).
    ///
    /// - When `start` is outside a work span (a night, the lunch break, exactly a span's end, a rest day or
    ///   a holiday), counting starts from the next span start, as business time does: Saturday 10:00 plus one
    ///   working day is Tuesday 08:30 on the standard calendar; Friday 20:00 plus one is Tuesday 08:30 too.
    ///   So a later start never gives an earlier result.
    /// - The wall-clock time is kept even if the target day's spans differ (e.g. a shorter make-up day).
    /// - Zero or negative `days` return `start` unchanged.
    /// - Returns `Date.distantFuture` when about three years pass without a working day, or when the result
    ///   would lie beyond `distantFuture`.
    public func addingWorkingDays(_ days: Int, to start: Date) -> Date {
        guard days > 0 else { return start }
        guard let anchor = workInstant(atOrAfter: start) else { return .distantFuture }
        var number = localDay(of: anchor)
        let wallClock = localSeconds(of: anchor) - Self.localMidnight(number)
        var found = 0, idleDays = 0
        while found < days {
            number += 1
            if Self.localMidnight(number) > Date.distantFuture.timeIntervalSinceReferenceDate { return .distantFuture }
            if isWorkingDay(Self.localDate(dayNumber: number)) {
                found += 1
                idleDays = 0
            } else {
                idleDays += 1
                if idleDays > Self.searchLimitDays { return .distantFuture }
            }
        }
        return instant(localSeconds: Self.localMidnight(number) + wallClock)
    }

    /// The same wall-clock time `days` calendar days after `start` in the calendar's time zone (negative
    /// counts back). Across a daylight-saving change the wall clock is kept, so the elapsed time is 23 or
    /// 25 hours; a result in a skipped hour moves forward by the gap, a repeated hour means its first occurrence.
    public func addingNaturalDays(_ days: Int, to start: Date) -> Date {
        guard days != 0 else { return start }
        return instant(localSeconds: localSeconds(of: start) + Double(days) * Self.secondsPerDay)
    }
}
