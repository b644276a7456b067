import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// A return visit nearing or past its 72 hours (RTV-01) tells the return-visit station; past it, also the
/// CS director, who answers for the 100 % visit rate (RTV-02).
enum ReturnVisitEscalation {
    static func register(in services: inout AppServices) {
        services.escalations.register(kind: ReturnVisits.clockKind) { event in
            guard let visit = try await ReturnVisitRecord.find(event.clock.subjectID, on: event.db),
                  visit.state == ReturnVisitState.open.rawValue else { return }
            let number = try await CaseRepository(db: event.db).find(visit.caseID)?.number ?? ""
            let notice = Notifier.Notice(kind: "return_visit.\(event.kind.rawValue)",
                                         titleKey: event.kind == .warning ? "notice.return_visit_warning" : "notice.return_visit_breach",
                                         titleArgument: number, link: "/return-visits/\(visit.id!)", subjectType: "case", subjectID: visit.caseID,
                                         dedupeKey: "clock:\(event.clock.id):\(event.kind.rawValue)")
            let notifier = Notifier(db: event.db, services: event.services)
            try await notifier.notify(role: .returnVisitor, departmentID: nil, notice)
            if event.kind == .breach {
                try await notifier.notify(role: event.services.rulebook.returnVisits.unresolvedFeedbackTo, departmentID: nil, notice)
            }
        }
    }
}
