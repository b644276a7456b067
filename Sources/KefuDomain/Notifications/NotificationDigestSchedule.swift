import Foundation

/// When the daily digest runs: every morning at `notifications.digest_at` in the organization's zone, about the
/// day before (local midnight to midnight). Once it has run, the next run is due at the same time tomorrow —
/// the job holds its lease until then, so a second node (or a second scan the same morning) does nothing.
public enum NotificationDigestSchedule {
    public struct Run: Sendable, Equatable {
        /// The day summarized (yesterday, local).
        public let day: LocalDate
        /// The instants that day covers: `from` ≤ t < `to`.
        public let from: Date
        public let to: Date
        /// When the next digest is due (tomorrow at the same time).
        public let nextRunAt: Date
    }

    /// The run due at `now`, or nil before today's digest time.
    public static func due(at now: Date, digestAt: LocalTime, calendar: BusinessCalendar) -> Run? {
        let today = calendar.localDate(of: now)
        guard now >= calendar.instant(today, digestAt) else { return nil }
        let startOfToday = calendar.startOfDay(today)
        // Half a day either side of midnight lands on the neighbouring date whatever the zone's daylight saving.
        let yesterday = calendar.localDate(of: startOfToday.addingTimeInterval(-12 * 3_600))
        let tomorrow = calendar.localDate(of: startOfToday.addingTimeInterval(36 * 3_600))
        return Run(day: yesterday, from: calendar.startOfDay(yesterday), to: startOfToday,
                   nextRunAt: calendar.instant(tomorrow, digestAt))
    }
}
