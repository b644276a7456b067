import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// What the department manager reads about an off-site service request (SRV, `service.offsite_approver`):
/// the case and its customer, the kind of service.
enum ServiceApprovalContexts {
    static func register(in contexts: inout ApprovalContexts) {
        contexts.register(subjectType: ServiceJobs.subjectType, offsiteJobs)
    }

    @Sendable static func offsiteJobs(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let jobs = try await ServiceJobRepository(db: asking.db).find(ids: approvals.map(\.subjectID))
        let rows = Array(jobs.values)
        let cases = try await ApprovalCaseFacts.load(caseIDs: rows.map(\.caseID), asking)
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let job = jobs[approval.subjectID] else { continue }
            let category = asking.t("service.category.\(job.category)")
            var facts = cases.facts(job.caseID, asking)
            facts.append(ApprovalFact(label: asking.t("service.category"), value: category))
            facts.append(ApprovalFact(label: asking.t("approvals.fact.registered_on"), value: DisplayTime.day(text: job.registeredOn, asking.req)))
            contexts[approval.id] = ApprovalContext(
                summary: [cases.caseLabel(job.caseID) ?? "", category].filter { !$0.isEmpty }.joined(separator: " · "), facts: facts,
                object: asking.t("approvals.service.object", [cases.caseNumber(job.caseID) ?? ""]), link: "/cases/\(job.caseID)")
        }
        return contexts
    }
}
