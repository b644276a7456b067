import Foundation

/// Leave types (LV-17 hospital list, plus official business and study of LV-16), spelled as API.md fixes them.
public enum LeaveType: String, CaseIterable, Codable, Sendable {
    case personal, sick, marriage, maternity, bereavement, compensatory, paid
    case workInjury = "work_injury"
    case officialBusiness = "official_business"
    case study

    /// LV-16: approved by `leave.official_business_approver`, not by the duration chain.
    public var isOfficial: Bool { self == .officialBusiness || self == .study }
}

/// The pure leave rules (REQUIREMENTS §12): length in days, which notice rule applies and whether it is
/// met, the sick-note requirement and its continuity. No database: the use case passes the facts in.
public struct LeavePolicy: Sendable {
    public let rules: LeaveRules
    public let calendar: BusinessCalendar

    public init(rules: LeaveRules, calendar: BusinessCalendar) { self.rules = rules; self.calendar = calendar }

    /// The facts about the request the notice rules need.
    public struct Facts: Sendable {
        public var type: LeaveType
        public var startsAt: Date
        public var endsAt: Date
        public var special: Bool
        public var emergency: Bool
        /// Start of the first rostered shift the leave covers (the notice counts back from it, LV-04).
        public var firstShiftStart: Date?
        /// The first covered shift is a night shift (LV-13); its roster day.
        public var nightShiftDate: LocalDate?
        /// A covered day is a holiday or a covered shift is holiday duty (LV-14/15).
        public var holiday: Bool

        public init(type: LeaveType, startsAt: Date, endsAt: Date, special: Bool, emergency: Bool,
                    firstShiftStart: Date?, nightShiftDate: LocalDate?, holiday: Bool) {
            self.type = type; self.startsAt = startsAt; self.endsAt = endsAt; self.special = special; self.emergency = emergency
            self.firstShiftStart = firstShiftStart; self.nightShiftDate = nightShiftDate; self.holiday = holiday
        }
    }

    /// The local days the leave covers (its end instant is exclusive).
    public func days(from start: Date, to end: Date) -> [LocalDate] {
        let first = calendar.localDate(of: start), last = calendar.localDate(of: end.addingTimeInterval(-1))
        var days: [LocalDate] = []
        var day = first
        while day <= last && days.count < 400 { days.append(day); day = QualityPeriod.adding(1, to: day) }
        return days
    }

    /// The leave's length in days for the approval bands (LV-07): covered calendar days.
    public func length(from start: Date, to end: Date) -> Decimal { Decimal(days(from: start, to: end).count) }

    /// Checks the notice rules at `now`; returns the key of the rule that admitted the request, or throws a
    /// `ruleViolation` naming the rulebook key that refuses it.
    /// - LV-14/15: holiday leave is forbidden, or needs `notice.holiday` ahead;
    /// - LV-13: night-shift leave is requested before `notice.night_shift_before` of the shift's day;
    /// - LV-10: an emergency (phoned in, possibly by someone else) only before the shift starts;
    /// - LV-04: special personal leave `notice.special_before_shift` before the shift;
    /// - LV-03: everything else `notice.general` ahead.
    public func admit(_ facts: Facts, now: Date) throws -> String {
        let start = facts.firstShiftStart ?? facts.startsAt
        if facts.holiday {
            guard rules.holidayLeave == .exceptionWithNotice else {
                throw DomainError.ruleViolation(rule: "leave.holiday_leave", reason: "error.leave.holiday_forbidden")
            }
            guard calendar.deadline(from: now, adding: rules.notice.holiday) <= calendar.startOfDay(calendar.localDate(of: start)) else {
                throw DomainError.ruleViolation(rule: "leave.notice.holiday", reason: "error.leave.holiday_notice")
            }
            return "leave.notice.holiday"
        }
        if let night = facts.nightShiftDate {
            guard now < calendar.instant(night, rules.notice.nightShiftBefore) else {
                throw DomainError.ruleViolation(rule: "leave.notice.night_shift_before", reason: "error.leave.night_notice")
            }
            return "leave.notice.night_shift_before"
        }
        if facts.emergency {
            guard now < start else { throw DomainError.ruleViolation(rule: "leave.notice.special_before_shift", reason: "error.leave.emergency_after_start") }
            return "leave.emergency"
        }
        if facts.special {
            guard calendar.deadline(from: now, adding: rules.notice.specialBeforeShift) <= start else {
                throw DomainError.ruleViolation(rule: "leave.notice.special_before_shift", reason: "error.leave.special_notice")
            }
            return "leave.notice.special_before_shift"
        }
        guard calendar.deadline(from: now, adding: rules.notice.general) <= start else {
            throw DomainError.ruleViolation(rule: "leave.notice.general", reason: "error.leave.general_notice")
        }
        return "leave.notice.general"
    }

    /// LV-11: the certificate's periods, chained without a gap, cover every day of the leave.
    public func certificateCovers(_ periods: [(from: LocalDate, to: LocalDate)], start: Date, end: Date) -> Bool {
        let sorted = periods.sorted { $0.from < $1.from }
        guard let first = sorted.first, sorted.allSatisfy({ $0.from <= $0.to }) else { return false }
        var reach = first.to
        for period in sorted.dropFirst() {
            guard period.from <= QualityPeriod.adding(1, to: reach) else { return false }
            reach = max(reach, period.to)
        }
        let covered = days(from: start, to: end)
        guard let firstDay = covered.first, let lastDay = covered.last else { return false }
        return first.from <= firstDay && reach >= lastDay
    }

    /// LV-09/28: sick leave of the threshold or more needs a medical certificate, except an emergency (急诊).
    public func needsCertificate(type: LeaveType, days: Decimal) -> Bool {
        type == .sick && rules.needsSickCertificate(days: days)
    }
}

/// The pure swap rules of SWP-06: the same type of work and comparable grade and skill.
public enum SwapPartners {
    /// The kind of work (工种) a person does: the first of these roles they hold.
    public static let jobRoles: [Role] = [.agent, .returnVisitor, .qaInspector, .kbEditor, .frontDesk]

    public static func jobType(of roles: [Role]) -> Role? { jobRoles.first(where: roles.contains) }

    /// Same job type and skill (an all-round agent matches either), grades at most `maxGradeDifference` apart.
    public static func comparable(_ a: (roles: [Role], grade: Grade?, skill: Skill?), _ b: (roles: [Role], grade: Grade?, skill: Skill?),
                                  rules: ShiftSwapRules) -> Bool {
        guard rules.requireSameJobType else { return true }
        guard jobType(of: a.roles) == jobType(of: b.roles) else { return false }
        if let x = a.skill, let y = b.skill, x != y, x != .allRound, y != .allRound { return false }
        if let x = a.grade, let y = b.grade, !rules.gradesComparable(x, y) { return false }
        return true
    }
}

extension LeaveType {
    /// The form's Chinese name (LV-17), written into the handover log as data.
    public var nameZh: String {
        switch self {
        case .personal: "事假"
        case .sick: "病假"
        case .marriage: "婚假"
        case .maternity: "产假"
        case .bereavement: "丧假"
        case .compensatory: "换休假"
        case .paid: "带薪假"
        case .workInjury: "工伤假"
        case .officialBusiness: "公事"
        case .study: "外出学习"
        }
    }
}
