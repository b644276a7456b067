import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// FDV-08/09, FDA-06: the decision on a restricted-area entry lands on the expected visit, and the host
/// and the desk learn it; an approved visit may then arrive (`Visitors.arrive`).
enum VisitorOutcomes {
    static func register(in services: inout AppServices) {
        services.approvalOutcomes.register(subjectType: Visitors.areaSubject) { outcome in
            guard let record = try await VisitorRecord.find(outcome.approval.subjectID, on: outcome.db) else { return }
            switch outcome.approval.state {
            case .approved: record.areaApproved = true
            case .rejected, .withdrawn: record.areaApproved = false
            case .pending: return
            }
            try await record.save(on: outcome.db)
            try await Notifier(db: outcome.db, services: outcome.services).notify([record.hostID, record.registeredBy], .init(
                kind: "visitor.area_decided", titleKey: record.areaApproved == true ? "notice.visitor_area_approved" : "notice.visitor_area_refused",
                titleArgument: record.name, link: "/front-desk", subjectType: "visitor", subjectID: record.id!,
                dedupeKey: "visitor:\(record.id!):area"))
        }
    }
}
