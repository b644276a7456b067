import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// KB-05: the issuing department's answer to the wording moves the entry on — confirmed, or back to drafting.
enum KBOutcomes {
    static func register(in services: inout AppServices) {
        services.approvalOutcomes.register(subjectType: KBEntries.confirmationSubject) { outcome in
            let repository = KBRepository(db: outcome.db)
            guard let record = try await repository.find(approvalID: outcome.approval.id),
                  record.state == KBEntryState.confirming.rawValue else { return }
            let before = record.state
            record.approvalState = outcome.approval.state.rawValue
            switch outcome.approval.state {
            case .approved: record.state = KBPolicy.afterConfirmation(approved: true).rawValue
            case .rejected, .withdrawn: record.state = KBPolicy.afterConfirmation(approved: false).rawValue
            case .pending: return
            }
            record.updatedAt = outcome.services.now()
            try await repository.save(record, expectedVersion: record.version)
            try await KBEntries(db: outcome.db, services: outcome.services).audit(
                record.id!, nil, "kb.confirmation_\(outcome.approval.state.rawValue)", "\(before) → \(record.state)",
                ruleKey: KBPolicy.confirmRule, db: outcome.db)
        }
    }
}
