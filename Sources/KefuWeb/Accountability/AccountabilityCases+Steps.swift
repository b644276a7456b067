import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The steps after opening. Each checks who may take it, the state it starts from (409 otherwise), the
/// fields (400) and the rules (422 with the rule key), then changes the case under its version.
extension AccountabilityCases {
    enum Step: String, CaseIterable, Sendable {
        case investigate, statements
        case causeAnalysis = "cause-analysis"
        case circumstances, evidence, decision, acknowledge, appeal, review, recusal, close
    }

    /// What a step did: the audit line and the entries it filed.
    struct Outcome {
        var action: String
        var summary = ""
        var ruleKey: String?
        var entries: [AccountabilityEntryRecord] = []
        var extraAudit: [(action: String, summary: String, ruleKey: String)] = []
    }

    func perform(_ step: Step, on id: UUID, _ body: AccountabilityActionRequest, by staff: StaffUser, expectedVersion: Int?) async throws -> AccountabilityFile {
        try await db.transaction { db in
            let cases = AccountabilityCases(db: db, services: services)
            let viewer = AccountabilityViewer(staff: staff, rules: rules)
            let file = try await viewer.readable(id, db: db)
            let record = file.record
            let loaded = record.version
            if let expectedVersion, expectedVersion != loaded { throw DomainError.staleVersion(current: loaded) }
            let outcome = try await cases.apply(step, file, body, viewer: viewer)
            let repository = AccountabilityRepository(db: db)
            for entry in outcome.entries { try await repository.add(entry) }
            record.updatedAt = services.now().roundedToMilliseconds
            try await repository.save(record, expectedVersion: loaded)
            try await cases.audit(id, staff, outcome.action, outcome.summary, ruleKey: outcome.ruleKey, db: db)
            for extra in outcome.extraAudit { try await cases.audit(id, staff, extra.action, extra.summary, ruleKey: extra.ruleKey, db: db) }
            return try await AccountabilityFile.load(record, db: db)
        }
    }

