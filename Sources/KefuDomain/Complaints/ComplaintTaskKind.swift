import Foundation

/// The departments' parts of a complaint (CMP-05..09); each belongs to one step of the flow whose
/// deadline the rulebook gives (`complaints.step_deadlines`, CMP-31).
public enum ComplaintTaskKind: String, CaseIterable, Codable, Sendable {
    /// 营销部: order no., specification, quantity, shipping date and the customer's demand (CMP-05, CMP-12).
    case verifyOrder = "verify_order"
    /// 研发部: the investigation and its report, proposing the responsible persons (CMP-06).
    case investigation
    /// 研发部: cause analysis and corrective measures (CMP-06).
    case correctiveMeasures = "corrective_measures"
    /// 研发部: the quality inspection that confirms the complaint (CMP-06).
    case qualityConfirmation = "quality_confirmation"
    /// 客服部: registration, review and the handling time limit (CMP-07 (1)(2), CMP-14).
    case registration
    /// 客服部: drafting the handling method and judging responsibility (CMP-07 (4)).
    case responsibility
    /// 客服部: the improvement case, its results and their effect (CMP-07 (5)).
    case improvementFollowUp = "improvement_follow_up"
    /// 客服部 with another company or supplier (CMP-08, CMP-14: the time limit is set by CS on the form).
    case jointHandling = "joint_handling"
    /// 销售: collect the receivable of a complaint that was not established (CMP-20).
    case receivable

    /// The step whose deadline applies (CMP-31).
    public var step: ComplaintRules.Step {
        switch self {
        case .verifyOrder: .marketing
        case .investigation, .correctiveMeasures, .qualityConfirmation: .rnd
        case .registration, .responsibility, .improvementFollowUp, .jointHandling: .customerService
        case .receivable: .sales
        }
    }

    /// Completing these starts the 3-day clock of the report to the VP in charge (CMP-15: "调查处理后三天内").
    public var endsInvestigation: Bool { self == .investigation }

    /// CMP-08 / CMP-14: joint handling names the partner and carries the time limit CS set.
    public var needsPartner: Bool { self == .jointHandling }
}

/// CMP-16: where the problem arose. Human negligence is exempt from case tracking.
public enum ComplaintFault: String, CaseIterable, Codable, Sendable {
    case quality
    case transport
    case handling
    case supplier
    case humanNegligence = "human_negligence"
    case other

    /// CMP-16: "人为疏忽免列案追踪".
    public var exemptFromTracking: Bool { self == .humanNegligence }
}

/// CMP-17 / CMP-41 / CMP-42: the individual penalty types of the 客户投诉罚扣的判定基准.
public enum ComplaintPenaltyType: String, CaseIterable, Codable, Sendable {
    case none
    case warning
    case bonusDeduction = "bonus_deduction"
    case administrativePenalty = "administrative_penalty"
}

/// CMP-25 / CMP-24 / CMP-18: what the customer is told. A progress reply sets when they hear from us
/// next; a conclusion needs the approved decision.
public enum ComplaintReplyKind: String, CaseIterable, Codable, Sendable {
    case progress, conclusion
}

public enum ComplaintReplyChannel: String, CaseIterable, Codable, Sendable {
    case letter, phone
}

extension ComplaintRules.Step {
    /// The kind of department that does this step (营销部 is the `marketing` kind of API.md, CMP-05).
    public var departmentKind: DepartmentKind {
        switch self {
        case .marketing: .marketing
        case .rnd: .rnd
        case .sales: .sales
        case .warehouse: .warehouse
        case .finance: .finance
        case .customerService, .approval: .customerService
        }
    }
}

extension ComplaintTaskKind {
    /// The department a task goes to when the person names none: the one department of its step's kind.
    /// With none, or several of that kind (say 营销部 and 市场部 both `marketing`), nothing is guessed —
    /// the person chooses (nil).
    public func defaultDepartment(among departments: [(id: UUID, kind: DepartmentKind)]) -> UUID? {
        let matching = departments.filter { $0.kind == step.departmentKind }
        return matching.count == 1 ? matching[0].id : nil
    }
}
