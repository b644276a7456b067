import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// What an approver reads about an open-flame or private-use request (SEC-05/06): what for, where, when,
/// and the safety measures taken first.
enum SafetyApprovalContexts {
    static func register(in contexts: inout ApprovalContexts) {
        contexts.register(subjectType: SafetyRequests.subjectType, requests)
    }

    @Sendable static func requests(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let rows = try await SafetyRequestRecord.query(on: asking.db).filter(\.$id ~~ approvals.map(\.subjectID)).all()
        let byID = Dictionary(rows.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let request = byID[approval.subjectID] else { continue }
            let kind = asking.t("safety.kind.\(request.kind)")
            let period = DisplayTime.period(request.startsAt, request.endsAt, asking.req)
            var facts = [ApprovalFact(label: asking.t("safety.kind"), value: kind), ApprovalFact(label: asking.t("safety.purpose"), value: request.purpose),
                         ApprovalFact(label: asking.t("approvals.fact.time"), value: period)]
            if let location = request.location { facts.append(ApprovalFact(label: asking.t("safety.location"), value: location)) }
            if let measures = request.measures { facts.append(ApprovalFact(label: asking.t("safety.measures"), value: measures)) }
            contexts[approval.id] = ApprovalContext(
                summary: [kind, request.purpose, period].joined(separator: " · "), facts: facts,
                object: asking.t("approvals.safety.object", [request.requesterName, period, kind]))
        }
        return contexts
    }
}
