import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Roster-aware assignment (SHF-19): who is on duty orders the case page's assignee list and the
/// team-leader board. People away (`Availability.onLeave`, leave requests later) are never suggested.
struct RosterSuggestions {
    let db: any Database

    /// The people on duty at `at`.
    func onDuty(at: Date) async throws -> Set<UUID> {
        Set(try await Availability(db: db).onDuty(at: at).map(\.userID))
    }

    /// On-duty people first (keeping the skill/load order within each group); people on leave dropped,
    /// except `keep` (the current assignee stays selectable so the form shows the truth).
    func order(_ ranked: [CaseRouting.Candidate], onDuty: Set<UUID>, at: Date, keep: UUID?) async throws -> [CaseRouting.Candidate] {
        let availability = Availability(db: db)
        var present: [CaseRouting.Candidate] = []
        for candidate in ranked {
            if candidate.userID != keep, try await availability.onLeave(userID: candidate.userID, at: at) { continue }
            present.append(candidate)
        }
        guard !onDuty.isEmpty else { return present }
        return present.filter { onDuty.contains($0.userID) } + present.filter { !onDuty.contains($0.userID) }
    }
}
