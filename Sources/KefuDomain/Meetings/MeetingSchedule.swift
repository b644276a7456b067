import Foundation

/// When the next recurring meeting is held (MTG-01..03): pure calendar arithmetic over the rulebook.
public enum MeetingSchedule {
    /// The first start of a `kind` meeting strictly after `now`; nil for kinds the organizer dates.
    public static func next(_ kind: MeetingKind, after now: Date, rules: MeetingRules, calendar: BusinessCalendar) -> Date? {
        let today = calendar.localDate(of: now)
        switch kind {
        case .preShift:
            // MTG-03: every working day at the daily time.
            for offset in 0..<30 {
                let day = BusinessCalendar.localDate(dayNumber: BusinessCalendar.dayNumber(today) + offset)
                let start = calendar.instant(day, rules.dailyAt)
                if start > now, calendar.isWorkingDay(day) { return start }
            }
            return nil
        case .weeklyAffairs:
            for offset in 0..<8 {
                let day = BusinessCalendar.localDate(dayNumber: BusinessCalendar.dayNumber(today) + offset)
                let start = calendar.instant(day, rules.meetingAt)
                if start > now, calendar.weekday(of: day) == rules.weeklyOn { return start }
            }
            return nil
        case .monthlyAgents:
            // MTG-02: "每月25日前周五" — the last such weekday before the day in this month, else next month's.
            for monthOffset in 0..<3 {
                var year = today.year, month = today.month + monthOffset
                while month > 12 { month -= 12; year += 1 }
                if let day = monthlyDay(year: year, month: month, rules: rules, calendar: calendar) {
                    let start = calendar.instant(day, rules.meetingAt)
                    if start > now { return start }
                }
            }
            return nil
        case .halfYearSummary, .annualSummary, .adHoc:
            return nil
        }
    }

    /// The monthly meeting's day of a month: the last `monthlyOn` weekday strictly before `monthlyBeforeDay`.
    public static func monthlyDay(year: Int, month: Int, rules: MeetingRules, calendar: BusinessCalendar) -> LocalDate? {
        var day = rules.monthlyBeforeDay - 1
        while day >= 1 {
            let date = LocalDate(year: year, month: month, day: day)
            if calendar.weekday(of: date) == rules.monthlyOn { return date }
            day -= 1
        }
        return nil
    }

    /// MTG-14: the latest instant leave from a meeting starting at `start` may be requested.
    public static func leaveDeadline(start: Date, rules: MeetingRules) -> Date {
        start.addingTimeInterval(-Double(rules.leaveNoticeMinutes) * 60)
    }
}
