import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The JSON of a report (snake_case, API.md style); `steps` only on the single-report read.
struct UpwardReportResponse: Content {
    struct Step: Content {
        let kind: String, text: String?, actorName: String, ruleKey: String, at: Date
        enum CodingKeys: String, CodingKey { case kind, text, at; case actorName = "actor_name", ruleKey = "rule_key" }
        init(_ s: UpwardReportStepRecord) { kind = s.kind; text = s.text; actorName = s.actorName; ruleKey = s.ruleKey; at = s.at }
    }

    let id: UUID, category: String, ruleId: String, emergency: Bool, summary: String, details: String, proposal: String
    let caseId: UUID?, caseNumber: String?, reporterId: UUID, reporterName: String
    let superiorId: UUID, superiorName: String, superiorRole: String, routeRule: String
    let skippedId: UUID?, skippedName: String?, forwardedToId: UUID?, forwardedToName: String?
    let status: String, instruction: String?, objection: String?, execution: String?
    let instructBy: Date, filedAt: Date, updatedAt: Date, version: Int, steps: [Step]?

    enum CodingKeys: String, CodingKey {
        case id, category, emergency, summary, details, proposal, status, instruction, objection, execution, version, steps
        case ruleId = "rule_id", caseId = "case_id", caseNumber = "case_number", reporterId = "reporter_id", reporterName = "reporter_name"
        case superiorId = "superior_id", superiorName = "superior_name", superiorRole = "superior_role", routeRule = "route_rule"
        case skippedId = "skipped_id", skippedName = "skipped_name", forwardedToId = "forwarded_to_id", forwardedToName = "forwarded_to_name"
        case instructBy = "instruct_by", filedAt = "filed_at", updatedAt = "updated_at"
    }

    init(_ r: UpwardReportRecord, steps: [UpwardReportStepRecord]? = nil) {
        id = r.id!; category = r.category; ruleId = UpwardReportCategory(rawValue: r.category)?.ruleID ?? ""; emergency = r.emergency
        summary = r.summary; details = r.details; proposal = r.proposal; caseId = r.caseID; caseNumber = r.caseNumber
        reporterId = r.reporterID; reporterName = r.reporterName; superiorId = r.superiorID; superiorName = r.superiorName
        superiorRole = r.superiorRole; routeRule = r.routeRule; skippedId = r.skippedID; skippedName = r.skippedName
        forwardedToId = r.forwardedToID; forwardedToName = r.forwardedToName; status = r.status; instruction = r.instruction
        objection = r.objection; execution = r.execution; instructBy = r.instructBy; filedAt = r.filedAt; updatedAt = r.updatedAt
        version = r.version; self.steps = steps.map { $0.map(Step.init) }
    }
}

/// The body of `POST /api/v1/upward-reports`.
struct UpwardReportRequest: Content {
    let category: String?, summary: String?, details: String?, proposal: String?, emergency: Bool?, skipLevel: Bool?
    let superiorId: UUID?, caseId: UUID?
    enum CodingKeys: String, CodingKey {
        case category, summary, details, proposal, emergency
        case skipLevel = "skip_level", superiorId = "superior_id", caseId = "case_id"
    }

    var input: UpwardReports.Input {
        .init(category: category ?? "", summary: summary ?? "", details: details ?? "", proposal: proposal ?? "",
              emergency: emergency ?? false, skipLevel: skipLevel ?? false, superiorID: superiorId, caseID: caseId)
    }
}
