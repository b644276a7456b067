import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The written decision (书面问责决定, ACC-09) after the hearing (ACC-08) with sanctions from the
/// catalogue (ACC-07/24/36), the appeal within the window (ACC-10/26/35), its review, and recusal (ACC-28).
extension AccountabilityCases {
    func decide(_ file: AccountabilityFile, _ body: AccountabilityActionRequest, by staff: StaffUser, manages: Bool, state: AccountabilityState, now: Date) throws -> Outcome {
        let record = file.record
        guard manages else { throw Self.notAllowed }
        guard state.isBeforeDecision else { throw DomainError.invalidTransition(from: state.rawValue, to: "decided") }
        var errors = FieldErrors()
        let facts = errors.text(body.facts, "facts", limit: Self.textLimit)
        let reasons = errors.text(body.reasons, "reasons", limit: Self.textLimit)
        let basis = errors.text(body.basis, "basis", limit: Self.textLimit)
        let requested = body.sanctions ?? []
        if requested.isEmpty { errors.add("sanctions", "error.field.required") }
        let circumstances = try self.circumstances(body.circumstances, errors: &errors)
        try errors.check()
        try AccountabilityPolicy.requireHearing(persons: file.personIDs, heard: Set(file.entries("statement").compactMap(\.personID)),
                                                statements: file.entries("statement").count)
        let sanctions = try AccountabilityPolicy.sanctions(requested, rules: rules)
        let fine = try fineAmount(sanctions, body.fineAmount)
        let deadline = AccountabilityPolicy.appealDeadline(decidedAt: now, rules: rules, calendar: services.rulebook.calendar)
        record.decisionFacts = facts
        record.decisionReasons = reasons
        record.decisionBasis = basis
        record.sanctions = sanctions.map(\.rawValue).joined(separator: ",")
        record.fineAmount = fine
        record.decidedBy = staff.id
        record.decidedAt = now
        record.appealDeadline = deadline
        record.appealTo = rules.appealTo.rawValue
        record.state = AccountabilityState.decided.rawValue
        let entries = circumstances.map { item in
            item.caseID = record.id!; item.authorID = staff.id; item.createdAt = now
            return item
        }
        var outcome = Outcome(action: "accountability.decided", summary: "\(state.rawValue) → decided: \(record.sanctions ?? "")\(fine.map { " \($0)" } ?? "")",
                              ruleKey: AccountabilityPolicy.sanctionsRule, entries: entries)
        outcome.extraAudit.append((action: "accountability.appeal_deadline",
                                   summary: "appeal within \(rules.appealWithin) to \(rules.appealTo.rawValue), until \(Self.instant(deadline))",
                                   ruleKey: AccountabilityPolicy.appealRule))
        return outcome
    }

    /// A fine (罚款) needs its amount; other sanctions take none.
    private func fineAmount(_ sanctions: [AccountabilityRules.Sanction], _ input: MoneyInput?) throws -> String? {
        guard sanctions.contains(.fine) else {
            if input != nil { throw DomainError.validation(fields: ["fine_amount": "error.accountability.fine_without_fine"]) }
            return nil
        }
        guard let amount = input?.value else { throw DomainError.validation(fields: ["fine_amount": "error.field.required"]) }
        guard amount > 0, amount <= 1_000_000 else { throw DomainError.validation(fields: ["fine_amount": "error.field.invalid_value"]) }
        return MoneyInput.text(amount)
    }

