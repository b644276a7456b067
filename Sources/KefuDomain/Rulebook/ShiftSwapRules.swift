/// Shift swaps (REQUIREMENTS §13, SWP).
public struct ShiftSwapRules: Sendable, Equatable {
    /// SWP-02: the role that approves (default team_leader).
    public var approverRole: Role
    /// SWP-02: both parties' leaders must agree (default true).
    public var bothPartiesApprove: Bool
    /// SWP-03: most swaps per person per month (default 2).
    public var maxPerMonth: Int
    /// SWP-04: consecutive swaps allowed (default false).
    public var allowConsecutive: Bool
    /// SWP-05: back-to-back shifts for the swapper or returner allowed (default false).
    public var allowBackToBack: Bool
    /// SWP-06: partners must do the same type of work (default true).
    public var requireSameJobType: Bool
    /// SWP-06: largest grade difference counted as "comparable" (default 1).
    public var maxGradeDifference: Int
    /// SWP-08: leave on a swap or return shift allowed (default false).
    public var allowLeaveOnSwappedShifts: Bool
    /// SWP-11: holiday on-duty staff may swap (default false).
    public var allowHolidayDutySwap: Bool

    public init(approverRole: Role, bothPartiesApprove: Bool, maxPerMonth: Int, allowConsecutive: Bool, allowBackToBack: Bool,
                requireSameJobType: Bool, maxGradeDifference: Int, allowLeaveOnSwappedShifts: Bool, allowHolidayDutySwap: Bool) {
        self.approverRole = approverRole
        self.bothPartiesApprove = bothPartiesApprove
        self.maxPerMonth = maxPerMonth
        self.allowConsecutive = allowConsecutive
        self.allowBackToBack = allowBackToBack
        self.requireSameJobType = requireSameJobType
        self.maxGradeDifference = maxGradeDifference
        self.allowLeaveOnSwappedShifts = allowLeaveOnSwappedShifts
        self.allowHolidayDutySwap = allowHolidayDutySwap
    }

    /// SWP-06: whether two grades are close enough to swap.
    public func gradesComparable(_ a: Grade, _ b: Grade) -> Bool {
        abs(a.rank - b.rank) <= maxGradeDifference
    }
}

extension ShiftSwapRules {
    init(_ r: RulebookReader) throws {
        self.init(approverRole: try r.at("approver_role").role(), bothPartiesApprove: try r.at("both_parties_approve").bool(),
                  maxPerMonth: try r.at("max_per_month").int(), allowConsecutive: try r.at("allow_consecutive").bool(),
                  allowBackToBack: try r.at("allow_back_to_back").bool(),
                  requireSameJobType: try r.at("require_same_job_type").bool(),
                  maxGradeDifference: try r.at("max_grade_difference").int(),
                  allowLeaveOnSwappedShifts: try r.at("allow_leave_on_swapped_shifts").bool(),
                  allowHolidayDutySwap: try r.at("allow_holiday_duty_swap").bool())
    }
}