    private func apply(_ step: Step, _ file: AccountabilityFile, _ body: AccountabilityActionRequest, viewer: AccountabilityViewer) async throws -> Outcome {
        let record = file.record
        let staff = viewer.staff
        let state = AccountabilityState(rawValue: record.state) ?? .opened
        let now = services.now().roundedToMilliseconds
        let manages = viewer.manages(file)
        let investigates = record.investigatorID == staff.id
        func entry(_ kind: String, person: UUID?, _ text: String, qualifier: String? = nil, ref: UUID? = nil) -> AccountabilityEntryRecord {
            AccountabilityEntryRecord(caseID: record.id!, kind: kind, personID: person, authorID: staff.id, body: text, qualifier: qualifier, refID: ref, at: now)
        }
        var errors = FieldErrors()
        switch step {
        case .investigate:
            guard manages || investigates else { throw Self.notAllowed }
            try state.require([.opened], for: "investigating")
            let plan = errors.optional(body.plan, "plan", limit: Self.textLimit)
            try errors.check()
            record.plan = plan ?? record.plan
            record.state = AccountabilityState.investigating.rawValue
            return Outcome(action: "accountability.investigating", summary: "opened → investigating")

        case .statements:
            // ACC-08: the person speaks for themselves; the investigator or a manager may record a hearing.
            let person = try subject(body.personID, file, staff, onBehalf: manages || investigates)
            try state.require([.opened, .investigating, .heard], for: "statement")
            let text = errors.text(body.body, "body", limit: Self.textLimit)
            try errors.check()
            let statement = entry("statement", person: person, text)
            let heard = Set(file.entries("statement").compactMap(\.personID)).union(person.map { [$0] } ?? [])
            if file.personIDs.isSubset(of: heard) { record.state = AccountabilityState.heard.rawValue }
            return Outcome(action: "accountability.statement", summary: "\(state.rawValue) → \(record.state)", entries: [statement])

        case .causeAnalysis:
            // ACC-11: the responsible person reports the cause, the solution and the contingency plan.
            let person = try subject(nil, file, staff, onBehalf: file.persons.isEmpty && manages)
            try state.require(Set(AccountabilityState.allCases).subtracting([.final]), for: "cause_analysis")
            let cause = errors.text(body.cause, "cause", limit: Self.textLimit)
            let solution = errors.text(body.solution, "solution", limit: Self.textLimit)
            let plan = errors.text(body.contingencyPlan, "contingency_plan", limit: Self.textLimit)
            try errors.check()
            let analysis = AccountabilityEntryRecord(caseID: record.id!, kind: "cause_analysis", personID: person, authorID: staff.id, body: cause,
                                                     solution: solution, contingencyPlan: plan, at: now)
            return Outcome(action: "accountability.cause_analysis", entries: [analysis])

        case .circumstances:
            guard manages || investigates else { throw Self.notAllowed }
            try state.require([.opened, .investigating, .heard], for: "circumstances")
            let items = try circumstances(body.circumstances, errors: &errors)
            if items.isEmpty { errors.add("circumstances", "error.field.required") }
            try errors.check()
            return Outcome(action: "accountability.circumstances", summary: items.compactMap(\.qualifier).joined(separator: ", "),
                           entries: items.map { entry("circumstance", person: nil, $0.body, qualifier: $0.qualifier) })

        case .evidence:
            guard manages || investigates else { throw Self.notAllowed }
            try state.require([.opened, .investigating, .heard], for: "evidence")
            guard let links = body.evidence, !links.isEmpty else { throw DomainError.validation(fields: ["evidence": "error.field.required"]) }
            if links.count > 50 { throw DomainError.validation(fields: ["evidence": "error.field.too_many"]) }
            let items = try await evidenceEntries(links, caseID: record.id!, by: staff)
            return Outcome(action: "accountability.evidence", summary: "\(items.count) link(s)", entries: items)

        case .decision:
            return try decide(file, body, by: staff, manages: manages, state: state, now: now)

        case .acknowledge:
            let person = try subject(body.personID, file, staff, onBehalf: manages)
            try state.require([.decided], for: "delivered")
            if let person {
                guard let row = file.persons.first(where: { $0.userID == person }) else { throw Self.notAllowed }
                guard row.acknowledgedAt == nil else { throw DomainError.conflict(reason: "error.accountability.already_acknowledged") }
                row.acknowledgedAt = now
                try await AccountabilityRepository(db: db).save(row)
            }
            if file.persons.allSatisfy({ $0.acknowledgedAt != nil }) {
                record.deliveredAt = now
                record.state = AccountabilityState.delivered.rawValue
            }
            return Outcome(action: "accountability.acknowledged", summary: "\(state.rawValue) → \(record.state)")

        case .appeal:
            return try appeal(file, body, staff: staff, state: state, now: now)

        case .review:
            return try review(file, body, viewer: viewer, state: state, now: now)

        case .recusal:
            return try await recuse(file, body, allowed: manages || investigates, state: state, entry: entry)

        case .close:
            guard manages else { throw Self.notAllowed }
            try state.require([.delivered, .reviewed], for: "final")
            if state == .delivered, let deadline = record.appealDeadline {
                guard now > deadline else { throw DomainError.ruleViolation(rule: AccountabilityPolicy.appealRule, reason: "rule.accountability.appeal_window_open") }
            }
            // ACC-11: the case is filed only with every responsible person's written cause analysis.
            let filed = Set(file.entries("cause_analysis").compactMap(\.personID))
            guard file.personIDs.isSubset(of: filed), file.persons.isEmpty == false || !file.entries("cause_analysis").isEmpty else {
                throw DomainError.ruleViolation(rule: AccountabilityPolicy.causeAnalysisRule, reason: "rule.accountability.cause_analysis_missing")
            }
            record.state = AccountabilityState.final.rawValue
            record.closedAt = now
            return Outcome(action: "accountability.filed", summary: "\(state.rawValue) → final", ruleKey: AccountabilityPolicy.causeAnalysisRule)
        }
    }

    static let notAllowed = DomainError.forbidden(reason: "error.accountability.not_allowed")

    /// The person a statement, cause analysis or acknowledgement is about: the caller when they are one of
    /// the persons; otherwise (when `onBehalf`) the `person_id` given, which must be one of them.
    private func subject(_ given: UUID?, _ file: AccountabilityFile, _ staff: StaffUser, onBehalf: Bool) throws -> UUID? {
        if file.isPerson(staff.id), given == nil || given == staff.id { return staff.id }
        guard onBehalf else { throw Self.notAllowed }
        if file.persons.isEmpty { return nil }
        guard let given else { throw DomainError.validation(fields: ["person_id": "error.field.required"]) }
        guard file.isPerson(given) else { throw DomainError.validation(fields: ["person_id": "error.field.invalid_value"]) }
        return given
    }
}
