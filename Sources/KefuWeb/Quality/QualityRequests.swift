import Foundation
import KefuCore
import KefuDomain
import Vapor

/// `POST /api/v1/qa/inspections`. Fields are optional here so that one 400 lists every missing one.
struct CreateInspectionRequest: Content {
    struct Score: Content {
        let criterion: String
        let score: Int
        let note: String?
    }

    var caseID: UUID?
    var agentID: UUID?
    var form: QualityRules.Form?
    var scores: [Score]?
    var comments: String?
    var correction: String?

    enum CodingKeys: String, CodingKey {
        case form, scores, comments, correction
        case caseID = "case_id", agentID = "agent_id"
    }
}

/// The body of `/acknowledge`, `/dispute` and `/dispute/decision`; `version` is optional (or `If-Match`).
struct InspectionActionRequest: Content {
    enum Outcome: String, Codable, CaseIterable { case upheld, corrected }

    var version: Int?
    var reason: String?
    var outcome: Outcome?
    var scores: [CreateInspectionRequest.Score]?

    enum CodingKeys: String, CodingKey { case version, reason, outcome, scores }
}

/// `POST /api/v1/qa/training-plans`: the week's training plan for all staff or one agent (QA-05).
struct TrainingPlanRequest: Content {
    var week: String?
    var agentID: UUID?
    var plan: String?

    enum CodingKeys: String, CodingKey {
        case week, plan
        case agentID = "agent_id"
    }
}

extension Array where Element == CreateInspectionRequest.Score {
    var domain: [QualityScoreInput] { map { QualityScoreInput(criterion: $0.criterion, score: $0.score, note: $0.note) } }
}
