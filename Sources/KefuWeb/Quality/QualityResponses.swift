import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// A scorecard as the API returns it (snake_case, times in UTC).
struct InspectionResponse: Content {
    struct Score: Content {
        let criterion: String, label: String, score: Int, maxScore: Int, weight: Int, finding: Bool, note: String?

        enum CodingKeys: String, CodingKey {
            case criterion, label, score, weight, finding, note
            case maxScore = "max_score"
        }
    }

    struct Dispute: Content {
        let state: String, reason: String?, disputedAt: Date?, decisionReason: String?, decidedBy: UUID?, decidedAt: Date?
        let originalTotal: Double?, decidedByRole: String

        enum CodingKeys: String, CodingKey {
            case state, reason
            case disputedAt = "disputed_at", decisionReason = "decision_reason", decidedBy = "decided_by", decidedAt = "decided_at"
            case originalTotal = "original_total", decidedByRole = "decided_by_role"
        }
    }

    let id: UUID
    let caseID: UUID
    let caseNumber: String
    let channel: String
    let form: String
    let agentID: UUID
    let agentName: String?
    let inspectorID: UUID
    let inspectorName: String?
    let scores: [Score]
    let total: Double
    let findings: Int
    let comments: String?
    let correction: String?
    let month: String
    let inspectedAt: Date
    let acknowledgedAt: Date?
    let dispute: Dispute
    let rulebookVersion: String
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, channel, form, scores, total, findings, comments, correction, month, dispute, version
        case caseID = "case_id", caseNumber = "case_number", agentID = "agent_id", agentName = "agent_name"
        case inspectorID = "inspector_id", inspectorName = "inspector_name", inspectedAt = "inspected_at"
        case acknowledgedAt = "acknowledged_at", rulebookVersion = "rulebook_version"
    }

    init(_ card: QualityCard, names: [UUID: String], rules: QualityRules, language: UILanguage) {
        let r = card.record
        let order = Dictionary(rules.criteria.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        id = r.id!; caseID = r.caseID; caseNumber = r.caseNumber; channel = r.channel; form = r.form
        agentID = r.agentID; agentName = names[r.agentID]; inspectorID = r.inspectorID; inspectorName = names[r.inspectorID]
        scores = card.scores.sorted { (order[$0.criterion] ?? .max, $0.criterion) < (order[$1.criterion] ?? .max, $1.criterion) }.map {
            Score(criterion: $0.criterion, label: QualityLabels.criterion($0.criterion, rules: rules, language: language), score: $0.score,
                  maxScore: $0.maxScore, weight: $0.weight, finding: $0.isFinding, note: $0.note)
        }
        total = r.total; findings = r.findingCount; comments = r.comments; correction = r.correction; month = r.month
        inspectedAt = r.inspectedAt; acknowledgedAt = r.acknowledgedAt
        dispute = Dispute(state: r.disputeState, reason: r.disputeReason, disputedAt: r.disputedAt, decisionReason: r.decisionReason,
                          decidedBy: r.decidedBy, decidedAt: r.decidedAt, originalTotal: r.originalTotal,
                          decidedByRole: rules.disputeDecidedBy.rawValue)
        rulebookVersion = r.rulebookVersion; version = r.version
    }
}

enum QualityLabels {
    /// A criterion's name in the reader's language (the rulebook carries both); an unknown key as is.
    static func criterion(_ code: String, rules: QualityRules, language: UILanguage) -> String {
        guard let criterion = rules.criterion(code) else { return code }
        return language == .en ? criterion.nameEn : criterion.nameZh
    }
}

/// `GET /api/v1/qa/quota` (QA-02).
struct QuotaResponse: Content {
    struct Item: Content {
        let agentID: UUID, agentName: String, inspections: Int, quota: Int, remaining: Int, below: Bool, average: Double?

        enum CodingKeys: String, CodingKey {
            case inspections, quota, remaining, below, average
            case agentID = "agent_id", agentName = "agent_name"
        }
    }

    let month: String, quota: Int, items: [Item]
}

/// `GET /api/v1/qa/samples` (QA-02): cases proposed for inspection.
struct SampleResponse: Content {
    let caseID: UUID, caseNumber: String, subject: String, type: String, channel: String, agentID: UUID, agentName: String?
    let reason: String, flagReason: String?

    enum CodingKeys: String, CodingKey {
        case subject, type, channel, reason
        case caseID = "case_id", caseNumber = "case_number", agentID = "agent_id", agentName = "agent_name", flagReason = "flag_reason"
    }
}

/// `GET /api/v1/qa/weekly` (QA-05).
struct WeeklyResponse: Content {
    struct Finding: Content { let criterion: String, label: String, count: Int }
    struct Agent: Content {
        let agentID: UUID, agentName: String?, inspections: Int, average: Double, findings: [Finding], corrections: [String]

        enum CodingKeys: String, CodingKey {
            case inspections, average, findings, corrections
            case agentID = "agent_id", agentName = "agent_name"
        }
    }
    struct Plan: Content {
        let target: String, agentID: UUID?, agentName: String?, plan: String, authorID: UUID, updatedAt: Date

        enum CodingKeys: String, CodingKey {
            case target, plan
            case agentID = "agent_id", agentName = "agent_name", authorID = "author_id", updatedAt = "updated_at"
        }
    }

    let weekStart: String, weekEnd: String, inspections: Int, agents: [Agent], findings: [Finding], trainingPlans: [Plan]

    enum CodingKeys: String, CodingKey {
        case inspections, agents, findings
        case weekStart = "week_start", weekEnd = "week_end", trainingPlans = "training_plans"
    }
}

/// `GET /api/v1/qa/monthly` (QA-04): the month's maintained aggregate per agent.
struct MonthlyResponse: Content {
    struct Item: Content {
        let agentID: UUID, agentName: String?, inspections: Int, average: Double, findings: Int, quotaMet: Bool

        enum CodingKeys: String, CodingKey {
            case inspections, average, findings
            case agentID = "agent_id", agentName = "agent_name", quotaMet = "quota_met"
        }
    }

    let month: String, quota: Int, items: [Item]
}

/// `GET /api/v1/qa/common-problems` (QA-06).
struct CommonProblemsResponse: Content {
    struct Note: Content {
        let inspectionID: UUID, caseNumber: String?, criterion: String, label: String, score: Int, maxScore: Int, note: String?, at: Date

        enum CodingKeys: String, CodingKey {
            case criterion, label, score, note, at
            case inspectionID = "inspection_id", caseNumber = "case_number", maxScore = "max_score"
        }
    }

    let since: Date, days: Int, criteria: [WeeklyResponse.Finding], notes: [Note]
}
