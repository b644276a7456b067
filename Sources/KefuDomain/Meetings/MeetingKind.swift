import Foundation

/// The CS center's meetings (MTG-01..03, MTG-16). Meetings of the out-of-domain sources (restaurant, school)
/// are not kinds: an organization that holds them schedules an `adHoc` meeting from its template.
public enum MeetingKind: String, CaseIterable, Sendable, Codable {
    /// MTG-03 / MTG-10: the daily meeting before the shift, 8:00–8:30.
    case preShift = "pre_shift"
    /// MTG-01: the weekly 班务会, all 班长, chaired by the 客服部主任; issues unified answer wording.
    case weeklyAffairs = "weekly_affairs"
    /// MTG-02: the monthly 业务代表会议 on the Friday before the 25th.
    case monthlyAgents = "monthly_agents"
    /// Half-year and annual summaries (半年/年度总结): dated by the organizer.
    case halfYearSummary = "half_year_summary"
    case annualSummary = "annual_summary"
    /// MTG-16: convened when needed (必要时临时召开).
    case adHoc = "ad_hoc"

    /// Whether the rulebook gives the date (else the organizer must).
    public var isRecurring: Bool { self == .preShift || self == .weeklyAffairs || self == .monthlyAgents }
}
