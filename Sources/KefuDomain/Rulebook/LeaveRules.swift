import Foundation

/// Leave approval and notice (REQUIREMENTS §12, LV).
public struct LeaveRules: Sendable, Equatable {
    /// Leave on holiday duty (LV-15, conflict C4).
    public enum HolidayLeave: String, CaseIterable, Sendable, Codable {
        /// Allowed in extremely special cases, requested `notice.holiday` ahead with approval (LV-14).
        case exceptionWithNotice = "exception_with_notice"
        /// Never (换班 九).
        case forbidden
    }

    /// How far ahead leave is requested (LV-03, LV-04, LV-13, LV-14).
    public struct Notice: Sendable, Equatable {
        /// LV-03: general personal leave, default 1 natural day ahead.
        public var general: DurationSpec
        /// LV-04: special personal leave, default 1 hour before the shift.
        public var specialBeforeShift: DurationSpec
        /// LV-13: night-shift leave is requested before this time of the same day (default 12:00).
        public var nightShiftBefore: LocalTime
        /// LV-14: holiday leave, default 2 natural days ahead.
        public var holiday: DurationSpec

        public init(general: DurationSpec, specialBeforeShift: DurationSpec, nightShiftBefore: LocalTime, holiday: DurationSpec) {
            self.general = general
            self.specialBeforeShift = specialBeforeShift
            self.nightShiftBefore = nightShiftBefore
            self.holiday = holiday
        }
    }

    /// LV-07: who approves leave by its length in days (default ≤ 1 day cs_director, more center_director).
    public var approvalByDays: [ApprovalBand]
    public var notice: Notice
    /// LV-15: whether holiday leave is possible at all.
    public var holidayLeave: HolidayLeave
    /// LV-09 / LV-28: sick leave of at least this many days needs a medical certificate (default 1).
    public var sickCertificateFromDays: Decimal
    /// LV-16: approver of leave for official business or study.
    public var officialBusinessApprover: Role

    public init(approvalByDays: [ApprovalBand], notice: Notice, holidayLeave: HolidayLeave,
                sickCertificateFromDays: Decimal, officialBusinessApprover: Role) {
        self.approvalByDays = approvalByDays
        self.notice = notice
        self.holidayLeave = holidayLeave
        self.sickCertificateFromDays = sickCertificateFromDays
        self.officialBusinessApprover = officialBusinessApprover
    }

    /// LV-07: the role that approves leave of `days` days.
    public func approvalRole(forDays days: Decimal) -> Role {
        approvalByDays.role(for: days)
    }

    /// LV-09: whether sick leave of `days` days needs a medical certificate.
    public func needsSickCertificate(days: Decimal) -> Bool {
        days >= sickCertificateFromDays
    }
}

extension LeaveRules {
    init(_ r: RulebookReader) throws {
        let notice = Notice(general: try r.at("notice.general").duration(),
                            specialBeforeShift: try r.at("notice.special_before_shift").duration(),
                            nightShiftBefore: try r.at("notice.night_shift_before").time(),
                            holiday: try r.at("notice.holiday").duration())
        self.init(approvalByDays: try r.at("approval_by_days").bands(), notice: notice,
                  holidayLeave: try r.at("holiday_leave").choice(HolidayLeave.self),
                  sickCertificateFromDays: try r.at("sick_certificate_from_days").decimal(),
                  officialBusinessApprover: try r.at("official_business_approver").role())
    }
}
