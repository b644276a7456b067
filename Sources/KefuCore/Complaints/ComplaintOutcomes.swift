import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// What the end of a complaint approval does, and what a complaint clock's warning or breach does.
package enum ComplaintOutcomes {
    package static func register(in services: inout AppServices) {
        // CMP-32: the settlement decision's state follows its approval.
        services.approvalOutcomes.register(subjectType: Complaints.decisionSubject) { outcome in
            guard let complaint = try await ComplaintRepository(db: outcome.db).form(approvalID: outcome.approval.id) else { return }
            complaint.decisionState = outcome.approval.state.rawValue
            complaint.version += 1
            try await ComplaintRepository(db: outcome.db).save(complaint)
            try await Complaints(db: outcome.db, services: outcome.services).audit(
                complaint.caseID, nil, "complaint.decision_\(outcome.approval.state.rawValue)", "\(complaint.decisionMethod ?? "") \(complaint.decisionAmount ?? "")",
                ruleKey: ComplaintSettlementChain.ruleKey, db: outcome.db)
        }
        // CMP-36 / CMP-37: the sales VP countersigns the discount certificate or approves the return slip.
        services.approvalOutcomes.register(subjectType: ComplaintSlipFlow.subject) { outcome in
            guard let slip = try await ComplaintRepository(db: outcome.db).slip(approvalID: outcome.approval.id) else { return }
            slip.state = outcome.approval.state == .approved ? ComplaintSlipState.approved.rawValue : ComplaintSlipState.rejected.rawValue
            slip.version += 1
            try await ComplaintRepository(db: outcome.db).save(slip)
            try await Complaints(db: outcome.db, services: outcome.services).audit(
                slip.caseID, nil, "complaint.slip_\(outcome.approval.state.rawValue)", slip.kind, ruleKey: "complaints.slip_approver", db: outcome.db)
        }
        // CMP-20: the superior's answer to the petition is recorded on the case.
        services.approvalOutcomes.register(subjectType: ComplaintProgress.petitionSubject) { outcome in
            guard let complaint = try await ComplaintRepository(db: outcome.db).form(petitionApprovalID: outcome.approval.id) else { return }
            try await Complaints(db: outcome.db, services: outcome.services).audit(
                complaint.caseID, nil, "complaint.petition_\(outcome.approval.state.rawValue)", "", ruleKey: "complaints.petition_to", db: outcome.db)
        }
        // CMP-42: an approved 奖罚通知单 is executed into the person's fines ledger.
        services.approvalOutcomes.register(subjectType: ComplaintReviews.deductionSubject) { outcome in
            guard let item = try await ComplaintRepository(db: outcome.db).reviewItem(approvalID: outcome.approval.id) else { return }
            item.state = outcome.approval.state == .approved ? "executed" : "rejected"
            item.version += 1
            try await ComplaintRepository(db: outcome.db).save(item)
            if outcome.approval.state == .approved, let person = item.personID, let amount = item.amount {
                let entry = FineLedgerRecord()
                entry.staffID = person
                entry.amount = "-" + amount
                entry.reason = item.note ?? ""
                entry.sourceType = "complaint_review_item"
                entry.sourceID = item.id!
                entry.createdAt = outcome.services.now()
                // The statement's month and the recorder (ATT-25): the GM who approved the 奖罚通知单.
                entry.month = FinesLedger.month(of: entry.createdAt, services: outcome.services)
                if let decider = outcome.approval.steps.last(where: { $0.decidedBy != nil })?.decidedBy {
                    entry.recordedByID = decider
                    entry.recordedByName = try await UserRepository(db: outcome.db).find(decider)?.displayName
                }
                try await FineLedgerRepository(db: outcome.db).insert(entry)
            }
            try await ComplaintReviews(db: outcome.db, services: outcome.services).audit(
                item.reviewID, nil, "complaint.deduction_\(outcome.approval.state.rawValue)", item.amount ?? "",
                rule: "complaints.deduction_approver", db: outcome.db)
        }
        // CMP-31 / CMP-33: a department's step that runs late tells the department and marks the complaint
        // breached, so it shows in the overdue report and escalates one level like every case clock.
        services.escalations.register(kind: ComplaintTasks.clockKind) { event in
            guard let task = try await ComplaintRepository(db: event.db).find(ComplaintTaskRecord.self, event.clock.subjectID),
                  let record = try await CaseRepository(db: event.db).find(task.caseID) else { return }
            let notifier = Notifier(db: event.db, services: event.services)
            // For each reader one warning and one breach notification per complaint, whichever of its tasks they concern.
            let notice = Notifier.Notice(kind: "complaint.task_\(event.kind.rawValue)",
                                         titleKey: event.kind == .warning ? "notice.complaint_task_warning" : "notice.complaint_task_breach",
                                         titleArgument: record.number, link: "/cases/\(record.id!)/complaint",
                                         subjectType: "case", subjectID: record.id!, dedupeKey: "complaint_tasks:\(record.id!):\(event.kind.rawValue)",
                                         repeats: .refresh, titleWordKey: "complaint.task.\(task.kind)")
            let members = try await UserRepository(db: event.db).active(inDepartment: task.ownerDepartmentID, limit: 200)
            // A breach also goes to the department's manager (in the same call: a manager among the members gets it once).
            let managers: [(role: Role, departmentID: UUID?)] = event.kind == .breach ? [(.deptManager, task.ownerDepartmentID)] : []
            _ = try await notifier.notify(members.compactMap(\.id) + [record.assigneeID ?? record.ownerID], roles: managers, notice)
            guard event.kind == .breach else { return }
            try await CaseStats(db: event.db, services: event.services).markBreached(record, at: event.services.now())
        }
        // CMP-15: a late report to the VP is a case clock like the others (the case holder, then one level up).
        services.escalations.register(kind: ComplaintTasks.reportClockKind) { event in
            guard event.clock.subjectType == CaseClocks.subjectType else { return try await ScanDeadlines.defaultEscalation(event) }
            try await CaseDeadlineEscalation.handle(event)
        }
    }
}
