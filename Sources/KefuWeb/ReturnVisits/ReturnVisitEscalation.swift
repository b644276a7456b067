import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// A return visit nearing or past its 72 hours (RTV-01) tells the return-visit station; past it, also the
/// CS director, who answers for the 100 % visit rate (RTV-02).
///
/// Issue 21 item 8: the station works its queue from the return-visit list, so each reader gets one
/// notification for the visits due soon and one for those overdue — refreshed with the newest visit and counting
/// those since it was last read — instead of one per visit (a demo day left the director 1,678 of them).
enum ReturnVisitEscalation {
    static func register(in services: inout AppServices) {
        services.escalations.register(kind: ReturnVisits.clockKind) { event in
            guard let visit = try await ReturnVisitRecord.find(event.clock.subjectID, on: event.db),
                  visit.state == ReturnVisitState.open.rawValue else { return }
            let number = try await CaseRepository(db: event.db).find(visit.caseID)?.number ?? ""
            let warning = event.kind == .warning
            let notice = Notifier.Notice(kind: "return_visit.\(event.kind.rawValue)",
                                         titleKey: warning ? "notice.return_visits_due_soon" : "notice.return_visits_overdue",
                                         titleArgument: number, link: warning ? "/return-visits?view=due" : "/return-visits?view=overdue",
                                         subjectType: nil, subjectID: nil, dedupeKey: "return_visits:\(event.kind.rawValue)", repeats: .refresh)
            var readers: [(role: Role, departmentID: UUID?)] = [(.returnVisitor, nil)]
            if event.kind == .breach { readers.append((event.services.rulebook.returnVisits.unresolvedFeedbackTo, nil)) }
            try await Notifier(db: event.db, services: event.services).notify([], roles: readers, notice)
        }
    }
}