    func appeal(_ file: AccountabilityFile, _ body: AccountabilityActionRequest, staff: StaffUser, state: AccountabilityState, now: Date) throws -> Outcome {
        let record = file.record
        // Only a person held to account may appeal their decision.
        guard file.isPerson(staff.id) else { throw Self.notAllowed }
        try state.require([.decided, .delivered], for: "appealed")
        var errors = FieldErrors()
        let reason = errors.text(body.reason, "reason", limit: Self.textLimit)
        try errors.check()
        try AccountabilityPolicy.requireWithinAppealWindow(now: now, deadline: record.appealDeadline ?? now)
        record.appealReason = reason
        record.appealedBy = staff.id
        record.appealedAt = now
        record.appealTo = rules.appealTo.rawValue
        // ACC-35: by default the decision stays in force while it is reviewed (复核期间不停止执行).
        record.decisionInForce = !rules.appealSuspendsDecision
        record.state = AccountabilityState.appealed.rawValue
        var outcome = Outcome(action: "accountability.appealed", summary: "\(state.rawValue) → appealed, to \(rules.appealTo.rawValue)",
                              ruleKey: AccountabilityPolicy.appealRule)
        outcome.extraAudit.append((action: rules.appealSuspendsDecision ? "accountability.decision_suspended" : "accountability.decision_in_force",
                                   summary: rules.appealSuspendsDecision ? "suspended during review" : "stays in force during review",
                                   ruleKey: AccountabilityPolicy.suspendsRule))
        return outcome
    }

    func review(_ file: AccountabilityFile, _ body: AccountabilityActionRequest, viewer: AccountabilityViewer, state: AccountabilityState,
                now: Date) throws -> Outcome {
        let record = file.record
        // The reviewer role comes from the rulebook at the time of the review; nobody reviews their own case.
        guard viewer.isReviewer, !file.isPerson(viewer.staff.id) else { throw DomainError.forbidden(reason: "error.accountability.reviewer_only") }
        try state.require([.appealed], for: "reviewed")
        var errors = FieldErrors()
        let outcome = errors.require(body.outcome, "outcome")
        let comment = errors.text(body.comment, "comment", limit: Self.textLimit)
        if outcome == .corrected, (body.sanctions ?? []).isEmpty { errors.add("sanctions", "error.field.required") }
        try errors.check()
        var corrected: [AccountabilityRules.Sanction]?
        if outcome == .corrected {
            let sanctions = try AccountabilityPolicy.sanctions(body.sanctions ?? [], rules: rules)
            record.fineAmount = try fineAmount(sanctions, body.fineAmount)
            corrected = sanctions
        }
        record.reviewOutcome = outcome!.rawValue
        record.reviewComment = comment
        record.correctedSanctions = corrected.map { $0.map(\.rawValue).joined(separator: ",") }
        record.reviewedBy = viewer.staff.id
        record.reviewedAt = now
        record.decisionInForce = true
        record.state = AccountabilityState.reviewed.rawValue
        return Outcome(action: "accountability.reviewed", summary: "appealed → reviewed: \(outcome!.rawValue)\(record.correctedSanctions.map { " \($0)" } ?? "")",
                       ruleKey: AccountabilityPolicy.appealToRule)
    }

    /// ACC-28: an investigator with an interest in the case steps aside and is replaced.
    func recuse(_ file: AccountabilityFile, _ body: AccountabilityActionRequest, allowed: Bool, state: AccountabilityState,
                entry: (String, UUID?, String, String?, UUID?) -> AccountabilityEntryRecord) async throws -> Outcome {
        let record = file.record
        guard allowed else { throw Self.notAllowed }
        try state.require([.opened, .investigating, .heard], for: "recusal")
        var errors = FieldErrors()
        let reason = errors.text(body.reason, "reason", limit: 2_000)
        let replacement = errors.require(body.replacementID, "replacement_id")
        try errors.check()
        let stepped = Set(file.entries("recusal").compactMap(\.personID)).union([record.investigatorID])
        if let replacement {
            if file.isPerson(replacement) || stepped.contains(replacement) {
                throw DomainError.validation(fields: ["replacement_id": "error.accountability.investigator_conflict"])
            }
            guard try await UserRepository(db: db).find(replacement) != nil else {
                throw DomainError.validation(fields: ["replacement_id": "error.field.invalid_value"])
            }
        }
        let previous = record.investigatorID
        record.investigatorID = replacement!
        return Outcome(action: "accountability.recusal", summary: "investigator \(previous) → \(replacement!)",
                       entries: [entry("recusal", previous, reason, nil, replacement)])
    }

    static func instant(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date)
    }
}
