import FluentKit
import KefuDomain

/// A clock crossed its warning point or its due time; modules register what to do per clock kind
/// (e.g. complaints escalate an undispatched complaint to the CS director, CMP-22).
public struct DeadlineEvent: Sendable {
    public enum Kind: String, Sendable { case warning, breach }
    public let kind: Kind
    public let clock: DeadlineClock
    public let db: any Database
    public let services: AppServices

    package init(kind: Kind, clock: DeadlineClock, db: any Database, services: AppServices) {
        self.kind = kind
        self.clock = clock
        self.db = db
        self.services = services
    }
}

public struct DeadlineEscalations: Sendable {
    public typealias Handler = @Sendable (DeadlineEvent) async throws -> Void
    private var handlers: [String: Handler] = [:]

    public init() {}

    public mutating func register(kind: String, _ handler: @escaping Handler) { handlers[kind] = handler }

    package func handler(for kind: String) -> Handler? { handlers[kind] }
}
