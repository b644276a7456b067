import Foundation

/// One step of a chain: the role that decides it, optionally restricted to one department.
public struct ApprovalStepSpec: Hashable, Sendable {
    public let role: Role
    public let departmentID: UUID?

    public init(role: Role, departmentID: UUID? = nil) {
        self.role = role
        self.departmentID = departmentID
    }
}

/// "Who must approve", computed by a module's pure chain function from the rulebook and the request
/// (ARCHITECTURE §3). `ruleKey` names the rulebook key that made the chain.
public struct ApprovalChain: Hashable, Sendable {
    public let steps: [ApprovalStepSpec]
    public let ruleKey: String

    public init(steps: [ApprovalStepSpec], ruleKey: String) {
        precondition(!steps.isEmpty, "an approval chain has at least one step")
        self.steps = steps
        self.ruleKey = ruleKey
    }
}

/// A module's chain function: the rulebook and the module's request in, the chain out.
public typealias ApprovalChainFunction<Request> = @Sendable (Rulebook, Request) -> ApprovalChain
