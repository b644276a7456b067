import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// LV-07 / LV-16 before submitting: who will decide a leave of this type and these dates — roles, the people
/// holding them, and the rule that makes it, in words. Computed by `LeaveApprovalChain`, the function filing
/// uses, so the form never promises another approver than the one the request goes to.
struct LeaveChainPreview {
    let req: Request

    struct Step {
        let role: Role
        let deciders: [UserRecord]
    }

    struct Preview {
        let chain: ApprovalChain
        let days: Decimal
        let steps: [Step]
        /// "审批：客服部主任 王芳"
        let decidedBy: String
        /// "请假 1 天：不超过 1 天由客服部主任审批（请假审批权限，LV-07）"
        let because: String
    }

    /// The chain for a leave of `type` from `start` to `end` filed by the reader.
    func preview(type: LeaveType, start: Date, end: Date) async throws -> Preview {
        let rulebook = req.services.rulebook
        let days = LeavePolicy(rules: rulebook.leave, calendar: rulebook.calendar).length(from: start, to: end)
        let chain = LeaveApprovalChain.chain(rules: rulebook.leave, type: type, days: days)
        var steps: [Step] = []
        for spec in chain.steps { steps.append(Step(role: spec.role, deciders: try await deciders(spec))) }
        let title = ApprovalRuleWords.title(chain.ruleKey, req)
        let because: String
        if let band = LeaveApprovalChain.band(rules: rulebook.leave, type: type, days: days) {
            because = req.t("leave.chain.because_days", ["\(days)", ApprovalRuleWords.band(band, unit: .days, req), title])
        } else {
            because = req.t("leave.chain.because_official", [req.t("leave.type.\(type.rawValue)"), title])
        }
        return Preview(chain: chain, days: days, steps: steps,
                       decidedBy: req.t("leave.chain.decided_by", [steps.map(stepWords).joined(separator: " → ")]), because: because)
    }

    /// Before the dates are chosen: who decides for each length (every band of `leave.approval_by_days`), or
    /// the one approver of official business and study.
    func overview(type: LeaveType) async throws -> (decidedBy: String, because: String) {
        let rules = req.services.rulebook.leave
        if type.isOfficial {
            let chain = LeaveApprovalChain.chain(rules: rules, type: type, days: 1)
            let step = Step(role: chain.steps[0].role, deciders: try await deciders(chain.steps[0]))
            return (req.t("leave.chain.decided_by", [stepWords(step)]),
                    req.t("leave.chain.because_official", [req.t("leave.type.\(type.rawValue)"), ApprovalRuleWords.title(chain.ruleKey, req)]))
        }
        var bands: [String] = []
        for band in rules.approvalByDays {
            let names = try await deciders(ApprovalStepSpec(role: band.role)).map(\.displayName)
            let clause = ApprovalRuleWords.band(band, unit: .days, req)
            bands.append(names.isEmpty ? clause : req.t("leave.chain.band_people", [clause, names.joined(separator: "、")]))
        }
        // Official business and study have their own approver (LV-16): said too, for a form without script.
        let official = LeaveApprovalChain.chain(rules: rules, type: .officialBusiness, days: 1).steps[0]
        let officialWords = stepWords(Step(role: official.role, deciders: try await deciders(official)))
        bands.append(req.t("leave.chain.official_line", [req.t("leave.type.official_business"), req.t("leave.type.study"), officialWords]))
        return (req.t("leave.chain.by_length", [bands.joined(separator: req.t("leave.chain.separator"))]),
                [ApprovalRuleWords.title(LeaveApprovalChain.byDaysRule, req), ApprovalRuleWords.title(LeaveApprovalChain.officialRule, req)]
                    .joined(separator: req.t("leave.chain.separator")))
    }

    /// Who decides the step `approval` waits for now, in words ("客服部主任 王芳"): the confirmation after filing.
    func waitingFor(_ approval: Approval) async throws -> String? {
        guard let step = approval.currentStep else { return nil }
        let spec = ApprovalStepSpec(role: step.role, departmentID: step.departmentID)
        return stepWords(Step(role: step.role, deciders: try await deciders(spec)))
    }

    /// "客服部主任 王芳" — the role and who holds it (or that nobody does yet).
    private func stepWords(_ step: Step) -> String {
        let role = req.t("role.\(step.role.rawValue)")
        return step.deciders.isEmpty ? req.t("leave.chain.nobody", [role])
            : role + " " + step.deciders.map(\.displayName).joined(separator: "、")
    }

    /// The people who may decide a step of the reader's request: the role's holders in the step's department,
    /// else in the reader's, else anywhere — never the reader (nobody decides their own request).
    private func deciders(_ step: ApprovalStepSpec) async throws -> [UserRecord] {
        let users = UserRepository(db: req.db)
        let me = req.staff?.id
        for department in [step.departmentID ?? req.staff?.departmentID, nil] {
            if step.departmentID != nil, department == nil { break }
            let found = try await users.active(withRole: step.role, departmentID: department, limit: 4).filter { $0.id != me }
            if !found.isEmpty { return Array(found.prefix(3)) }
        }
        return []
    }
}

/// `GET /api/v1/leave-requests/chain` and `GET /leave/chain` (the form's script): the chain a leave would get.
struct LeaveChainResponse: Content {
    struct Decider: Content { let id: UUID, name: String }
    struct Step: Content { let role: String, deciders: [Decider] }

    let type: String
    let days: String
    let rule: String
    let steps: [Step]
    /// The chain in words for the form: who decides, and why.
    let text: String
    let because: String

    init(type: LeaveType, _ preview: LeaveChainPreview.Preview) {
        self.type = type.rawValue
        days = "\(preview.days)"
        rule = preview.chain.ruleKey
        steps = preview.steps.map { Step(role: $0.role.rawValue, deciders: $0.deciders.map { Decider(id: $0.id!, name: $0.displayName) }) }
        text = preview.decidedBy
        because = preview.because
    }

    /// Reads `type`, `starts_at` and `ends_at` from the query (400 naming the field when one is missing or wrong).
    static func answer(_ req: Request) async throws -> LeaveChainResponse {
        let calendar = req.services.rulebook.calendar
        var errors = FieldErrors()
        let typeText = req.query[String.self, at: "type"]
        let type = typeText.flatMap(LeaveType.init(rawValue:))
        if type == nil { errors.add("type", typeText == nil ? "error.field.required" : "error.field.invalid_value") }
        let startText = req.query[String.self, at: "starts_at"], endText = req.query[String.self, at: "ends_at"]
        let start = LeaveTime.parse(startText, calendar: calendar), end = LeaveTime.parse(endText, calendar: calendar)
        if start == nil { errors.add("starts_at", startText == nil ? "error.field.required" : "error.field.invalid_value") }
        if end == nil { errors.add("ends_at", endText == nil ? "error.field.required" : "error.field.invalid_value") }
        if let start, let end, end <= start { errors.add("ends_at", "error.leave.ends_before_starts") }
        if let start, let end, end.timeIntervalSince(start) > Double(LeaveRequests.maxDays) * 86_400 { errors.add("ends_at", "error.leave.too_long") }
        try errors.check()
        return LeaveChainResponse(type: type!, try await LeaveChainPreview(req: req).preview(type: type!, start: start!, end: end!))
    }
}
