import Foundation

/// The times of a shift template (REQUIREMENTS §11, SHF-12..20): start and end on the wall clock, meal
/// breaks inside it. An end before the start is a night shift running past midnight; an end equal to the
/// start is refused, since a shift of no length (or of exactly 24 hours) is always a typing mistake.
public struct ShiftTimes: Sendable, Equatable {
    public let start: LocalTime
    public let end: LocalTime
    public let breaks: [WorkSpan]

    public enum Problem: String, Error, Sendable, Equatable {
        case endEqualsStart = "error.shift.end_equals_start"
        case breakOutsideShift = "error.shift.break_outside"
    }

    /// Validates the times; the problem names the message key of the offending field.
    public static func make(start: LocalTime, end: LocalTime, breaks: [WorkSpan]) -> Result<ShiftTimes, Problem> {
        guard start != end else { return .failure(.endEqualsStart) }
        let times = ShiftTimes(start: start, end: end, breaks: breaks)
        for span in breaks where !times.covers(span) { return .failure(.breakOutsideShift) }
        return .success(times)
    }

    private init(start: LocalTime, end: LocalTime, breaks: [WorkSpan]) {
        self.start = start; self.end = end; self.breaks = breaks
    }

    /// True when the shift runs past midnight into the next day.
    public var crossesMidnight: Bool { end < start }

    /// Minutes from start to end, breaks included.
    public var lengthMinutes: Int {
        crossesMidnight ? 1_440 - start.minutesSinceMidnight + end.minutesSinceMidnight
                        : end.minutesSinceMidnight - start.minutesSinceMidnight
    }

    func covers(_ span: WorkSpan) -> Bool {
        if !crossesMidnight { return span.start >= start && span.end <= end }
        return span.start >= start || span.end <= end
    }

    /// The start and end instants of the shift worked on `date` (the end falls on the next day past midnight).
    public func interval(on date: LocalDate, calendar: BusinessCalendar) -> (start: Date, end: Date) {
        let begin = calendar.instant(date, start)
        return (begin, begin.addingTimeInterval(Double(lengthMinutes * 60)))
    }

    /// Parses `HH:MM-HH:MM, HH:MM-HH:MM` (blank: no breaks); nil when a span does not parse.
    public static func breaks(_ text: String?) -> [WorkSpan]? {
        let parts = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let spans = parts.compactMap(WorkSpan.init)
        return spans.count == parts.count ? spans : nil
    }
}
