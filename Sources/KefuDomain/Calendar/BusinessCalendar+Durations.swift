import Foundation

/// Rulebook durations on the calendar: computing a deadline, and pausing and resuming a deadline clock.
extension BusinessCalendar {
    /// The deadline `duration` after `start`:
    /// - `seconds`, `minutes`, `hours`: plain elapsed time, ignoring the calendar;
    /// - `natural_days`: the same wall-clock time that many calendar days later (`addingNaturalDays`);
    /// - `business_minutes`, `business_hours`: working time inside work spans (`addingBusinessTime`);
    /// - `working_days`: the same wall-clock time that many working days later (`addingWorkingDays`).
    public func deadline(from start: Date, adding duration: DurationSpec) -> Date {
        let value = duration.value
        switch duration.unit {
        case .seconds: return start.addingTimeInterval(Double(value))
        case .minutes: return start.addingTimeInterval(Double(value) * 60)
        case .hours: return start.addingTimeInterval(Double(value) * 3_600)
        case .naturalDays: return addingNaturalDays(value, to: start)
        case .businessMinutes: return addingBusinessTime(Double(value) * 60, to: start)
        case .businessHours: return addingBusinessTime(Double(value) * 3_600, to: start)
        case .workingDays: return addingWorkingDays(value, to: start)
        }
    }

    /// What is left of a deadline clock counted in `unit` when it is paused at `now`, in seconds.
    ///
    /// For business units (including `working_days`) it is the working time from `now` to `due`, never
    /// negative (`.infinity` for a `distantFuture` due date); for the other units it is the elapsed time,
    /// negative when the deadline has already passed.
    public func remaining(until due: Date, from now: Date, unit: TimeUnit) -> TimeInterval {
        unit.isBusiness ? businessTime(from: now, to: due) : due.timeIntervalSince(now)
    }

    /// The new due date of a clock resumed at `now` with `remaining` seconds left (from `remaining(until:…)`).
    ///
    /// Business units add working time (so a paused `working_days` clock resumes as the working time it had
    /// left); the other units add elapsed seconds, so a negative remainder keeps the clock overdue by as much.
    public func resumedDeadline(remaining: TimeInterval, unit: TimeUnit, from now: Date) -> Date {
        unit.isBusiness ? addingBusinessTime(remaining, to: now) : now.addingTimeInterval(remaining)
    }
}
