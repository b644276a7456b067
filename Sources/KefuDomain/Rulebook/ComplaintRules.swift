import Foundation

/// Complaint deadlines, approval authority and routing (REQUIREMENTS §4, CMP).
public struct ComplaintRules: Sendable, Equatable {
    /// The departments' steps of the complaint flow that carry their own deadline (CMP-31).
    public enum Step: String, CaseIterable, Sendable, Codable {
        /// 营销部: checks order, batch, shipping date and the customer's request (CMP-05, CMP-12).
        case marketing
        /// 客服部: registers, reviews and sets the handling time limit (CMP-07, CMP-14).
        case customerService = "customer_service"
        /// 研发部: investigation and quality confirmation (CMP-06).
        case rnd
        /// 核决: the settlement approval by amount (CMP-32).
        case approval
        /// 销售部: executes the approved handling after closure (CMP-35..37).
        case sales
        /// 仓储部: receives returned goods (CMP-39).
        case warehouse
        /// 财务部: reconciles and books the voucher (CMP-38).
        case finance
    }

    /// Complaint severity (CMP-29): 一般, 重要, 重大/特别严重.
    public enum Severity: String, CaseIterable, Sendable, Codable {
        case general, important, major
    }

    /// CMP-22: dispatch within (default 60 natural minutes).
    public var dispatchWithin: DurationSpec
    /// CMP-15: report to the VP in charge within (default 3 natural days).
    public var reportWithin: DurationSpec
    /// CMP-15: who receives the report (default `vp`).
    public var reportTo: Role
    /// CMP-30: close within, from acceptance (default 6 natural days).
    public var closeWithin: DurationSpec
    /// CMP-31: per-step deadlines.
    public var stepDeadlines: [Step: DurationSpec]
    /// CMP-32: settlement approval by amount (yuan); contiguous from 0, open-ended.
    public var approvalBands: [ApprovalBand]
    /// CMP-29: who handles a complaint of each severity.
    public var severityRouting: [Severity: Role]
    /// CMP-40: the GM office reviews last month's closed complaints by this day of the month.
    public var monthlyReviewDay: Int
    /// CMP-17: the entries of the 客户投诉损失金额核算基准 a loss amount is set by (the organization's words).
    public var lossBases: [String] = ["产品成本", "运费及搬运费", "返工重处理费", "对客户的赔偿"]
    /// CMP-17 / CMP-41 / CMP-42: the individual penalty types of the 客户投诉罚扣的判定基准.
    public var penaltyTypes: [ComplaintPenaltyType] = ComplaintPenaltyType.allCases
    /// CMP-20: who receives the 签呈 when the customer objects to "not established".
    public var petitionTo: Role = .salesManager
    /// CMP-36 / CMP-37: who countersigns the discount certificate and approves the return slip.
    public var slipApprover: Role = .salesVP
    /// CMP-42: who approves a 奖罚通知单.
    public var deductionApprover: Role = .gm
    /// CMP-24 / CMP-25: what must hold before a complaint closes (departments' tasks done, customer answered).
    public var closeRequires: [ComplaintClosing.Condition] = ComplaintClosing.Condition.allCases

    public init(dispatchWithin: DurationSpec, reportWithin: DurationSpec, reportTo: Role, closeWithin: DurationSpec,
                stepDeadlines: [Step: DurationSpec], approvalBands: [ApprovalBand], severityRouting: [Severity: Role],
                monthlyReviewDay: Int) {
        self.dispatchWithin = dispatchWithin
        self.reportWithin = reportWithin
        self.reportTo = reportTo
        self.closeWithin = closeWithin
        self.stepDeadlines = stepDeadlines
        self.approvalBands = approvalBands
        self.severityRouting = severityRouting
        self.monthlyReviewDay = monthlyReviewDay
    }

    /// CMP-32: the role that approves a settlement of `amount` yuan (default: < 1000 sales_manager,
    /// 1000–5000 inclusive vp, > 5000 gm).
    public func approvalRole(forAmount amount: Decimal) -> Role {
        approvalBands.role(for: amount)
    }

    /// CMP-29: the role that handles a complaint of `severity`.
    public func handlerRole(for severity: Severity) -> Role {
        severityRouting[severity] ?? .csDirector
    }
}

extension ComplaintRules {
    init(_ r: RulebookReader) throws {
        var steps: [Step: DurationSpec] = [:]
        for step in Step.allCases { steps[step] = try r.at("step_deadlines.\(step.rawValue)").duration() }
        var routing: [Severity: Role] = [:]
        for severity in Severity.allCases { routing[severity] = try r.at("severity_routing.\(severity.rawValue)").role() }
        self.init(dispatchWithin: try r.at("dispatch_within").duration(), reportWithin: try r.at("report_within").duration(),
                  reportTo: try r.at("report_to").role(), closeWithin: try r.at("close_within").duration(),
                  stepDeadlines: steps, approvalBands: try r.at("approval_bands").bands(), severityRouting: routing,
                  monthlyReviewDay: try r.at("monthly_review_day").int())
        lossBases = try r.at("loss_bases").list().map { try $0.text() }
        penaltyTypes = try r.at("penalty_types").list().map { try $0.choice(ComplaintPenaltyType.self) }
        petitionTo = try r.at("petition_to").role()
        slipApprover = try r.at("slip_approver").role()
        deductionApprover = try r.at("deduction_approver").role()
        closeRequires = try r.at("close_requires").list().map { try $0.choice(ComplaintClosing.Condition.self) }
    }
}
