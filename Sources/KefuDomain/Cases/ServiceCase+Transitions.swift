import Foundation

/// The status machine of API.md (CHN-19: 受理 → 解决 → 回复 → 反馈). Every move that the current
/// status does not allow throws `invalidTransition` (409 at the API).
extension ServiceCase {
    /// Assigns (or reassigns) the case; the first-contact owner stays (CHN-12).
    public mutating func assign(to assignee: UUID) throws {
        guard status.isOpen else { throw transition(to: "assigned") }
        assigneeID = assignee
        if status == .new { status = .assigned }
        version += 1
    }

    /// Work by the assignee (a note, a reply to the customer) moves an assigned case into progress.
    public mutating func recordWork(by userID: UUID) {
        guard status == .assigned, userID == assigneeID else { return }
        status = .inProgress
        version += 1
    }

    /// Waiting for the customer (business clocks stop).
    public mutating func pause() throws {
        guard status == .inProgress || status == .assigned else { throw transition(to: CaseStatus.pendingCustomer.rawValue) }
        status = .pendingCustomer
        version += 1
    }

    public mutating func resume() throws {
        guard status == .pendingCustomer else { throw transition(to: CaseStatus.inProgress.rawValue) }
        status = .inProgress
        version += 1
    }

    /// Resolving is allowed from assigned, in progress and pending customer.
    public mutating func resolve(at now: Date) throws {
        guard [.assigned, .inProgress, .pendingCustomer].contains(status) else { throw transition(to: CaseStatus.resolved.rawValue) }
        status = .resolved
        resolvedAt = now
        version += 1
    }

    /// Only a resolved case is closed.
    public mutating func close(at now: Date) throws {
        guard status == .resolved else { throw transition(to: CaseStatus.closed.rawValue) }
        status = .closed
        closedAt = now
        version += 1
    }

    /// A resolved or closed case is opened again: back to its assignee's work, or to the queue.
    public mutating func reopen() throws {
        guard status == .resolved || status == .closed else { throw transition(to: "reopened") }
        status = assigneeID == nil ? .new : .inProgress
        resolvedAt = nil
        closedAt = nil
        version += 1
    }

    private func transition(to target: String) -> DomainError {
        .invalidTransition(from: status.rawValue, to: target)
    }
}
