import Foundation

extension Approval {
    /// Whether `decider` may decide the current step: they hold its role and, for a department-bound
    /// step, belong to that department. Requesters never decide their own request.
    public func canDecide(_ decider: Decider) -> Bool {
        guard state == .pending, let step = currentStep, decider.userID != requestedBy else { return false }
        guard decider.roles.contains(step.role) else { return false }
        if let department = step.departmentID { return decider.departmentID == department }
        return true
    }

    /// Decides the current step. Deciding a finished approval → `.conflict` (409); deciding without the
    /// step's role → `.forbidden` (403). Approving the last step approves the request; a rejection
    /// rejects it and skips the steps after it.
    public mutating func decide(_ decision: ApprovalDecision, by decider: Decider, comment: String?, at now: Date) throws {
        guard state == .pending, let index = steps.firstIndex(where: { $0.state == .pending }) else {
            throw DomainError.conflict(reason: "approval.already_decided")
        }
        guard decider.userID != requestedBy else { throw DomainError.forbidden(reason: "approval.own_request") }
        guard canDecide(decider) else { throw DomainError.forbidden(reason: "approval.role_required") }
        steps[index].state = decision == .approve ? .approved : .rejected
        steps[index].decidedBy = decider.userID
        steps[index].decidedAt = now
        steps[index].comment = comment
        switch decision {
        case .reject:
            for later in steps.indices where later > index { steps[later].state = .skipped }
            state = .rejected
            decidedAt = now
        case .approve where index + 1 < steps.count:
            steps[index + 1].state = .pending
        case .approve:
            state = .approved
            decidedAt = now
        }
        version += 1
    }

    /// The requester withdraws a pending request; finished requests cannot be withdrawn.
    public mutating func withdraw(by userID: UUID, at now: Date) throws {
        guard state == .pending else { throw DomainError.conflict(reason: "approval.already_decided") }
        guard userID == requestedBy else { throw DomainError.forbidden(reason: "approval.not_requester") }
        for index in steps.indices where steps[index].state == .pending || steps[index].state == .waiting {
            steps[index].state = .skipped
        }
        state = .withdrawn
        decidedAt = now
        version += 1
    }
}
