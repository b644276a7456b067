import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// What HR reads about a promotion nomination (PRM): who, from which grade to which, and why.
enum PromotionApprovalContexts {
    static func register(in contexts: inout ApprovalContexts) {
        contexts.register(subjectType: Promotions.subjectType, nominations)
    }

    @Sendable static func nominations(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let rows = try await PromotionRecord.query(on: asking.db).filter(\.$id ~~ approvals.map(\.subjectID)).all()
        let byID = Dictionary(rows.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let nomination = byID[approval.subjectID] else { continue }
            let step = asking.t("approvals.promotion.step", [asking.t("grade.\(nomination.fromGrade)"), asking.t("grade.\(nomination.toGrade)")])
            let facts = [ApprovalFact(label: asking.t("approvals.fact.person"), value: nomination.userName),
                         ApprovalFact(label: asking.t("approvals.fact.grade_change"), value: step),
                         ApprovalFact(label: asking.t("evaluation.reason"), value: nomination.reason)]
            contexts[approval.id] = ApprovalContext(
                summary: [nomination.userName, step].joined(separator: " · "), facts: facts,
                object: asking.t("approvals.promotion.object", [nomination.userName, step]),
                link: "/evaluations/people/\(nomination.userID)")
        }
        return contexts
    }
}
