import FluentKit
import KefuDomain

/// What happens to a module's subject when its approval finishes (approved, rejected or withdrawn).
/// Runs inside the deciding transaction, so the subject and the approval change together or not at all.
public struct ApprovalOutcome: Sendable {
    public let approval: Approval
    public let db: any Database
    public let services: AppServices

    package init(approval: Approval, db: any Database, services: AppServices) {
        self.approval = approval
        self.db = db
        self.services = services
    }
}

public struct ApprovalOutcomeHandlers: Sendable {
    public typealias Handler = @Sendable (ApprovalOutcome) async throws -> Void
    private var handlers: [String: Handler] = [:]

    public init() {}

    /// A module registers its handler for its subject type (e.g. "complaint_decision") in `configure`.
    public mutating func register(subjectType: String, _ handler: @escaping Handler) {
        handlers[subjectType] = handler
    }

    package func handler(for subjectType: String) -> Handler? { handlers[subjectType] }
}

/// A module's extra check before one of its steps is decided, beyond role and department (e.g. SWP-02:
/// a swap's step is decided by the leader of that party's own team). Throws to refuse the decision.
public struct ApprovalGuards: Sendable {
    public typealias Guard = @Sendable (Approval, StaffUser, any Database) async throws -> Void
    private var guards: [String: Guard] = [:]

    public init() {}

    public mutating func register(subjectType: String, _ check: @escaping Guard) { guards[subjectType] = check }

    package func check(for subjectType: String) -> Guard? { guards[subjectType] }
}
