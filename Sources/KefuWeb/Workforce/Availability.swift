import FluentKit
import Fluent
import Foundation
import KefuDomain
import KefuStore

/// Who can take work now (roster-aware assignment, SHF-19): the people whose rostered shift covers an
/// instant. `unavailable(userID:at:)` is the one seam for absences: today it knows only the roster (off
/// shift = unavailable); leave requests (LV) and shift swaps (SWP) plug in here, so suggestions and the
/// board follow them without change.
struct Availability {
    let db: any Database

    /// The roster entries on duty at `at`, optionally of one team.
    func onDuty(at: Date, teamID: UUID? = nil) async throws -> [RosterEntryRecord] {
        var entries = try await RosterRepository(db: db).covering(at, teamID: teamID)
        var seen = Set<UUID>()
        entries = entries.filter { seen.insert($0.userID).inserted }
        var available: [RosterEntryRecord] = []
        for entry in entries {
            if try await onLeave(userID: entry.userID, at: at) { continue }
            available.append(entry)
        }
        return available
    }

    /// True when `userID` must not be suggested for work at `at`: not rostered then, or away.
    func unavailable(userID: UUID, at: Date) async throws -> Bool {
        if try await onLeave(userID: userID, at: at) { return true }
        return try await RosterRepository(db: db).covering(at, userID: userID).isEmpty
    }

    /// Approved leave covering `at`. No leave module exists yet: LV wires its approved leave in here.
    func onLeave(userID: UUID, at: Date) async throws -> Bool { false }
}
