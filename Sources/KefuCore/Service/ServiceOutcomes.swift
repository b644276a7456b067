import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// SRV-11: the off-site application's decision moves the job — approved, it may be dispatched;
/// rejected or withdrawn, nobody is sent and the job is cancelled.
package enum ServiceOutcomes {
    package static func register(in services: inout AppServices) {
        services.approvalOutcomes.register(subjectType: ServiceJobs.subjectType) { outcome in
            guard let record = try await ServiceJobRepository(db: outcome.db).find(outcome.approval.subjectID) else { return }
            var job = try record.toDomain()
            // A job cancelled while its application was pending just keeps its state; the decision still stands.
            guard job.status == .awaitingOffsiteApproval else { return }
            let now = outcome.services.now()
            switch outcome.approval.state {
            case .approved: try job.offsiteApproved(at: now)
            case .rejected, .withdrawn: try job.offsiteRejected(at: now)
            case .pending: return
            }
            let before = record.status
            try await ServiceJobRepository(db: outcome.db).save(record, job: job, expectedVersion: record.version)
            try await AuditRepository(db: outcome.db).append(AuditEntry(
                at: now, actorID: nil, actorName: "system", action: "service.offsite_\(outcome.approval.state.rawValue)", subjectType: "case",
                subjectID: record.caseID, summary: "\(before) → \(job.status.rawValue)", ruleKey: "service.offsite_approver",
                rulebookVersion: outcome.services.rulebook.versionShort))
        }
    }
}
