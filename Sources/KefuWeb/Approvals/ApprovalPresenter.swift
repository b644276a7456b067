import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// One approval as an approver reads it: what is decided (the module's context), who asked (their name,
/// not their user name), the earlier steps with their comments and who made them, and the rule in words.
struct ApprovalView: Encodable {
    struct Step: Encodable {
        let role: String
        let state: String
        let stateKey: String
        let decider: String?
        let decidedAt: String?
        let comment: String?
    }

    let id: String
    let version: Int
    /// What kind of request it is: 请假申请, 投诉处理决定 …
    let kind: String
    /// The subject in one line; nil when its module shows no context (the kind alone names it then).
    let summary: String?
    let facts: [ApprovalFact]
    let requester: String
    let state: String
    let stateKey: String
    /// The role the request waits for now ("—" when finished).
    let waitingFor: String
    let createdAt: String
    let rule: String
    /// The band of the table that chose the approver, in words (amounts, days); nil for a fixed approver.
    let ruleClause: String?
    /// The rulebook key, for the tooltip only.
    let ruleKey: String
    let steps: [Step]
    /// Steps someone has decided, in order: what the next approver reads before deciding.
    let earlierSteps: [Step]
    let canDecide: Bool
    /// The reader may decide it from the inbox row (its whole context is in the row).
    let decidableInRow: Bool
    /// A module's narrower decider, in words (SWP-02: "由乙班班长 李四审批").
    let decidedOnlyBy: String?
    let link: String?
}

/// Builds `ApprovalView`s for a page of approvals with a bounded number of queries: one for the people named
/// (requesters and deciders), then one call per subject type to the module's context loader.
struct ApprovalPresenter {
    let req: Request

    func views(_ approvals: [Approval], detail: Bool = false) async throws -> [ApprovalView] {
        guard !approvals.isEmpty else { return [] }
        let staff = try req.requireStaff()
        let contexts = try await contexts(approvals, detail: detail)
        let people = approvals.flatMap { [$0.requestedBy] + $0.steps.compactMap(\.decidedBy) }
        let names = try await CasePeople.names(of: people, db: req.db)
        return approvals.map { approval in
            let context = contexts[approval.id]
            let steps = approval.steps.map { step(of: $0, names: names) }
            let canDecide = approval.canDecide(staff.decider) && (context?.readerMayDecide ?? true)
            return ApprovalView(
                id: approval.id.uuidString, version: approval.version, kind: req.t("subject.\(approval.subjectType)"),
                summary: context?.summary, facts: context?.facts ?? [],
                requester: names[approval.requestedBy] ?? req.t("approvals.unknown_person"),
                state: req.t("approval.state.\(approval.state.rawValue)"), stateKey: approval.state.rawValue,
                waitingFor: approval.currentStep.map { req.t("role.\($0.role.rawValue)") } ?? "—",
                createdAt: DisplayTime.format(approval.createdAt, req), rule: ApprovalRuleWords.title(approval.ruleKey, req),
                ruleClause: context?.band, ruleKey: approval.ruleKey, steps: steps,
                earlierSteps: zip(approval.steps, steps).filter { $0.0.decidedAt != nil }.map(\.1),
                canDecide: canDecide, decidableInRow: canDecide && (context?.decidableInRow ?? false),
                decidedOnlyBy: context?.decidedOnlyBy, link: context?.link)
        }
    }

    /// The approval's own page: the same view, with the customer in full for readers who may see it.
    func view(_ approval: Approval) async throws -> ApprovalView {
        try await views([approval], detail: true)[0]
    }

    /// The contexts of a page, by approval id: each module's loader once, with its approvals.
    func contexts(_ approvals: [Approval], detail: Bool = false) async throws -> [UUID: ApprovalContext] {
        var contexts: [UUID: ApprovalContext] = [:]
        let asking = ApprovalContextRequest(req: req, detail: detail)
        for (subjectType, group) in Dictionary(grouping: approvals, by: \.subjectType) {
            guard let loader = req.application.approvalContexts.loader(for: subjectType) else { continue }
            contexts.merge(try await loader(group, asking)) { first, _ in first }
        }
        return contexts
    }

    private func step(of step: ApprovalStep, names: [UUID: String]) -> ApprovalView.Step {
        ApprovalView.Step(role: req.t("role.\(step.role.rawValue)"), state: req.t("approval.step.\(step.state.rawValue)"),
                          stateKey: step.state.rawValue, decider: step.decidedBy.map { names[$0] ?? req.t("approvals.unknown_person") },
                          decidedAt: step.decidedAt.map { DisplayTime.format($0, req) }, comment: step.comment)
    }

    /// The confirmation after the reader decided a step of `approval`, in words: "已批准 张三 12月8日–12月9日 的事假";
    /// nil when the reader decided none of its steps (a link someone else shared).
    func confirmation(_ approval: Approval) async throws -> String? {
        let staff = try req.requireStaff()
        guard let mine = approval.steps.last(where: { $0.decidedBy == staff.id }) else { return nil }
        let object = try await contexts([approval])[approval.id]?.object ?? req.t("subject.\(approval.subjectType)")
        if mine.state == .rejected { return req.t("approvals.confirm.rejected", [object]) }
        if let next = approval.currentStep {
            return req.t("approvals.confirm.passed_on", [object, req.t("role.\(next.role.rawValue)")])
        }
        return req.t("approvals.confirm.approved", [object])
    }
}
