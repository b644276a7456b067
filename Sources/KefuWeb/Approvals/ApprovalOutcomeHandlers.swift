import FluentKit
import KefuDomain

/// What happens to a module's subject when its approval finishes (approved, rejected or withdrawn).
/// Runs inside the deciding transaction, so the subject and the approval change together or not at all.
public struct ApprovalOutcome: Sendable {
    public let approval: Approval
    public let db: any Database
    public let services: AppServices
}

public struct ApprovalOutcomeHandlers: Sendable {
    public typealias Handler = @Sendable (ApprovalOutcome) async throws -> Void
    private var handlers: [String: Handler] = [:]

    public init() {}

    /// A module registers its handler for its subject type (e.g. "complaint_decision") in `configure`.
    public mutating func register(subjectType: String, _ handler: @escaping Handler) {
        handlers[subjectType] = handler
    }

    func handler(for subjectType: String) -> Handler? { handlers[subjectType] }
}
