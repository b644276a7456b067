import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// SRV-10 (daily reconciliation): jobs not dispatched on the day they were registered are flagged for
/// priority dispatch the next day and the dispatchers are told. Runs with the deadline scan; each job
/// is flagged once, so running it again changes nothing.
package struct FlagPriorityDispatch {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package func run(now: Date) async throws -> Int {
        let rules = services.rulebook
        let today = rules.calendar.localDate(of: now).description
        var flagged = 0
        while true {
            let batch = try await ServiceJobRepository(db: db).unflaggedOverdue(today: today, limit: 200)
            guard !batch.isEmpty else { break }
            let round = flagged
            try await db.transaction { db in
                for record in batch {
                    record.priorityDispatch = true
                    try await ServiceJobRepository(db: db).saveFlags(record)
                    try await AuditRepository(db: db).append(AuditEntry(
                        at: now, actorID: nil, actorName: "system", action: "service.priority_dispatch", subjectType: "case",
                        subjectID: record.caseID, summary: "registered \(record.registeredOn), not dispatched", ruleKey: "service.dispatcher",
                        rulebookVersion: rules.versionShort))
                }
                try await Notifier(db: db, services: services).notify(role: rules.service.dispatcher, departmentID: nil, .init(
                    kind: "service.priority_dispatch", titleKey: "notice.service_priority_dispatch", titleArgument: "\(batch.count)",
                    link: "/service/dispatch", subjectType: nil, subjectID: nil, dedupeKey: "service:priority:\(today):\(round)"))
            }
            flagged += batch.count
        }
        return flagged
    }
}
