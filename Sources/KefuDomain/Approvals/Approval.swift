import Foundation

public enum ApprovalState: String, Codable, Sendable, CaseIterable {
    case pending, approved, rejected, withdrawn
}

public enum ApprovalStepState: String, Codable, Sendable, CaseIterable {
    /// Not yet this step's turn.
    case waiting
    case pending, approved, rejected
    /// Never reached because an earlier step rejected or the request was withdrawn.
    case skipped
}

public struct ApprovalStep: Hashable, Sendable {
    public var position: Int
    public var role: Role
    public var departmentID: UUID?
    public var state: ApprovalStepState
    public var decidedBy: UUID?
    public var decidedAt: Date?
    public var comment: String?

    public init(position: Int, role: Role, departmentID: UUID?, state: ApprovalStepState,
                decidedBy: UUID? = nil, decidedAt: Date? = nil, comment: String? = nil) {
        self.position = position; self.role = role; self.departmentID = departmentID; self.state = state
        self.decidedBy = decidedBy; self.decidedAt = decidedAt; self.comment = comment
    }
}

/// Who is deciding: their id, roles and department (for department-bound steps).
public struct Decider: Sendable {
    public let userID: UUID
    public let roles: Set<Role>
    public let departmentID: UUID?

    public init(userID: UUID, roles: Set<Role>, departmentID: UUID?) {
        self.userID = userID; self.roles = roles; self.departmentID = departmentID
    }
}

public enum ApprovalDecision: String, Sendable, Codable, CaseIterable {
    case approve, reject
}

/// One request for approval and its steps; decided one step at a time, in order.
public struct Approval: Sendable, Hashable {
    public let id: UUID
    public let subjectType: String
    public let subjectID: UUID
    public var state: ApprovalState
    public var steps: [ApprovalStep]
    public let ruleKey: String
    public let rulebookVersion: String
    public let requestedBy: UUID
    public let createdAt: Date
    public var decidedAt: Date?
    public var version: Int

    public init(id: UUID, subjectType: String, subjectID: UUID, state: ApprovalState, steps: [ApprovalStep],
                ruleKey: String, rulebookVersion: String, requestedBy: UUID, createdAt: Date,
                decidedAt: Date? = nil, version: Int = 1) {
        self.id = id; self.subjectType = subjectType; self.subjectID = subjectID; self.state = state
        self.steps = steps; self.ruleKey = ruleKey; self.rulebookVersion = rulebookVersion
        self.requestedBy = requestedBy; self.createdAt = createdAt; self.decidedAt = decidedAt; self.version = version
    }

    /// A new approval whose first step is pending and the rest waiting.
    public static func start(chain: ApprovalChain, subjectType: String, subjectID: UUID, requestedBy: UUID,
                             rulebookVersion: String, at now: Date, id: UUID = UUID()) -> Approval {
        let steps = chain.steps.enumerated().map { index, spec in
            ApprovalStep(position: index, role: spec.role, departmentID: spec.departmentID,
                         state: index == 0 ? .pending : .waiting)
        }
        return Approval(id: id, subjectType: subjectType, subjectID: subjectID, state: .pending, steps: steps,
                        ruleKey: chain.ruleKey, rulebookVersion: rulebookVersion, requestedBy: requestedBy,
                        createdAt: now)
    }

    /// The step waiting for a decision now, if any.
    public var currentStep: ApprovalStep? { steps.first { $0.state == .pending } }
}
