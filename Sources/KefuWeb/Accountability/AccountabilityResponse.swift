import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// An accountability case as the API returns it: the case, its persons, its file (statements, cause
/// analyses, circumstances, evidence, recusals), the written decision with the appeal right and
/// deadline (ACC-09/10) and the appeal with its review (ACC-35).
struct AccountabilityCaseResponse: Content {
    struct Person: Content {
        let userID: UUID, displayName: String, statementFiled: Bool, causeAnalysisFiled: Bool, acknowledgedAt: Date?

        enum CodingKeys: String, CodingKey {
            case userID = "user_id", displayName = "display_name", statementFiled = "statement_filed"
            case causeAnalysisFiled = "cause_analysis_filed", acknowledgedAt = "acknowledged_at"
        }
    }

    struct Statement: Content {
        let id: UUID, personID: UUID?, recordedBy: UUID, body: String, createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, body
            case personID = "person_id", recordedBy = "recorded_by", createdAt = "created_at"
        }
    }

    struct CauseAnalysis: Content {
        let personID: UUID?, cause: String, solution: String, contingencyPlan: String, createdAt: Date

        enum CodingKeys: String, CodingKey {
            case cause, solution
            case personID = "person_id", contingencyPlan = "contingency_plan", createdAt = "created_at"
        }
    }

    struct Circumstance: Content {
        let kind: String, description: String, recordedBy: UUID, createdAt: Date

        enum CodingKeys: String, CodingKey {
            case kind, description
            case recordedBy = "recorded_by", createdAt = "created_at"
        }
    }

    struct Evidence: Content {
        let type: String, id: UUID, note: String?, addedBy: UUID

        enum CodingKeys: String, CodingKey {
            case type, id, note
            case addedBy = "added_by"
        }
    }

    struct Recusal: Content {
        let investigatorID: UUID, replacementID: UUID?, reason: String, recordedBy: UUID, createdAt: Date

        enum CodingKeys: String, CodingKey {
            case reason
            case investigatorID = "investigator_id", replacementID = "replacement_id", recordedBy = "recorded_by", createdAt = "created_at"
        }
    }

    struct Decision: Content {
        let facts: String, reasons: String, basis: String, sanctions: [String], fineAmount: String?, decidedBy: UUID?, decidedAt: Date
        let appealRight: Bool, appealWithin: String, appealDeadline: Date?, appealTo: String, rule: String, deliveredAt: Date?

        enum CodingKeys: String, CodingKey {
            case facts, reasons, basis, sanctions, rule
            case fineAmount = "fine_amount", decidedBy = "decided_by", decidedAt = "decided_at", appealRight = "appeal_right"
            case appealWithin = "appeal_within", appealDeadline = "appeal_deadline", appealTo = "appeal_to", deliveredAt = "delivered_at"
        }
    }

    struct Appeal: Content {
        let reason: String, appealedBy: UUID?, appealedAt: Date, reviewerRole: String?, decisionInForce: Bool
        let outcome: String?, comment: String?, correctedSanctions: [String]?, reviewedBy: UUID?, reviewedAt: Date?

        enum CodingKeys: String, CodingKey {
            case reason, outcome, comment
            case appealedBy = "appealed_by", appealedAt = "appealed_at", reviewerRole = "reviewer_role", decisionInForce = "decision_in_force"
            case correctedSanctions = "corrected_sanctions", reviewedBy = "reviewed_by", reviewedAt = "reviewed_at"
        }
    }

    let id: UUID, number: String, title: String, origin: String, trigger: String, triggerRule: String?, facts: String
    let sourceType: String?, sourceID: UUID?, departmentID: UUID?, jointLiability: Bool, investigatorID: UUID, plan: String?
    let state: String, openedBy: UUID, openedAt: Date, closedAt: Date?, version: Int
    let persons: [Person], statements: [Statement], causeAnalyses: [CauseAnalysis], circumstances: [Circumstance]
    let evidence: [Evidence], recusals: [Recusal], decision: Decision?, appeal: Appeal?

    enum CodingKeys: String, CodingKey {
        case id, number, title, origin, trigger, facts, plan, state, version, persons, statements, circumstances, evidence, recusals
        case decision, appeal
        case triggerRule = "trigger_rule", sourceType = "source_type", sourceID = "source_id", departmentID = "department_id"
        case jointLiability = "joint_liability", investigatorID = "investigator_id", openedBy = "opened_by", openedAt = "opened_at"
        case closedAt = "closed_at", causeAnalyses = "cause_analyses"
    }

    init(_ file: AccountabilityFile, names: [UUID: String], rules: AccountabilityRules) {
        let r = file.record
        id = r.id!; number = r.number; title = r.title; origin = r.origin; trigger = r.trigger
        triggerRule = AccountabilityTrigger(rawValue: r.trigger)?.ruleID; facts = r.facts; sourceType = r.sourceType; sourceID = r.sourceID
        departmentID = r.departmentID; jointLiability = r.jointLiability; investigatorID = r.investigatorID; plan = r.plan
        state = r.state; openedBy = r.openedBy; openedAt = r.openedAt; closedAt = r.closedAt; version = r.version
        let entries = file.entries
        persons = file.persons.map { p in
            Person(userID: p.userID, displayName: names[p.userID] ?? "", statementFiled: entries.contains { $0.kind == "statement" && $0.personID == p.userID },
                   causeAnalysisFiled: entries.contains { $0.kind == "cause_analysis" && $0.personID == p.userID }, acknowledgedAt: p.acknowledgedAt)
        }
        statements = entries.filter { $0.kind == "statement" }.map {
            Statement(id: $0.id!, personID: $0.personID, recordedBy: $0.authorID, body: $0.body, createdAt: $0.createdAt)
        }
        causeAnalyses = entries.filter { $0.kind == "cause_analysis" }.map {
            CauseAnalysis(personID: $0.personID, cause: $0.body, solution: $0.solution ?? "", contingencyPlan: $0.contingencyPlan ?? "", createdAt: $0.createdAt)
        }
        circumstances = entries.filter { $0.kind == "circumstance" }.map {
            Circumstance(kind: $0.qualifier ?? "", description: $0.body, recordedBy: $0.authorID, createdAt: $0.createdAt)
        }
        evidence = entries.filter { $0.kind == "evidence" }.compactMap { e in
            e.refID.map { Evidence(type: e.qualifier ?? "", id: $0, note: e.body.isEmpty ? nil : e.body, addedBy: e.authorID) }
        }
        recusals = entries.filter { $0.kind == "recusal" }.map {
            Recusal(investigatorID: $0.personID ?? $0.authorID, replacementID: $0.refID, reason: $0.body, recordedBy: $0.authorID, createdAt: $0.createdAt)
        }
        decision = r.decidedAt.map { at in
            Decision(facts: r.decisionFacts ?? "", reasons: r.decisionReasons ?? "", basis: r.decisionBasis ?? "", sanctions: r.sanctionList,
                     fineAmount: r.fineAmount, decidedBy: r.decidedBy, decidedAt: at, appealRight: true, appealWithin: rules.appealWithin.description,
                     appealDeadline: r.appealDeadline, appealTo: r.appealTo ?? rules.appealTo.rawValue, rule: AccountabilityPolicy.appealRule,
                     deliveredAt: r.deliveredAt)
        }
        appeal = r.appealedAt.map { at in
            Appeal(reason: r.appealReason ?? "", appealedBy: r.appealedBy, appealedAt: at, reviewerRole: r.appealTo, decisionInForce: r.decisionInForce ?? true,
                   outcome: r.reviewOutcome, comment: r.reviewComment, correctedSanctions: r.correctedSanctions == nil ? nil : r.correctedSanctionList,
                   reviewedBy: r.reviewedBy, reviewedAt: r.reviewedAt)
        }
    }
}
