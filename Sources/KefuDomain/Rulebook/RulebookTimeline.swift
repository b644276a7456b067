import Foundation

/// GOV-02: the rulebooks over time. The start-up file (or the defaults) is the baseline; a version an
/// administrator stored wins from its effective instant on. Picking by instant (not by "latest loaded")
/// is what makes a scheduled version take effect exactly on time on every node that has loaded it.
public struct RulebookTimeline: Sendable {
    /// A stored version: its row, when it takes effect and the rules it carries.
    public struct Stored: Sendable {
        public let id: UUID
        public let effectiveAt: Date
        public let rulebook: Rulebook

        public init(id: UUID, effectiveAt: Date, rulebook: Rulebook) {
            self.id = id; self.effectiveAt = effectiveAt; self.rulebook = rulebook
        }
    }

    /// Why a rulebook is the one in force.
    public enum Source: Sendable, Equatable {
        /// The start-up file (`--rulebook` / `KEFU_RULEBOOK`), or the defaults without one.
        case baseline
        /// A version stored in the database, in force since `effectiveAt`.
        case stored(id: UUID, effectiveAt: Date)
    }

    public var baseline: Rulebook
    /// Ascending by effective instant (ties: the later-listed wins).
    public private(set) var stored: [Stored]

    public init(baseline: Rulebook, stored: [Stored] = []) {
        self.baseline = baseline
        self.stored = stored.sorted { $0.effectiveAt < $1.effectiveAt }
    }

    public mutating func replaceStored(_ versions: [Stored]) {
        stored = versions.sorted { $0.effectiveAt < $1.effectiveAt }
    }

    /// The rulebook in force at `instant` and why.
    public func inForce(at instant: Date) -> (rulebook: Rulebook, source: Source) {
        guard let latest = stored.last(where: { $0.effectiveAt <= instant }) else { return (baseline, .baseline) }
        return (latest.rulebook, .stored(id: latest.id, effectiveAt: latest.effectiveAt))
    }

    /// Versions that take effect after `instant`, soonest first.
    public func upcoming(after instant: Date) -> [Stored] {
        stored.filter { $0.effectiveAt > instant }
    }
}
