import Foundation

/// An after-sales service job (售后服务) belonging to a customer-service case.
///
/// A value type: every state change goes through a mutating method (see
/// `ServiceJob+Transitions.swift`) that validates first and mutates only on success,
/// then bumps `version` so the repository can detect concurrent edits (optimistic locking).
public struct ServiceJob: Codable, Equatable, Sendable, Identifiable {
    public let id: UUID
    public let caseID: UUID
    /// Starts at 1 and grows by 1 on each successful change.
    public internal(set) var version: Int
    public let category: ServiceCategory
    public let entry: ServiceRegisterEntry
    /// 異地服務 (SRV-11/12).
    public let isOffsite: Bool
    public internal(set) var offsiteApproval: OffsiteApproval
    public internal(set) var status: ServiceJobStatus
    public let registeredAt: Date
    /// Local day of registration in the center's time zone (SRV-10).
    public let registeredOn: LocalDay
    public internal(set) var updatedAt: Date

    /// SRV-03/04.
    public internal(set) var assigneeID: UUID?
    public internal(set) var dispatchedBy: UUID?
    public internal(set) var dispatchedAt: Date?
    public internal(set) var serviceStartedAt: Date?
    /// SRV-05/08/09.
    public internal(set) var voucher: ServiceVoucher?
    /// SRV-06/07; set only for paid jobs when the voucher is recorded.
    public internal(set) var feeSettlement: FeeSettlement?
    /// SRV-12.
    public internal(set) var costs: [ServiceCost]
    public internal(set) var filedAt: Date?
    public internal(set) var cancelReason: String?
    public internal(set) var cancelledAt: Date?

    /// Registers a job (SRV-02). Off-site jobs start in `awaiting_offsite_approval` with a
    /// pending application (SRV-11); others start `registered`.
    ///
    /// - Parameter timeZone: the service center's zone, fixing `registeredOn` (SRV-10).
    /// - Throws: `.validation(fields:)` with the keys of `ServiceRegisterEntry.validate(today:)`.
    public static func register(
        id: UUID = UUID(), caseID: UUID, category: ServiceCategory,
        entry: ServiceRegisterEntry, isOffsite: Bool, at now: Date, timeZone: TimeZone
    ) throws -> ServiceJob {
        let today = LocalDay(date: now, timeZone: timeZone)
        let errors = entry.validate(today: today)
        guard errors.isEmpty else { throw DomainError.validation(fields: errors) }
        return ServiceJob(
            id: id, caseID: caseID, version: 1, category: category, entry: entry,
            isOffsite: isOffsite, offsiteApproval: isOffsite ? .pending : .notRequired,
            status: isOffsite ? .awaitingOffsiteApproval : .registered,
            registeredAt: now, registeredOn: today, updatedAt: now,
            costs: [])
    }

    /// SRV-10: a job not dispatched by the end of its registration day gets priority
    /// dispatch from the next calendar day on (weekends are not skipped: a job registered
    /// on Friday is flagged on Saturday).
    public static func needsPriorityDispatch(
        registeredOn: LocalDay, today: LocalDay, dispatched: Bool
    ) -> Bool {
        !dispatched && today > registeredOn
    }

    /// SRV-10 on this job's state. Only `registered` jobs are flagged: jobs waiting for
    /// off-site approval cannot be dispatched yet, and later states are dispatched.
    public func needsPriorityDispatch(today: LocalDay) -> Bool {
        status == .registered
            && Self.needsPriorityDispatch(registeredOn: registeredOn, today: today, dispatched: false)
    }

    /// SRV-10 for an instant, in the center's time zone.
    public func needsPriorityDispatch(at now: Date, timeZone: TimeZone) -> Bool {
        needsPriorityDispatch(today: LocalDay(date: now, timeZone: timeZone))
    }

    /// SRV-12 total of booked cost lines.
    public var costTotal: Decimal { ServiceCost.total(costs) }

    /// Applies a change: sets the timestamp and bumps the version.
    mutating func touch(_ now: Date) {
        version += 1
        updatedAt = now
    }

    /// The error for a move the state machine does not allow.
    func illegal(_ target: ServiceJobStatus) -> DomainError {
        .invalidTransition(from: status.rawValue, to: target.rawValue)
    }
}
