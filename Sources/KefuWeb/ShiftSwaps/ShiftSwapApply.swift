import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The end of a swap's approval: the swap's state follows it and, once approved, the roster entries change
/// hands so the roster, "who is on duty" and the handover log show who actually works (SWP-02, SHF-05).
struct ShiftSwapApply {
    let db: any Database
    let services: AppServices

    func finish(_ approval: Approval) async throws {
        guard let record = try await ShiftSwapRecord.query(on: db).filter(\.$approvalID == approval.id).first(), record.state == "pending" else { return }
        record.state = approval.state.rawValue
        record.version += 1
        if approval.state == .approved {
            let roster = RosterRepository(db: db)
            guard let mine = try await roster.entry(record.requesterRosterID), let giveBack = try await roster.entry(record.returnRosterID ?? record.counterpartRosterID),
                  mine.userID == record.requesterID, giveBack.userID == record.counterpartID else {
                throw DomainError.conflict(reason: "error.swap.roster_changed")
            }
            let checks = ShiftSwapChecks(db: db, services: services)
            try await checks.notBackToBack(record.counterpartID, takes: mine, leaving: record.returnRosterID == nil ? giveBack.id : nil)
            try await checks.notBackToBack(record.requesterID, takes: giveBack, leaving: mine.id)
            mine.userID = record.counterpartID
            giveBack.userID = record.requesterID
            for entry in [mine, giveBack] {
                entry.version += 1
                try await entry.save(on: db)
            }
            record.appliedAt = services.now().roundedToMilliseconds
        }
        try await record.save(on: db)
        try await WorkforceAudit(db: db, services: services).record(record.id!, ShiftSwaps.subjectType, nil, "shift_swap.\(record.state)",
                                                                   record.swapDate, ruleKey: approval.ruleKey)
    }

    /// SWP-02: a step is decided by the team leader of that step's party (step 0 the requester, step 1 the
    /// counterpart) — the role and department of the step are not enough when one department has many teams.
    /// A party without a team leader falls back to the step's role and department.
    static func checkLeader(_ approval: Approval, decider: StaffUser, db: any Database) async throws {
        guard let step = approval.currentStep, let record = try await ShiftSwapRecord.find(approval.subjectID, on: db) else { return }
        let party = step.position == 0 ? record.requesterID : record.counterpartID
        guard let leader = try await TeamLeaders.of([party], db: db)[party] else { return }
        if leader != decider.id {
            throw Failure(status: .forbidden, code: "forbidden", messageKey: "error.swap.not_parties_leader", rule: "shift_swap.both_parties_approve")
        }
    }
}
