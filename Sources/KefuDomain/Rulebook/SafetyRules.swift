import Foundation

/// Safety (安全, SEC-04..12, SEC-20/21): the inspection schedule and who approves open flame and the private
/// use of company resources.
public struct SafetyRules: Sendable, Equatable {
    /// SEC-06 (NOTE): "定期" gives no period; monthly by default.
    public var inspectionEveryDays = 30
    /// SEC-06: a finding of an inspection is to be put right within this many days by its owner.
    public var findingDueDays = 7
    /// SEC-05: "須經公司保衛部門同意" — the role that approves open-flame work (the company has no security
    /// role of its own; the administrative office keeps security by default).
    public var openFlameApprover: Role = .adminOffice
    /// SEC-09/10: who approves the private use of computers, copiers and other company resources.
    public var privateUseApprover: Role = .teamLeader
    /// SEC-10: "須事先提出" — a private-use request is raised at least this long before the use.
    public var privateUseNotice = DurationSpec(value: 1, unit: .hours)

    public init() {}
}

extension SafetyRules {
    init(_ r: RulebookReader) throws {
        self.init()
        inspectionEveryDays = try r.at("inspection_every_days").int()
        findingDueDays = try r.at("finding_due_days").int()
        openFlameApprover = try r.at("open_flame_approver").role()
        privateUseApprover = try r.at("private_use_approver").role()
        privateUseNotice = try r.at("private_use_notice").duration()
    }
}
