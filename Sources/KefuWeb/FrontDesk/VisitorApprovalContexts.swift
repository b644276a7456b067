import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// What an approver reads about a visitor's entry to the offices or the machine room (FDV-08/09, FDA-06):
/// who comes, from where, to see whom, why and when. The visitor's phone stays at the front desk.
enum VisitorApprovalContexts {
    static func register(in contexts: inout ApprovalContexts) {
        contexts.register(subjectType: Visitors.areaSubject, areaEntries)
    }

    @Sendable static func areaEntries(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let rows = try await VisitorRecord.query(on: asking.db).filter(\.$id ~~ approvals.map(\.subjectID)).all()
        let byID = Dictionary(rows.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let visitor = byID[approval.subjectID] else { continue }
            let who = [visitor.name, visitor.organization].compactMap { $0 }.joined(separator: " · ")
            let area = asking.t("frontdesk.area.\(visitor.area)")
            var facts = [ApprovalFact(label: asking.t("approvals.fact.visitor"), value: who),
                         ApprovalFact(label: asking.t("frontdesk.area"), value: area),
                         ApprovalFact(label: asking.t("approvals.fact.host"), value: visitor.hostName),
                         ApprovalFact(label: asking.t("approvals.fact.purpose"), value: visitor.purpose)]
            let when = visitor.expectedAt.map { DisplayTime.format($0, asking.req) }
            if let when { facts.append(ApprovalFact(label: asking.t("approvals.fact.expected_at"), value: when)) }
            contexts[approval.id] = ApprovalContext(
                summary: [who, area, when ?? ""].filter { !$0.isEmpty }.joined(separator: " · "), facts: facts,
                object: asking.t("approvals.visitor.object", [visitor.name, area]))
        }
        return contexts
    }
}
