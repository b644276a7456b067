import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// What the roster grid marks on a week: entries that changed hands through an approved swap (SWP) and
/// entries covered by approved leave (LV) — so the grid shows who actually works.
struct RosterChanges {
    let db: any Database
    let services: AppServices

    struct Week {
        var swapped: Set<UUID>
        var leave: [LeaveRequestRecord]

        func onLeave(entry: RosterEntryRecord) -> Bool {
            leave.contains { $0.userID == entry.userID && $0.startsAt < entry.endsAt && $0.endsAt > entry.startsAt }
        }
    }

    func of(from: LocalDate, to: LocalDate) async throws -> Week {
        let calendar = services.rulebook.calendar
        let swaps = try await ShiftSwapRecord.query(on: db).filter(\.$state == "approved").group(.or) {
            $0.group(.and) { $0.filter(\.$swapDate >= from.description).filter(\.$swapDate <= to.description) }
                .group(.and) { $0.filter(\.$returnDate >= from.description).filter(\.$returnDate <= to.description) }
        }.limit(500).all()
        var swapped = Set<UUID>()
        for swap in swaps {
            swapped.insert(swap.requesterRosterID)
            swapped.insert(swap.returnRosterID ?? swap.counterpartRosterID)
        }
        let leave = try await LeaveRequestRecord.query(on: db).filter(\.$state == "approved")
            .filter(\.$startsAt < calendar.startOfDay(QualityPeriod.adding(1, to: to))).filter(\.$endsAt > calendar.startOfDay(from))
            .limit(1_000).all()
        return Week(swapped: swapped, leave: leave)
    }
}
