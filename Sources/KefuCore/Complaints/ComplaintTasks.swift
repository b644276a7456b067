import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The departments' parts of a complaint (CMP-05..09): the handler gives a task to a department; its clock
/// runs for the step's deadline (CMP-31); the department records the result. Finishing the investigation
/// starts the 3-day clock of the report to the VP in charge (CMP-15).
package struct ComplaintTasks {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package static let clockKind = "complaint_task"
    package static let reportClockKind = "complaint_report"

    package struct AddRequest: Decodable {
        package let kind: ComplaintTaskKind
        /// Defaults to the one department of the step's kind (营销部, 研发部, 客服部, 销售部); with several, the
        /// person names it.
        package var ownerDepartmentID: UUID? = nil
        package var partner: String? = nil
        /// CMP-14: for joint handling the CS department sets the time limit itself.
        package var dueAt: Date? = nil

        package init(kind: ComplaintTaskKind, ownerDepartmentID: UUID? = nil, partner: String? = nil, dueAt: Date? = nil) {
            self.kind = kind
            self.ownerDepartmentID = ownerDepartmentID
            self.partner = partner
            self.dueAt = dueAt
        }

        package enum CodingKeys: String, CodingKey {
            case kind, partner
            case ownerDepartmentID = "owner_department_id", dueAt = "due_at"
        }
    }

    package func add(caseID: UUID, _ request: AddRequest, by staff: StaffUser) async throws -> ComplaintTaskRecord {
        try await db.transaction { db in
            let access = try await ComplaintAccess.load(caseID, staff: staff, db: db)
            try access.requireHandler()
            try access.requireNotClosed()
            try access.requireOpen()
            let owner = try await ownerDepartment(request, db: db)
            let now = services.now()
            var fields: [String: String] = [:]
            let partner = request.partner?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
            if request.kind.needsPartner, partner == nil { fields["partner"] = "error.field.required" }
            if (partner?.count ?? 0) > 100 { fields["partner"] = "error.field.too_long" }
            if request.kind.needsPartner {
                if request.dueAt == nil { fields["due_at"] = "error.field.required" }
                if let due = request.dueAt, due <= now { fields["due_at"] = "error.field.future" }
            }
            guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
            let task = ComplaintTaskRecord()
            task.id = services.newID()
            task.caseID = caseID
            task.kind = request.kind.rawValue
            task.step = request.kind.step.rawValue
            task.ownerDepartmentID = owner
            task.partner = partner
            task.state = "open"
            task.createdBy = staff.username
            task.createdAt = now
            task.version = 1
            let rules = services.rulebook.complaints
            let duration: DurationSpec
            let ruleKey: String
            if request.kind.needsPartner, let due = request.dueAt {
                duration = DurationSpec(value: max(1, Int((due.timeIntervalSince(now) / 60).rounded(.down))), unit: .minutes)
                ruleKey = "complaints.joint_handling_limit"
            } else {
                duration = rules.stepDeadlines[request.kind.step] ?? DurationSpec(value: 1, unit: .naturalDays)
                ruleKey = "complaints.step_deadlines.\(request.kind.step.rawValue)"
            }
            let clock = try await DeadlineService(db: db, services: services).start(
                kind: Self.clockKind, subjectType: Self.clockKind, subjectID: task.id!, duration: duration, ruleKey: ruleKey)
            task.dueAt = clock.dueAt
            try await ComplaintRepository(db: db).insert(task)
            let notice = Notifier.Notice(kind: "complaint.task", titleKey: "notice.complaint_task",
                                         titleArgument: access.caseRecord.number,
                                         link: "/cases/\(caseID)/complaint", subjectType: "case", subjectID: caseID,
                                         dedupeKey: "complaint_task:\(task.id!)", titleWordKey: "complaint.task.\(request.kind.rawValue)")
            let members = try await UserRepository(db: db).active(inDepartment: owner, limit: 200)
            _ = try await Notifier(db: db, services: services).notify(members.compactMap(\.id), notice)
            try await Complaints(db: db, services: services).audit(caseID, staff, "complaint.task_added",
                                                                    "\(request.kind.rawValue) → \(partner ?? "")", ruleKey: ruleKey, db: db)
            return task
        }
    }

    private func ownerDepartment(_ request: AddRequest, db: any Database) async throws -> UUID {
        if let id = request.ownerDepartmentID {
            guard try await OrganizationRepository(db: db).department(id) != nil else {
                throw DomainError.validation(fields: ["owner_department_id": "error.field.unknown_department"])
            }
            return id
        }
        guard let department = request.kind.defaultDepartment(among: try await ComplaintRepository(db: db).departmentsForRouting()) else {
            throw DomainError.validation(fields: ["owner_department_id": "error.complaint.choose_department"])
        }
        return department
    }

    /// CMP-09: the CS department chases a department's open task at any time (随时予以催办).
    package func remind(caseID: UUID, taskID: UUID, by staff: StaffUser) async throws -> ComplaintTaskRecord {
        try await db.transaction { db in
            let access = try await ComplaintAccess.load(caseID, staff: staff, db: db)
            try access.requireHandler()
            guard let task = try await ComplaintRepository(db: db).find(ComplaintTaskRecord.self, taskID), task.caseID == caseID else {
                throw DomainError.notFound(subject: "complaint_task")
            }
            try access.requireNotClosed()
            guard task.state == "open" else { throw DomainError.invalidTransition(from: task.state, to: "reminded") }
            let members = try await UserRepository(db: db).active(inDepartment: task.ownerDepartmentID, limit: 200)
            let notice = Notifier.Notice(kind: "complaint.task_reminder", titleKey: "notice.complaint_task_reminder",
                                         titleArgument: access.caseRecord.number, link: "/cases/\(caseID)/complaint",
                                         subjectType: "case", subjectID: caseID, dedupeKey: "complaint_task_reminder:\(taskID)",
                                         // A second reminder brings the same notification back to the top, unread.
                                         repeats: .refresh, titleWordKey: "complaint.task.\(task.kind)")
            _ = try await Notifier(db: db, services: services).notify(members.compactMap(\.id), notice)
            try await Complaints(db: db, services: services).audit(caseID, staff, "complaint.task_reminded", task.kind,
                                                                    ruleKey: "complaints.step_deadlines.\(task.step)", db: db)
            return task
        }
    }

    /// The owner department (or the handler) records the result; the task's clock is met.
    package func complete(caseID: UUID, taskID: UUID, result: String, version: Int?, by staff: StaffUser) async throws -> ComplaintTaskRecord {
        let result = try CaseActions.required(result, field: "result", limit: 4_000)
        return try await db.transaction { db in
            let access = try await ComplaintAccess.load(caseID, staff: staff, db: db)
            guard let task = try await ComplaintRepository(db: db).find(ComplaintTaskRecord.self, taskID), task.caseID == caseID else {
                throw DomainError.notFound(subject: "complaint_task")
            }
            guard access.canAct || staff.departmentID == task.ownerDepartmentID else { throw DomainError.forbidden(reason: "error.complaint.not_your_task") }
            try access.requireNotClosed()
            if let version, version != task.version { throw DomainError.staleVersion(current: task.version) }
            guard task.state == "open" else { throw DomainError.invalidTransition(from: task.state, to: "done") }
            let now = services.now()
            task.state = "done"
            task.result = result
            task.doneAt = now
            task.doneBy = staff.username
            task.version += 1
            try await ComplaintRepository(db: db).save(task)
            let deadlines = DeadlineService(db: db, services: services)
            try await deadlines.meet(kind: Self.clockKind, subjectType: Self.clockKind, subjectID: taskID, actor: staff)
            let kind = ComplaintTaskKind(rawValue: task.kind)
            if kind?.endsInvestigation == true, access.complaint.reportAt == nil {
                let running = try await DeadlineClockRepository(db: db).clocks(subjectType: CaseClocks.subjectType, subjectID: caseID)
                    .contains { $0.kind == Self.reportClockKind }
                if !running {
                    try await deadlines.start(kind: Self.reportClockKind, subjectType: CaseClocks.subjectType, subjectID: caseID,
                                              duration: services.rulebook.complaints.reportWithin, ruleKey: "complaints.report_within")
                }
            }
            try await Complaints(db: db, services: services).audit(caseID, staff, "complaint.task_done", "\(task.kind): \(result.prefix(80))",
                                                                    ruleKey: "complaints.step_deadlines.\(task.step)", db: db)
            return task
        }
    }
}
