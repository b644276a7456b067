import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Requesting a shift swap (换班, REQUIREMENTS §13). The requester gives up their shift R to the counterpart
/// and works the counterpart's shift C instead (a straight exchange) or, with `return_roster_id`, that later
/// shift of the counterpart (还班). Checked before any approval: holiday duty (SWP-11), same job type and
/// comparable grade/skill (SWP-06), at most `max_per_month` (SWP-03), no consecutive swaps (SWP-04), no
/// back-to-back shifts for either party (SWP-05). Then both parties' team leaders approve (SWP-02).
struct ShiftSwaps {
    let db: any Database
    let services: AppServices

    static let subjectType = "shift_swap"
    var rules: ShiftSwapRules { services.rulebook.shiftSwap }

    func request(_ input: CreateShiftSwapRequest, by staff: StaffUser) async throws -> ShiftSwapRecord {
        var errors = FieldErrors()
        let mineID = errors.require(input.requesterRosterID, "requester_roster_id")
        let theirsID = errors.require(input.counterpartRosterID, "counterpart_roster_id")
        let reason = errors.text(input.reason, "reason", limit: 500)
        try errors.check()
        let now = services.now().roundedToMilliseconds
        return try await db.transaction { db in
            let roster = RosterRepository(db: db)
            guard let mine = try await roster.entry(mineID!) else { throw DomainError.validation(fields: ["requester_roster_id": "error.field.invalid_value"]) }
            guard let theirs = try await roster.entry(theirsID!) else { throw DomainError.validation(fields: ["counterpart_roster_id": "error.field.invalid_value"]) }
            guard mine.userID == staff.id else { throw DomainError.forbidden(reason: "error.swap.not_your_shift") }
            guard theirs.userID != staff.id else { throw DomainError.validation(fields: ["counterpart_roster_id": "error.swap.same_person"]) }
            var giveBack = theirs
            if let returnID = input.returnRosterID {
                guard let entry = try await roster.entry(returnID), entry.userID == theirs.userID, entry.id != theirs.id else {
                    throw DomainError.validation(fields: ["return_roster_id": "error.swap.return_not_counterparts"])
                }
                giveBack = entry
            }
            guard mine.startsAt > now, giveBack.startsAt > now else { throw DomainError.validation(fields: ["requester_roster_id": "error.swap.past_shift"]) }
            let people = try await UserRepository(db: db).find(ids: [mine.userID, theirs.userID])
            guard let requester = people.first(where: { $0.id == mine.userID }), let counterpart = people.first(where: { $0.id == theirs.userID }),
                  counterpart.active else { throw DomainError.validation(fields: ["counterpart_roster_id": "error.field.unknown_user"]) }
            let check = ShiftSwapChecks(db: db, services: services)
            let entries = [mine, theirs] + (giveBack.id == theirs.id ? [] : [giveBack])
            try await check.holidayDuty(entries)
            try check.partners(requester, counterpart)
            try await check.notSwapped(entries)
            for person in [requester.id!, counterpart.id!] {
                try await check.monthlyLimit(person, date: mine.shiftDate)
                try await check.notConsecutive(person, date: mine.shiftDate)
            }
            // SWP-05: the counterpart works R, the requester works the return shift; neither back to back.
            try await check.notBackToBack(counterpart.id!, takes: mine, leaving: giveBack.id == theirs.id ? theirs.id : nil)
            try await check.notBackToBack(requester.id!, takes: giveBack, leaving: mine.id)
            let record = ShiftSwapRecord()
            record.id = services.newID()
            record.requesterID = requester.id!
            record.counterpartID = counterpart.id!
            record.requesterTeamID = requester.teamID
            record.counterpartTeamID = counterpart.teamID
            record.requesterRosterID = mine.id!
            record.counterpartRosterID = theirs.id!
            record.returnRosterID = giveBack.id == theirs.id ? nil : giveBack.id
            record.swapDate = mine.shiftDate
            record.returnDate = max(mine.shiftDate, giveBack.shiftDate)
            record.month = String(mine.shiftDate.prefix(7))
            record.reason = reason
            record.state = "pending"
            record.createdAt = now
            record.version = 1
            try await record.create(on: db)
            var steps = [ApprovalStepSpec(role: rules.approverRole, departmentID: requester.departmentID)]
            if rules.bothPartiesApprove { steps.append(ApprovalStepSpec(role: rules.approverRole, departmentID: counterpart.departmentID)) }
            let approval = try await ApprovalEngine(db: db, services: services).start(
                chain: ApprovalChain(steps: steps, ruleKey: "shift_swap.both_parties_approve"), subjectType: Self.subjectType,
                subjectID: record.id!, requestedBy: requester.id!, requesterName: requester.displayName)
            record.approvalID = approval.id
            try await record.save(on: db)
            try await WorkforceAudit(db: db, services: services).record(record.id!, Self.subjectType, staff, "shift_swap.requested",
                                                                       "\(requester.username) ⇄ \(counterpart.username) \(record.swapDate)", ruleKey: "shift_swap.max_per_month")
            return record
        }
    }

    /// The requester withdraws a pending swap; its approval is withdrawn with it.
    func withdraw(_ id: UUID, by staff: StaffUser) async throws -> ShiftSwapRecord {
        try await db.transaction { db in
            guard let record = try await ShiftSwapRecord.find(id, on: db), record.requesterID == staff.id else { throw DomainError.notFound(subject: "shift_swap") }
            guard record.state == "pending" else { throw DomainError.invalidTransition(from: record.state, to: "withdrawn") }
            try await VersionGuard.claim(db, table: ShiftSwapRecord.schema, id: id, expected: record.version)
            try await ApprovalEngine.withdrawWithSubject(record.approvalID, db: db, at: services.now())
            record.state = "withdrawn"
            record.version += 1
            try await record.save(on: db)
            try await WorkforceAudit(db: db, services: services).record(id, Self.subjectType, staff, "shift_swap.withdrawn", "", ruleKey: nil)
            return record
        }
    }
}
