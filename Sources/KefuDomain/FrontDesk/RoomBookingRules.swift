import Foundation

/// A room booking's life: `pending` (waiting for the approver, MR-17), `approved`, `rejected` or `cancelled`.
/// Pending and approved bookings hold their slot: nobody else may book over them.
public enum RoomBookingState: String, CaseIterable, Sendable, Codable {
    case pending, approved, rejected, cancelled

    /// States that occupy the room's time (API.md: "overlapping an approved or pending booking → 409").
    public static let holding: [RoomBookingState] = [.pending, .approved]
}

/// The equipment check before (MR-10/19) or after (MR-15) the meeting.
public enum RoomCheckPhase: String, CaseIterable, Sendable, Codable {
    case before, after
}

/// The pure rules of a room booking (MR-16 form, the rulebook's longest booking, weekly series, MR-06 tariff,
/// MR-05 loans, MR-18 reminder day). No database: the use cases call these and store the result.
public enum RoomBookingRules {
    /// MR-16: the form's time and headcount. An end at or before the start → 400 on `ends_at`; longer than
    /// `meeting_rooms.max_duration` → 422 naming the key; more people than the room seats → 400 on `attendees`.
    public static func check(startsAt: Date, endsAt: Date, attendees: Int, capacity: Int, rules: MeetingRoomRules,
                             calendar: BusinessCalendar) throws {
        var fields: [String: String] = [:]
        if endsAt <= startsAt { fields["ends_at"] = "error.room.ends_before_start" }
        if attendees < 1 { fields["attendees"] = "error.room.out_of_range" } else if attendees > capacity { fields["attendees"] = "error.room.over_capacity" }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        if endsAt > calendar.deadline(from: startsAt, adding: rules.maxDuration) {
            throw DomainError.ruleViolation(rule: "meeting_rooms.max_duration", reason: "error.room.too_long")
        }
    }

    /// The occurrences of a weekly series: the same wall-clock time every 7 days, `count` times (1 = no series).
    public static func weekly(startsAt: Date, endsAt: Date, count: Int, calendar: BusinessCalendar) -> [(startsAt: Date, endsAt: Date)] {
        (0..<max(1, count)).map { week in
            (calendar.addingNaturalDays(7 * week, to: startsAt), calendar.addingNaturalDays(7 * week, to: endsAt))
        }
    }

    /// Half-open intervals: a meeting ending at 10:00 does not overlap one starting at 10:00.
    public static func overlaps(_ a: (Date, Date), _ b: (Date, Date)) -> Bool { a.0 < b.1 && b.0 < a.1 }

    /// MR-06: outside parties pay the standard tariff per started hour (meeting services included).
    public static func externalFee(startsAt: Date, endsAt: Date, perHour: Decimal) -> Decimal {
        let hours = Int((endsAt.timeIntervalSince(startsAt) / 3600).rounded(.up))
        return Decimal(max(1, hours)) * perHour
    }

    /// MR-05: a study-material loan is due back `days` calendar days after it went out (三日内).
    public static func loanDue(lentAt: Date, rules: MeetingRoomRules, calendar: BusinessCalendar) -> Date {
        calendar.addingNaturalDays(rules.loanDays, to: lentAt)
    }

    /// MR-18: the reminder goes out from the start of the day `reminder_days_before` days before the meeting,
    /// and no later than the meeting itself.
    public static func reminderDue(startsAt: Date, now: Date, rules: MeetingRoomRules, calendar: BusinessCalendar) -> Bool {
        let from = calendar.startOfDay(calendar.localDate(of: calendar.addingNaturalDays(-rules.reminderDaysBefore, to: startsAt)))
        return now >= from && now < startsAt
    }
}
