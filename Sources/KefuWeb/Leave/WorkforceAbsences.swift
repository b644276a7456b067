import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The scheduled check (run with the deadline scan) that turns absences into 旷工:
/// - LV-05 / LV-23: leave that was still not approved (pending or rejected) when it ended, while the person
///   missed a rostered shift in it;
/// - SWP-07: a swapped shift nobody signed into — the person who took it over is responsible.
/// Each request or swap is looked at once (`checked_at` set-if-null), so two runs never count twice.
struct WorkforceAbsences {
    let db: any Database
    let services: AppServices

    static let batch = 200

    @discardableResult
    func run(now: Date) async throws -> Int {
        let leave = try await unapprovedLeave(now: now)
        return leave + (try await missedSwaps(now: now))
    }

    func unapprovedLeave(now: Date) async throws -> Int {
        let due = try await LeaveRequestRecord.query(on: db).filter(\.$state ~~ ["pending", "rejected"]).filter(\.$endsAt <= now)
            .filter(\.$checkedAt == nil).sort(\.$endsAt).limit(Self.batch).all()
        var counted = 0
        for record in due {
            let missed = try await missedShifts(of: record.userID, from: record.startsAt, to: record.endsAt)
            let marked = try await db.transaction { db -> Bool in
                guard try await VersionGuard.setIfNull(db, table: LeaveRequestRecord.schema, column: "checked_at", id: record.id!, to: now) else { return false }
                guard let first = missed.first else { return false }
                _ = try await VersionGuard.setIfNull(db, table: LeaveRequestRecord.schema, column: "absenteeism_at", id: record.id!, to: now)
                try await LeaveFines(db: db, services: services).absenteeism(userID: record.userID, at: first.startsAt, note: "LV-05 leave \(record.id!)")
                try await tell(record.userID, about: "leave.absenteeism", link: "/leave/\(record.id!)", subject: (LeaveRequests.subjectType, record.id!), db: db)
                try await WorkforceAudit(db: db, services: services).record(record.id!, LeaveRequests.subjectType, nil, "leave.absenteeism",
                                                                           "\(missed.count) shift(s) missed, leave \(record.state)", ruleKey: "fines.absenteeism_day_pay_multiple")
                return true
            }
            if marked { counted += 1 }
        }
        return counted
    }

    func missedSwaps(now: Date) async throws -> Int {
        let today = services.rulebook.calendar.localDate(of: now).description
        let due = try await ShiftSwapRecord.query(on: db).filter(\.$state == "approved").filter(\.$returnDate < today)
            .filter(\.$checkedAt == nil).sort(\.$returnDate).limit(Self.batch).all()
        var counted = 0
        for swap in due {
            let entries = try await RosterEntryRecord.query(on: db).filter(\.$id ~~ [swap.requesterRosterID, swap.returnRosterID ?? swap.counterpartRosterID]).all()
            let signed = Set(try await RosterRepository(db: db).attendance(rosterEntryIDs: entries.compactMap(\.id)).map(\.rosterEntryID))
            let missed = entries.filter { $0.endsAt <= now && !signed.contains($0.id!) }
            let marked = try await db.transaction { db -> Bool in
                guard try await VersionGuard.setIfNull(db, table: ShiftSwapRecord.schema, column: "checked_at", id: swap.id!, to: now) else { return false }
                guard let first = missed.first else { return false }
                swap.missedUserID = first.userID
                swap.checkedAt = now
                swap.version += 1
                try await swap.save(on: db)
                for entry in missed {
                    try await LeaveFines(db: db, services: services).absenteeism(userID: entry.userID, at: entry.startsAt, note: "SWP-07 swap \(swap.id!)")
                    try await tell(entry.userID, about: "shift_swap.missed", link: "/shift-swaps/\(swap.id!)/print", subject: (ShiftSwaps.subjectType, swap.id!), db: db)
                }
                try await WorkforceAudit(db: db, services: services).record(swap.id!, ShiftSwaps.subjectType, nil, "shift_swap.missed",
                                                                           missed.map(\.shiftDate).joined(separator: ","), ruleKey: nil)
                return true
            }
            if marked { counted += 1 }
        }
        return counted
    }

    /// Rostered shifts in `from..<to` that ended without a sign-in.
    func missedShifts(of userID: UUID, from: Date, to: Date) async throws -> [RosterEntryRecord] {
        let entries = try await LeaveFacts(db: db, services: services).entries(userID: userID, start: from, end: to)
        let signed = Set(try await RosterRepository(db: db).attendance(rosterEntryIDs: entries.compactMap(\.id)).map(\.rosterEntryID))
        return entries.filter { !signed.contains($0.id!) }
    }

    /// The person and their team leader hear of the 旷工.
    func tell(_ userID: UUID, about kind: String, link: String, subject: (String, UUID), db: any Database) async throws {
        let leader = try await TeamLeaders.of([userID], db: db)[userID]
        _ = try await Notifier(db: db, services: services).notify([userID] + (leader.map { [$0] } ?? []), .init(
            kind: kind, titleKey: "notice.\(kind.replacingOccurrences(of: ".", with: "_"))", titleArgument: "", link: link,
            subjectType: subject.0, subjectID: subject.1, dedupeKey: "\(kind):\(subject.1):\(userID)"))
    }
}
