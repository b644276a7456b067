import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// What an approver reads about a leave request and a shift swap: who, what type, which days or shifts, why.
/// Both fit in an inbox row, so both may be decided there.
enum LeaveApprovalContexts {
    static func register(in contexts: inout ApprovalContexts) {
        contexts.register(subjectType: LeaveRequests.subjectType, leave)
        contexts.register(subjectType: ShiftSwaps.subjectType, swaps)
    }

    @Sendable static func leave(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let records = try await LeaveRequestRecord.query(on: asking.db).filter(\.$id ~~ approvals.map(\.subjectID)).all()
        let byID = Dictionary(records.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let names = try await CasePeople.names(of: records.flatMap { [$0.userID, $0.filedBy] }, db: asking.db)
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let record = byID[approval.subjectID] else { continue }
            contexts[approval.id] = leaveContext(record, approval: approval, names: names, asking)
        }
        return contexts
    }

    static func leaveContext(_ record: LeaveRequestRecord, approval: Approval, names: [UUID: String], _ asking: ApprovalContextRequest) -> ApprovalContext {
        let req = asking.req
        let who = names[record.userID] ?? req.t("approvals.unknown_person")
        let type = req.t("leave.type.\(record.type)")
        let period = DisplayTime.period(record.startsAt, record.endsAt, req)
        // Who, what type and when are the summary line; the facts add what it does not say.
        var facts = [ApprovalFact(label: req.t("leave.days"), value: req.t("approvals.unit.days", [record.days])),
                     ApprovalFact(label: req.t("leave.reason"), value: record.reason)]
        if record.filedBy != record.userID {
            facts.append(ApprovalFact(label: req.t("leave.filed_by"), value: names[record.filedBy] ?? req.t("approvals.unknown_person")))
        }
        if record.emergency {
            facts.append(ApprovalFact(label: req.t("approvals.leave.circumstance"), value: req.t("approvals.leave.emergency")))
        } else if record.special {
            facts.append(ApprovalFact(label: req.t("approvals.leave.circumstance"), value: req.t("approvals.leave.special")))
        }
        if record.certificateNeeded {
            facts.append(ApprovalFact(label: req.t("leave.certificate"),
                                      value: record.certificateInstitution ?? req.t("approvals.leave.certificate_due")))
        }
        // The band of `leave.approval_by_days` that chose this approver (unless the rulebook changed since).
        var band: String?
        if let type = LeaveType(rawValue: record.type), let days = Decimal(string: record.days),
           let chosen = LeaveApprovalChain.band(rules: asking.services.rulebook.leave, type: type, days: days),
           chosen.role == approval.steps.first?.role {
            band = ApprovalRuleWords.band(chosen, unit: .days, req)
        }
        return ApprovalContext(summary: [type, who, period].joined(separator: " · "), facts: facts, decidableInRow: true,
                               object: req.t("approvals.leave.object", [who, period, type]), band: band, link: "/leave/\(record.id!)")
    }

    @Sendable static func swaps(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let req = asking.req
        let records = try await ShiftSwapRecord.query(on: asking.db).filter(\.$id ~~ approvals.map(\.subjectID)).all()
        let byID = Dictionary(records.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let parties = records.flatMap { [$0.requesterID, $0.counterpartID] }
        // SWP-02: each step is the team leader of that step's party, not any leader of the department.
        let leaders = try await TeamLeaders.of(parties, db: asking.db)
        let names = try await CasePeople.names(of: parties + Array(leaders.values), db: asking.db)
        let roster = RosterRepository(db: asking.db)
        let entries = try await roster.entries(ids: records.flatMap(\.rosterIDs))
        let shiftNames = Dictionary(try await roster.templates().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        func shift(_ id: UUID?) -> String? {
            guard let id, let entry = entries[id] else { return nil }
            return DisplayTime.period(entry.startsAt, entry.endsAt, req) + (shiftNames[entry.shiftTemplateID].map { " " + $0 } ?? "")
        }
        let reader = req.staff?.id
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let record = byID[approval.subjectID] else { continue }
            let requester = names[record.requesterID] ?? req.t("approvals.unknown_person")
            let counterpart = names[record.counterpartID] ?? req.t("approvals.unknown_person")
            let swapDay = DisplayTime.day(text: record.swapDate, req)
            var facts: [ApprovalFact] = []
            if let mine = shift(record.requesterRosterID) { facts.append(ApprovalFact(label: req.t("swap.swap_shift"), value: mine)) }
            if let theirs = shift(record.counterpartRosterID) { facts.append(ApprovalFact(label: req.t("swap.counterpart_shift"), value: theirs)) }
            if let back = shift(record.returnRosterID) { facts.append(ApprovalFact(label: req.t("swap.return_shift"), value: back)) }
            facts.append(ApprovalFact(label: req.t("swap.reason"), value: record.reason))
            var context = ApprovalContext(summary: req.t("approvals.swap.summary", [requester, counterpart, swapDay]), facts: facts,
                                          decidableInRow: true, object: req.t("approvals.swap.object", [requester, counterpart, swapDay]),
                                          link: "/shift-swaps/\(record.id!)/print")
            if let step = approval.currentStep {
                let party = step.position == 0 ? record.requesterID : record.counterpartID
                if let leader = leaders[party] {
                    context.decidedOnlyBy = req.t("approvals.swap.decided_by", [names[party] ?? "", names[leader] ?? ""])
                    context.readerMayDecide = leader == reader
                }
            }
            contexts[approval.id] = context
        }
        return contexts
    }
}
