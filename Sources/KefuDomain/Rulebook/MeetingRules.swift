import Foundation

/// The CS center's meetings (会议, REQUIREMENTS §19, MTG-01..05, MTG-14).
public struct MeetingRules: Sendable, Equatable {
    /// MTG-14: leave from a meeting is requested at least this many minutes before it starts (default 60).
    public var leaveNoticeMinutes: Int
    /// MTG-03: the daily meeting starts at (default 08:00, "8:00-8:30").
    public var dailyAt: LocalTime
    /// MTG-01: the weekday of the weekly 班务会 (the sources say only "每周一次"; default Monday).
    public var weeklyOn: Weekday
    /// MTG-02: the monthly 业务代表会议 is held on this weekday before this day of the month (default Friday before the 25th).
    public var monthlyOn: Weekday
    public var monthlyBeforeDay: Int
    /// The start of the weekly, monthly and summary meetings when none is given (default 16:00).
    public var meetingAt: LocalTime

    public init(leaveNoticeMinutes: Int, dailyAt: LocalTime, weeklyOn: Weekday, monthlyOn: Weekday, monthlyBeforeDay: Int, meetingAt: LocalTime) {
        self.leaveNoticeMinutes = leaveNoticeMinutes
        self.dailyAt = dailyAt
        self.weeklyOn = weeklyOn
        self.monthlyOn = monthlyOn
        self.monthlyBeforeDay = monthlyBeforeDay
        self.meetingAt = meetingAt
    }
}

extension MeetingRules {
    init(_ r: RulebookReader) throws {
        func weekday(_ key: String) throws -> Weekday {
            let node = try r.at(key)
            guard let day = Weekday(key: try node.text()) else { throw node.mismatch("found \(node.node.found)") }
            return day
        }
        self.init(leaveNoticeMinutes: try r.at("leave_notice_minutes").int(), dailyAt: try r.at("daily_at").time(),
                  weeklyOn: try weekday("weekly_on"), monthlyOn: try weekday("monthly_on"),
                  monthlyBeforeDay: try r.at("monthly_before_day").int(), meetingAt: try r.at("meeting_at").time())
    }
}
