import Foundation

/// The organization's configurable rules (规章制度, ARCHITECTURE §3): every deadline, threshold, approver and
/// limit of REQUIREMENTS that the sources leave open or disagree on, typed and validated.
///
/// Load it with `Rulebook.load(defaults:override:)`: the default YAML (Resources/Rulebook/default.yaml) with
/// an organization's file merged over it. `version` is the hash of the effective content, so every decision
/// can record which rules it applied.
public struct Rulebook: Sendable, Equatable {
    /// Hex SHA-256 of the effective rules in canonical form: equal rules, equal version.
    public let version: String
    public var organization: OrganizationRules
    /// Work spans, holidays and 调休 make-up days in the organization's time zone.
    public let calendar: BusinessCalendar
    public var numbering: NumberingRules
    public var deadlines: DeadlineRules
    public var escalation: EscalationRules
    public var cases: CaseRules
    public var service: ServiceRules
    public var complaints: ComplaintRules
    public var returnVisits: ReturnVisitRules
    public var surveys: SurveyRules
    public var leave: LeaveRules
    public var shiftSwap: ShiftSwapRules
    public var accountability: AccountabilityRules
    /// QA-02 / QA-03 / QA-11: quality inspection (质检) quota, scorecards and sampling.
    public var quality: QualityRules
    public var knowledgeBase: KnowledgeBaseRules
    /// RPT-02 / RPT-03 / RPT-04: report ranges and the monthly quality report's due day.
    public var reports: ReportRules
    public var staff: StaffRules
    /// PRM-03 / PRM-17: the promotion ladder with pay, one entry per grade.
    public var payGrades: [Grade: PayGradeRules]
    public var promotion: PromotionRules
    /// PRM-18, SAT-03, QA-04: how the agents' monthly evaluation is scored.
    public var evaluation: EvaluationRules
    public var fines: FineRules
    /// MTG-01..03, MTG-14: the CS center's recurring meetings and the leave notice.
    public var meetings: MeetingRules
    /// SHF-01/04/09: early arrival, leaving the post and handover (ATT-03/04 limits are in `fines`).
    public var attendance: AttendanceRules
    public var frontDesk: FrontDeskRules
    /// FDN-05/06: confirmation reminders and archiving of internal notices.
    public var notices: NoticeRules
    /// The inbox's daily digest of "for my information" notifications.
    public var notifications: NotificationRules
    /// MR-05/06/16/17/18/23: meeting rooms (C17 approver, longest booking, loans, tariff).
    public var meetingRooms: MeetingRoomRules
    /// FDM: mail and parcels; FDS: office supplies.
    public var mailRoom: MailRoomRules
    public var supplies: SupplyRules
    /// GOV-04/05: rulebook review and the owners who answer feedback on rules.
    public var governance: GovernanceRules
    /// Issue 9: the live web chat (网络客服).
    public var chat: ChatRules
    /// HOS, ORG-19, RPT-08, RTV-14: the hospital guidance desk (off unless enabled).
    public var hospital: HospitalRules
    /// ESC-05..12: routing and time limits of reports to a superior (请示报告).
    public var upwardReports: UpwardReportRules
    /// SEC-04..21: recurring duties (C19) and safety inspections and requests.
    public var duties: DutyRules
    public var safety: SafetyRules
    /// Every key with its effective value, rule IDs and meaning, for the read-only admin view.
    public var entries: [RulebookEntry]

    /// The first 12 hex characters of `version`, for display.
    public var versionShort: String { String(version.prefix(12)) }

    /// The entry of `key` (dotted path), if the rulebook has one.
    public func entry(_ key: String) -> RulebookEntry? {
        entries.first { $0.key == key }
    }

    init(_ root: RulebookReader, version: String, entries: [RulebookEntry]) throws {
        self.version = version
        self.entries = entries
        organization = try OrganizationRules(root.at("organization"))
        let calendar = try root.at("calendar")
        var week: [Weekday: [WorkSpan]] = [:]
        for day in Weekday.allCases {
            if let spans = try calendar.at("week").optional(day.key)?.spans(), !spans.isEmpty { week[day] = spans }
        }
        self.calendar = BusinessCalendar(timeZone: organization.timeZone, weeklySpans: week,
                                         holidays: try calendar.at("holidays").dates(),
                                         makeUpWorkdays: try calendar.at("make_up_workdays").dates())
        numbering = try NumberingRules(root.at("numbering"))
        deadlines = try DeadlineRules(root.at("deadlines"))
        escalation = EscalationRules(chain: try root.at("escalation.chain").list().map { try $0.role() })
        cases = try CaseRules(root.at("cases"))
        service = try ServiceRules(root.at("service"))
        complaints = try ComplaintRules(root.at("complaints"))
        returnVisits = try ReturnVisitRules(root.at("return_visits"))
        surveys = SurveyRules(scale: try root.at("surveys.scale").choice(SurveyRules.Scale.self))
        surveys.linkValidFor = try root.at("surveys.link_valid_for").duration()
        surveys.seriousTo = try root.at("surveys.serious_to").role()
        surveys.generalTo = try root.at("surveys.general_to").role()
        leave = try LeaveRules(root.at("leave"))
        shiftSwap = try ShiftSwapRules(root.at("shift_swap"))
        accountability = try AccountabilityRules(root.at("accountability"))
        quality = try QualityRules(root.at("quality"))
        knowledgeBase = try KnowledgeBaseRules(root.at("knowledge_base"))
        reports = try ReportRules(root.at("reports"))
        staff = try StaffRules(root.at("staff"))
        var grades: [Grade: PayGradeRules] = [:]
        for grade in Grade.allCases { grades[grade] = try PayGradeRules(grade, root.at("pay_grades.\(grade.rawValue)")) }
        payGrades = grades
        promotion = try PromotionRules(root.at("promotion"))
        evaluation = try EvaluationRules(root.at("evaluation"))
        fines = try FineRules(root.at("fines"))
        meetings = try MeetingRules(root.at("meetings"))
        attendance = try AttendanceRules(root.at("attendance"))
        frontDesk = try FrontDeskRules(root.at("front_desk"))
        notices = try NoticeRules(root.at("notices"))
        notifications = try NotificationRules(root.at("notifications"))
        meetingRooms = try MeetingRoomRules(root.at("meeting_rooms"))
        mailRoom = try MailRoomRules(root.at("mail_room"))
        supplies = try SupplyRules(root.at("supplies"))
        governance = try GovernanceRules(root.at("governance"))
        chat = try ChatRules(root.at("chat"))
        hospital = try HospitalRules(root.at("hospital"))
        upwardReports = try UpwardReportRules(root.at("upward_reports"))
        duties = try DutyRules(root.at("duties")); safety = try SafetyRules(root.at("safety"))
    }
}
