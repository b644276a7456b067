import Foundation

/// Converting between instants and the calendar's wall clock.
///
/// Inside, a day is a *day number* (days since 1970-01-01) and a wall-clock reading is in *local seconds*
/// (seconds since 2001-01-01 00:00 read on the calendar's wall clock, as if it were UTC). Only the zone's UTC
/// offset, a cheap lookup, comes from Foundation, so deadline scans need no `Calendar` at all.
extension BusinessCalendar {
    /// The calendar date of `instant` in the calendar's time zone.
    public func localDate(of instant: Date) -> LocalDate {
        Self.localDate(dayNumber: localDay(of: instant))
    }

    /// The first instant of `date` in the calendar's time zone.
    ///
    /// Midnight itself, except in the rare zones whose daylight-saving change skips midnight; then the first
    /// instant that exists on that day.
    public func startOfDay(_ date: LocalDate) -> Date {
        instant(localSeconds: Self.localMidnight(Self.dayNumber(date)))
    }

    /// The instant at which the calendar's wall clock shows `time` on `date` (`24:00` is the next midnight).
    ///
    /// A time skipped by a daylight-saving change (02:30 when clocks jump from 02:00 to 03:00) moves forward by
    /// the gap (03:30); a time that occurs twice (when clocks go back) means its first occurrence. Foundation's
    /// `Calendar.date(from:)` does the same.
    public func instant(_ date: LocalDate, _ time: LocalTime) -> Date {
        instant(localSeconds: Self.localMidnight(Self.dayNumber(date)) + Double(time.minutesSinceMidnight * 60))
    }

    // MARK: - Internal conversions

    /// Seconds in a calendar day on the wall clock.
    static let secondsPerDay: TimeInterval = 86_400
    /// Day number of 2001-01-01, the reference date of `Date`.
    static let referenceDayNumber = 11_323

    /// The wall-clock reading of `instant`, in local seconds.
    func localSeconds(of instant: Date) -> TimeInterval {
        instant.timeIntervalSinceReferenceDate + Double(timeZone.secondsFromGMT(for: instant))
    }

    /// The day number of the calendar date `instant` falls on.
    func localDay(of instant: Date) -> Int {
        Int((localSeconds(of: instant) / Self.secondsPerDay).rounded(.down)) + Self.referenceDayNumber
    }

    /// Local seconds at the midnight that starts day `dayNumber`.
    static func localMidnight(_ dayNumber: Int) -> TimeInterval {
        Double(dayNumber - referenceDayNumber) * secondsPerDay
    }

    /// The zone's UTC offset at the instant `referenceSeconds` after 2001-01-01 00:00 UTC.
    func utcOffset(at referenceSeconds: TimeInterval) -> TimeInterval {
        Double(timeZone.secondsFromGMT(for: Date(timeIntervalSinceReferenceDate: referenceSeconds)))
    }

    /// The instant whose wall-clock reading is `local` (gaps move forward, repeats take the first occurrence).
    func instant(localSeconds local: TimeInterval) -> Date {
        // The offsets a day either side bracket any change; offsets never exceed ±14 h.
        let before = utcOffset(at: local - Self.secondsPerDay)
        let after = utcOffset(at: local + Self.secondsPerDay)
        let first = local - before
        if utcOffset(at: first) == before { return Date(timeIntervalSinceReferenceDate: first) }
        let second = local - after
        if utcOffset(at: second) == after { return Date(timeIntervalSinceReferenceDate: second) }
        // In a gap: reading the time with the offset from before the change lands the gap's length later.
        return Date(timeIntervalSinceReferenceDate: first)
    }

    // MARK: - Day numbers (proleptic Gregorian; H. Hinnant's `days_from_civil` and `civil_from_days`)

    /// Days from 1970-01-01 to `date`.
    static func dayNumber(_ date: LocalDate) -> Int {
        let year = date.month <= 2 ? date.year - 1 : date.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * ((date.month + 9) % 12) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    static func localDate(dayNumber: Int) -> LocalDate {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return LocalDate(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// The ISO weekday of day `dayNumber` (1970-01-01 was a Thursday).
    static func weekday(dayNumber: Int) -> Weekday {
        Weekday.allCases[(dayNumber % 7 + 7 + 3) % 7]
    }
}
