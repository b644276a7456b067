import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Leaf contexts of the quality-inspection pages, with every label resolved in the reader's language.
enum QualityPages {
    struct ScoreField: Encodable {
        let code: String, label: String, weight: Int, maxScore: Int, options: [SelectOption], note: String
    }

    struct BoardPage: Encodable {
        let shell: PageShell
        let month: String, quota: Int
        let agents: [QuotaResponse.Item]
        let samples: [Sample]
        let problems: [WeeklyResponse.Finding]
        let problemDays: Int
    }

    struct Sample: Encodable { let caseID: UUID, caseNumber: String, subject: String, agentName: String, reason: String }

    struct FormPage: Encodable {
        let shell: PageShell
        let caseID: UUID, caseNumber: String, subject: String, channel: String, agentName: String
        let forms: [SelectOption], form: String, fields: [ScoreField], comments: String, correction: String
        let notes: [Note]
    }

    struct Note: Encodable { let who: String, at: String, body: String }

    struct Score: Encodable { let label: String, score: Int, maxScore: Int, weight: Int, finding: Bool, note: String }

    struct InspectionPage: Encodable {
        let shell: PageShell
        let id: UUID, caseID: UUID, caseNumber: String, channel: String, form: String, agentName: String, inspectorName: String
        let inspectedAt: String, total: String, scores: [Score], comments: String?, correction: String?, acknowledgedAt: String?
        let disputeState: String, disputeStateKey: String, disputeReason: String?, decisionReason: String?, originalTotal: String?
        let version: Int
        let canAcknowledge: Bool, canDispute: Bool, canDecide: Bool, fields: [ScoreField]
    }

    struct Row: Encodable { let id: UUID, caseNumber: String, agentName: String, total: String, findings: Int, at: String, dispute: String, acknowledged: Bool }

    struct ListPage: Encodable { let shell: PageShell; let rows: [Row]; let nextHref: String? }

    struct WeeklyPage: Encodable {
        let shell: PageShell
        let summary: WeeklyResponse, previous: String, next: String
        let agents: [SelectOption]
    }

    struct MonthlyPage: Encodable {
        let shell: PageShell
        let summary: MonthlyResponse, months: [SelectOption]
    }

    static func scoreFields(_ form: QualityRules.Form, rules: QualityRules, req: Request, values: [String: String]) -> [ScoreField] {
        rules.criteria(of: form).map { c in
            let chosen = values["score_\(c.code)"]
            return ScoreField(code: c.code, label: QualityLabels.criterion(c.code, rules: rules, language: req.language), weight: c.weight,
                              maxScore: c.maxScore,
                              options: (0...c.maxScore).reversed().map { SelectOption(value: "\($0)", label: "\($0)", selected: chosen == "\($0)") },
                              note: values["note_\(c.code)"] ?? "")
        }
    }

    static func rows(_ cards: [QualityCard], req: Request) async throws -> [Row] {
        let names = try await QualityAPIController.names(cards, db: req.db)
        return cards.map {
            let r = $0.record
            return Row(id: r.id!, caseNumber: r.caseNumber, agentName: names[r.agentID] ?? "", total: String(format: "%.1f", r.total),
                       findings: r.findingCount, at: DisplayTime.format(r.inspectedAt, req), dispute: req.t("qa.dispute.\(r.disputeState)"),
                       acknowledged: r.acknowledgedAt != nil)
        }
    }

    static func inspectionPage(_ card: QualityCard, viewer: QualityViewer, req: Request, flashError: String?, values: [String: String] = [:]) async throws -> InspectionPage {
        let r = card.record
        let rules = req.services.rulebook.quality
        let response = InspectionResponse(card, names: try await QualityAPIController.names([card], db: req.db), rules: rules, language: req.language)
        let isAgent = r.agentID == viewer.staff.id
        return InspectionPage(
            shell: PageShell(req, title: req.t("qa.inspection"), flashError: flashError),
            id: r.id!, caseID: r.caseID, caseNumber: r.caseNumber, channel: req.t("case.channel.\(r.channel)"), form: req.t("qa.form.\(r.form)"),
            agentName: response.agentName ?? "", inspectorName: response.inspectorName ?? "", inspectedAt: DisplayTime.format(r.inspectedAt, req),
            total: String(format: "%.1f", r.total),
            scores: response.scores.map { Score(label: $0.label, score: $0.score, maxScore: $0.maxScore, weight: $0.weight, finding: $0.finding, note: $0.note ?? "") },
            comments: r.comments, correction: r.correction, acknowledgedAt: r.acknowledgedAt.map { DisplayTime.format($0, req) },
            disputeState: req.t("qa.dispute.\(r.disputeState)"), disputeStateKey: r.disputeState, disputeReason: r.disputeReason,
            decisionReason: r.decisionReason, originalTotal: r.originalTotal.map { String(format: "%.1f", $0) }, version: r.version,
            canAcknowledge: isAgent && r.acknowledgedAt == nil, canDispute: isAgent && r.disputeState == "none",
            canDecide: viewer.isDecider && !isAgent && r.disputeState == "disputed",
            fields: scoreFields(QualityRules.Form(rawValue: r.form) ?? .call, rules: rules, req: req,
                                values: values.isEmpty ? Dictionary(card.scores.map { ("score_\($0.criterion)", "\($0.score)") }, uniquingKeysWith: { a, _ in a }) : values))
    }
}
