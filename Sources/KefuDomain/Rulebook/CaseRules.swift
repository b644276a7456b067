import Foundation

/// Case handling (REQUIREMENTS §1 CHN and §22 ORD): the clocks every case starts, the appointment
/// reminder, the backlog threshold of the team-leader board, attachment limits and customer tiers.
public struct CaseRules: Sendable, Equatable {
    /// First reply to the customer within (from creation).
    public var firstResponseWithin: DurationSpec
    /// CHN-13: entered and dispatched (assigned) within — the source gives no value.
    public var dispatchWithin: DurationSpec
    /// Resolution within (from creation), per priority.
    public var resolveWithin: [CasePriority: DurationSpec]
    /// CHN-21: remind the assignee this long before an appointment with the customer.
    public var appointmentRemindBefore: DurationSpec
    /// CHN-14: an open case untouched this long counts as 工单滞留 on the team-leader board.
    public var backlogAfter: DurationSpec
    /// Largest attachment accepted, in bytes.
    public var attachmentMaxBytes: Int
    /// ORD-02: customer tiers of 《客户分类管理标准》 (first = most important, e.g. 大客户).
    public var customerTiers: [String]
    /// ORD-02: tiers whose cases are raised to high priority (重点对待).
    public var priorityTiers: [String]

    public init(firstResponseWithin: DurationSpec, dispatchWithin: DurationSpec, resolveWithin: [CasePriority: DurationSpec],
                appointmentRemindBefore: DurationSpec, backlogAfter: DurationSpec, attachmentMaxBytes: Int,
                customerTiers: [String], priorityTiers: [String]) {
        self.firstResponseWithin = firstResponseWithin
        self.dispatchWithin = dispatchWithin
        self.resolveWithin = resolveWithin
        self.appointmentRemindBefore = appointmentRemindBefore
        self.backlogAfter = backlogAfter
        self.attachmentMaxBytes = attachmentMaxBytes
        self.customerTiers = customerTiers
        self.priorityTiers = priorityTiers
    }

    /// ORD-02: a key account's case starts at least at high priority.
    public func priority(_ requested: CasePriority, customerTier: String?) -> CasePriority {
        guard let customerTier, priorityTiers.contains(customerTier) else { return requested }
        return requested == .urgent ? .urgent : .high
    }
}

/// After-sales service (REQUIREMENTS §3 SRV).
public struct ServiceRules: Sendable, Equatable {
    /// SRV-06: a paid service fee up to this amount (yuan) is collected on site; above it finance invoices.
    public var lowFeeThreshold: Decimal
    /// SRV-11: who approves an off-site service application (部门经理).
    public var offsiteApprover: Role
    /// SRV-03/SRV-10: who dispatches service jobs (部门经理).
    public var dispatcher: Role

    public init(lowFeeThreshold: Decimal, offsiteApprover: Role, dispatcher: Role) {
        self.lowFeeThreshold = lowFeeThreshold
        self.offsiteApprover = offsiteApprover
        self.dispatcher = dispatcher
    }
}

extension CaseRules {
    init(_ r: RulebookReader) throws {
        var resolve: [CasePriority: DurationSpec] = [:]
        for priority in CasePriority.allCases { resolve[priority] = try r.at("resolve_within.\(priority.rawValue)").duration() }
        self.init(firstResponseWithin: try r.at("first_response_within").duration(),
                  dispatchWithin: try r.at("dispatch_within").duration(), resolveWithin: resolve,
                  appointmentRemindBefore: try r.at("appointment_remind_before").duration(),
                  backlogAfter: try r.at("backlog_after").duration(),
                  attachmentMaxBytes: try r.at("attachment_max_bytes").int(),
                  customerTiers: try r.at("customer_tiers").list().map { try $0.text() },
                  priorityTiers: try r.at("priority_tiers").list().map { try $0.text() })
    }
}

extension ServiceRules {
    init(_ r: RulebookReader) throws {
        self.init(lowFeeThreshold: try r.at("low_fee_threshold").decimal(), offsiteApprover: try r.at("offsite_approver").role(),
                  dispatcher: try r.at("dispatcher").role())
    }
}
