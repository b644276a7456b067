import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Who can take work now (roster-aware assignment, SHF-19): the people whose rostered shift covers an
/// instant. `unavailable(userID:at:)` is the one seam for absences: off shift or on approved leave (LV) is
/// unavailable; an approved shift swap (SWP) moves the roster entry itself, so the roster already knows.
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

    /// Approved leave covering `at` (LV): a person on leave is never suggested for work.
    func onLeave(userID: UUID, at: Date) async throws -> Bool {
        try await LeaveRequestRecord.query(on: db).filter(\.$userID == userID).filter(\.$state == "approved")
            .filter(\.$startsAt <= at).filter(\.$endsAt > at).first() != nil
    }
}
