import Foundation
import KefuDomain


/// The node's copy of the rulebook timeline (GOV-02), shared by every copy of `AppServices`. Reads take a
/// lock for a few instructions; the stored versions are replaced wholesale by `RulebookVersions.reload`.
public final class RulebookRegistry: Sendable {
    private let timeline: LockedValue<RulebookTimeline>
    /// Parsed stored versions by row id and content hash: a reload parses only what it has not seen.
    private let parsed = LockedValue<[UUID: RulebookTimeline.Stored]>([:])

    public init(baseline: Rulebook) {
        timeline = LockedValue(RulebookTimeline(baseline: baseline))
    }

    public func inForce(at instant: Date) -> (rulebook: Rulebook, source: RulebookTimeline.Source) {
        timeline.withLockedValue { $0.inForce(at: instant) }
    }

    public var baseline: Rulebook { timeline.withLockedValue { $0.baseline } }

    public func upcoming(after instant: Date) -> [RulebookTimeline.Stored] {
        timeline.withLockedValue { $0.upcoming(after: instant) }
    }

    /// Tests and the start-up path replace the baseline (e.g. `app.services.rulebook.leave.x = …`).
    public func setBaseline(_ rulebook: Rulebook) {
        timeline.withLockedValue { $0.baseline = rulebook }
    }

    package func cached(_ id: UUID) -> RulebookTimeline.Stored? { parsed.withLockedValue { $0[id] } }

    /// Installs the complete list of stored versions in force or scheduled (cancelled ones left out).
    package func replaceStored(_ versions: [RulebookTimeline.Stored]) {
        parsed.withLockedValue { cache in cache = Dictionary(versions.map { ($0.id, $0) }, uniquingKeysWith: { $1 }) }
        timeline.withLockedValue { $0.replaceStored(versions) }
    }
}
