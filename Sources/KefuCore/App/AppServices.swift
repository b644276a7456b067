import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The services every route and job uses, set up once in `configure` (the composition root) and
/// replaceable in tests (`app.services.now = { .t0 }`).
public struct AppServices: Sendable {
    public var now: @Sendable () -> Date = AppClock.system
    /// GOV-02: the baseline and the stored versions; `rulebook` is the one in force now.
    public let rulebooks: RulebookRegistry
    /// The rulebook in force at `now()`: a version scheduled for an instant applies from that instant on.
    /// Setting it replaces the baseline (the start-up file), which tests use to change one key.
    public var rulebook: Rulebook {
        get { rulebooks.inForce(at: now()).rulebook }
        nonmutating set { rulebooks.setBaseline(newValue) }
    }
    public var localization: Localization
    public var metrics: KefuMetrics
    public var settings: Settings
    /// Modules register what happens to their subject when an approval finishes (by subject type).
    public var approvalOutcomes = ApprovalOutcomeHandlers()
    /// Modules may add a check before one of their steps is decided (SWP-02: the party's own team leader).
    public var approvalGuards = ApprovalGuards()
    /// Modules register the escalation for a breached clock (by clock kind).
    public var escalations = DeadlineEscalations()
    /// Whether an error means another writer holds the database's write lock (set by the web layer, which
    /// knows the driver); background writes retry on it (`WriteContention`).
    public var isWriteContention: @Sendable (any Error) -> Bool = { _ in false }
    /// SQLite's one write gate (requests that change data pass it one at a time); nil on PostgreSQL.
    package var writeGate: AsyncGate?
    /// Case openings written together (group commit, issue 22); nil: each is written in place.
    package var openCaseQueue: OpenCaseQueue?

    public init(rulebook: Rulebook, localization: Localization, metrics: KefuMetrics, settings: Settings) {
        self.rulebooks = RulebookRegistry(baseline: rulebook); self.localization = localization; self.metrics = metrics; self.settings = settings
    }

    /// A new row id, time-ordered by this app's clock (issue 22): new rows append to their indexes.
    public func newID() -> UUID { RowIDs.next(at: now()) }
}

