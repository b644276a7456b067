import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// What the end of a supplies approval does: the requisition or purchase takes the approval's state, and
/// an approved requisition is put in front of the desk to issue (FDS-03 → FDS-04).
enum SupplyOutcomes {
    static func register(in services: inout AppServices) {
        services.approvalOutcomes.register(subjectType: SupplyRequisitions.subject) { outcome in
            guard let record = try await SupplyRequisitionRecord.find(outcome.approval.subjectID, on: outcome.db),
                  record.state == SupplyRequisitions.State.pending.rawValue else { return }
            record.state = outcome.approval.state.rawValue
            record.version += 1
            try await record.save(on: outcome.db)
            if outcome.approval.state == .approved {
                try await Notifier(db: outcome.db, services: outcome.services).notify(role: .frontDesk, departmentID: nil, .init(
                    kind: "supply.requisition_approved", titleKey: "notice.supply_to_issue", titleArgument: "\(record.requesterName) · \(record.itemName) × \(record.quantity)",
                    link: "/supplies/requisitions", subjectType: SupplyRequisitions.subject, subjectID: record.id!, dedupeKey: "requisition:\(record.id!):approved"))
            }
        }
        services.approvalOutcomes.register(subjectType: SupplyPurchases.subject) { outcome in
            guard let record = try await SupplyPurchaseRecord.find(outcome.approval.subjectID, on: outcome.db),
                  record.state == SupplyPurchases.State.pending.rawValue else { return }
            record.state = outcome.approval.state.rawValue
            record.version += 1
            try await record.save(on: outcome.db)
        }
    }
}
