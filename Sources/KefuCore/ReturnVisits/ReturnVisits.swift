import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The return-visit station (回访工位, RTV): a visit opens when a case is resolved (RTV-01/08/11), each call
/// attempt is logged (RTV-03/09), a reached customer's satisfaction is recorded with the survey (RTV-12,
/// SAT-05/06), unresolved or escalating outcomes go back to the case or into a complaint with written
/// feedback to the CS director (RTV-04), and the customer file is updated (RTV-13).
package struct ReturnVisits {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package static let clockKind = "return_visit"

    /// Called inside the resolving transaction: opens the case's visit when the rulebook covers it.
    /// `always` opens it whatever `return_visits.coverage` says (RTV-14: every visited hospital patient).
    package func open(for record: CaseRecord, always: Bool = false) async throws {
        let rules = services.rulebook.returnVisits
        guard let customer = try await CustomerRepository(db: db).find(record.customerID),
              always || rules.covers(customerIsMember: customer.isMember) else { return }
        if try await ReturnVisitRepository(db: db).hasOpenVisit(caseID: record.id!) {
            return
        }
        let now = services.now()
        let calendar = services.rulebook.calendar
        let visit = ReturnVisitRecord()
        visit.id = services.newID()
        visit.caseID = record.id!
        visit.customerID = record.customerID
        visit.personID = record.assigneeID ?? record.ownerID
        visit.state = ReturnVisitState.open.rawValue
        visit.callFrom = ReturnVisitPolicy.callableTime(atOrAfter: now, doNotCall: rules.doNotCall, calendar: calendar)
        visit.failedAttempts = 0
        visit.wrongNumber = false
        visit.createdAt = now
        visit.version = 1
        // RTV-07: the reminder never rings inside the customer's rest times either.
        let provisional = DeadlineClock.start(kind: Self.clockKind, subjectType: Self.clockKind, subjectID: visit.id!, duration: rules.dueWithin,
                                              ruleKey: "return_visits.due_within", rulebookVersion: "", warnAtPercent: services.rulebook.deadlines.warnAtPercent,
                                              calendar: calendar, at: now)
        let warnAt = ReturnVisitPolicy.callableTime(atOrAfter: provisional.warnAt, doNotCall: rules.doNotCall, calendar: calendar)
        let clock = try await DeadlineService(db: db, services: services).start(
            kind: Self.clockKind, subjectType: Self.clockKind, subjectID: visit.id!, duration: rules.dueWithin, ruleKey: "return_visits.due_within",
            warnAt: warnAt)
        visit.dueAt = clock.dueAt
        try await ReturnVisitRepository(db: db).insert(visit)
        try await audit(visit, nil, "return_visit.opened", "due \(ISO8601DateFormatter().string(from: clock.dueAt))",
                        rule: customer.isMember ? "return_visits.coverage" : "return_visits.due_within", db: db)
    }

    package struct AttemptRequest: Decodable {
        package let outcome: ReturnVisitAttemptOutcome
        package var note: String? = nil
        package var satisfaction: ReturnVisitSatisfaction? = nil
        package var resolved: Bool? = nil
        package var escalate: Bool? = nil
        /// RTV-10: the customer is busy and books another time.
        package var bookAt: Date? = nil
        package var survey: SurveyRequest? = nil
        package var version: Int? = nil

        package init(outcome: ReturnVisitAttemptOutcome, note: String? = nil, satisfaction: ReturnVisitSatisfaction? = nil, resolved: Bool? = nil, escalate: Bool? = nil, bookAt: Date? = nil, survey: SurveyRequest? = nil, version: Int? = nil) {
            self.outcome = outcome
            self.note = note
            self.satisfaction = satisfaction
            self.resolved = resolved
            self.escalate = escalate
            self.bookAt = bookAt
            self.survey = survey
            self.version = version
        }

        package enum CodingKeys: String, CodingKey {
            case outcome, note, satisfaction, resolved, escalate, survey, version
            case bookAt = "book_at"
        }
    }

    /// Logs one attempt (always recorded when posted, RTV-07 governs only scheduling); a reached customer
    /// ends the visit with the satisfaction and, when given, the survey.
    package func attempt(visitID: UUID, _ request: AttemptRequest, by staff: StaffUser) async throws -> ReturnVisitRecord {
        let note = request.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        if (note?.count ?? 0) > 2_000 { throw DomainError.validation(fields: ["note": "error.field.too_long"]) }
        let now = services.now()
        if request.outcome == .reached, request.satisfaction == nil, request.survey == nil {
            throw DomainError.validation(fields: ["satisfaction": "error.field.required"])
        }
        if let book = request.bookAt, book <= now { throw DomainError.validation(fields: ["book_at": "error.field.future"]) }
        let answers = try request.survey.map { try SurveyAnswers($0.ratings, scale: services.rulebook.surveys.scale) }
        // Escalating into a complaint needs a case number, taken outside the transaction (as every case's).
        let unresolved = request.outcome == .reached && request.resolved == false
        let escalating = request.outcome == .reached && request.escalate == true
        let complaintNumber = escalating ? try await OpenCase(db: db, services: services).reserveNumber(for: .complaint) : nil
        return try await db.transaction { db in
            guard let visit = try await ReturnVisitRepository(db: db).find(ReturnVisitRecord.self, visitID) else { throw DomainError.notFound(subject: "return_visit") }
            if let version = request.version, version != visit.version { throw DomainError.staleVersion(current: visit.version) }
            guard visit.state == ReturnVisitState.open.rawValue else { throw DomainError.invalidTransition(from: visit.state, to: "attempt") }
            let attempt = ReturnVisitAttemptRecord()
            attempt.visitID = visitID
            attempt.outcome = request.outcome.rawValue
            attempt.note = note
            attempt.at = now
            attempt.byID = staff.id
            attempt.byName = staff.displayName
            try await ReturnVisitRepository(db: db).insert(attempt)
            if request.outcome.isFailure { visit.failedAttempts += 1 }
            if request.outcome == .wrongNumber { visit.wrongNumber = true }
            if let book = request.bookAt { visit.bookedAt = book }
            var summary = request.outcome.rawValue
            if request.outcome.endsVisit {
                let satisfaction = request.satisfaction ?? answers.map(Self.satisfaction)
                visit.state = ReturnVisitState.done.rawValue
                visit.satisfaction = request.outcome == .reached ? satisfaction?.rawValue : nil
                visit.resolved = request.outcome == .reached ? !unresolved : nil
                visit.escalated = escalating
                visit.note = note
                visit.doneAt = now
                visit.doneBy = staff.displayName
                try await DeadlineService(db: db, services: services).meet(kind: Self.clockKind, subjectType: Self.clockKind, subjectID: visitID, actor: staff)
                if request.outcome == .reached {
                    guard let caseRecord = try await CaseRepository(db: db).find(visit.caseID) else { throw DomainError.notFound(subject: "case") }
                    if let answers {
                        _ = try await Surveys(db: db, services: services).store(answers, comment: note, serious: false, caseRecord: caseRecord,
                                                                                visitID: visitID, source: "agent", by: staff)
                    }
                    try await followUp(visit, caseRecord: caseRecord, satisfaction: satisfaction, unresolved: unresolved,
                                       complaintNumber: complaintNumber, note: note, by: staff, db: db)
                }
                summary += " \(visit.satisfaction ?? "")"
            }
            visit.version += 1
            try await ReturnVisitRepository(db: db).save(visit)
            try await audit(visit, staff, "return_visit.attempt", summary, rule: request.outcome.isFailure ? ReturnVisitPolicy.attemptsKey : nil, db: db)
            return visit
        }
    }

    /// RTV-03: closed as unreachable after the configured failed attempts, or at once on a wrong number.
    package func closeUnreachable(visitID: UUID, by staff: StaffUser) async throws -> ReturnVisitRecord {
        try await db.transaction { db in
            guard let visit = try await ReturnVisitRepository(db: db).find(ReturnVisitRecord.self, visitID) else { throw DomainError.notFound(subject: "return_visit") }
            guard visit.state == ReturnVisitState.open.rawValue else { throw DomainError.invalidTransition(from: visit.state, to: "unreachable") }
            try ReturnVisitPolicy.checkUnreachable(failedAttempts: visit.failedAttempts, wrongNumber: visit.wrongNumber,
                                                   maxAttempts: services.rulebook.returnVisits.maxAttempts)
            visit.state = ReturnVisitState.unreachable.rawValue
            visit.doneAt = services.now()
            visit.doneBy = staff.displayName
            visit.version += 1
            try await ReturnVisitRepository(db: db).save(visit)
            try await DeadlineService(db: db, services: services).meet(kind: Self.clockKind, subjectType: Self.clockKind, subjectID: visitID, actor: staff)
            try await audit(visit, staff, "return_visit.unreachable", "\(visit.failedAttempts) failed\(visit.wrongNumber ? ", wrong number" : "")",
                            rule: ReturnVisitPolicy.attemptsKey, db: db)
            return visit
        }
    }

    /// RTV-04 and RTV-13: what a finished conversation changes beyond the visit.
    private func followUp(_ visit: ReturnVisitRecord, caseRecord: CaseRecord, satisfaction: ReturnVisitSatisfaction?, unresolved: Bool,
                          complaintNumber: String?, note: String?, by staff: StaffUser, db: any Database) async throws {
        let now = services.now()
        let label = satisfaction.map { "回访：\($0.rawValue)" } ?? "回访"
        // RTV-13: the customer file keeps what the customer said.
        try await CustomerRepository(db: db).addNote(CustomerNoteRecord(
            customerID: caseRecord.customerID, authorID: staff.id, authorName: staff.displayName,
            body: "\(label) · \(caseRecord.number)\(note.map { " · " + $0 } ?? "")", createdAt: now))
        guard ReturnVisitPolicy.needsFeedback(satisfaction: satisfaction, resolved: !unresolved, escalate: complaintNumber != nil) else { return }
        if unresolved, let status = CaseStatus(rawValue: caseRecord.status), !status.isOpen {
            try await CaseActions(db: db, services: services).apply(caseRecord, by: staff, action: "case.reopened",
                                                                    ruleKey: "return_visits.unresolved_feedback_to", db: db) { serviceCase, record, db in
                try serviceCase.reopen()
                record.resolution = nil
                try await CaseClocks(db: db, services: services).startResolve(for: record)
                return "return visit: unresolved"
            }
        }
        var complaintID: UUID?
        if let complaintNumber {
            let input = OpenCase.Input(type: .complaint, channel: .phone, customerID: caseRecord.customerID, newCustomer: nil,
                                       subject: caseRecord.subject, description: note ?? caseRecord.subject, priority: .high,
                                       departmentID: caseRecord.departmentID, assigneeID: nil, callAt: nil, callerRegion: caseRecord.callerRegion,
                                       contact: caseRecord.contact, relatedDepartmentID: nil, feedbackResult: nil, appointmentAt: nil)
            let complaint = try await OpenCase(db: db, services: services).run(input, by: staff, number: complaintNumber)
            try await CaseRepository(db: db).addLink(CaseLinkRecord(caseID: complaint.id!, otherCaseID: caseRecord.id!, kind: "escalated_from",
                                                                    createdBy: staff.id, createdAt: now))
            complaintID = complaint.id
        }
        // RTV-04: the written feedback (书面反馈) to the CS director.
        let role = services.rulebook.returnVisits.unresolvedFeedbackTo
        try await Notifier(db: db, services: services).notify(role: role, departmentID: nil, Notifier.Notice(
            kind: "return_visit.feedback", titleKey: unresolved ? "notice.return_visit_feedback_unresolved" : "notice.return_visit_feedback",
            titleArgument: caseRecord.number,
            link: "/return-visits/\(visit.id!)", subjectType: "case", subjectID: complaintID ?? caseRecord.id!,
            dedupeKey: "return_visit_feedback:\(visit.id!)", titleWordKey: satisfaction.map { "rtv.satisfaction.\($0.rawValue)" }))
        try await audit(visit, staff, "return_visit.feedback", "→ \(role.rawValue)\(complaintID.map { " complaint \($0)" } ?? "")",
                        rule: "return_visits.unresolved_feedback_to", db: db)
    }

    /// The 3-outcome record of a 4-item survey: the worst item decides (SAT-11 maps 较差 to 不满意).
    package static func satisfaction(of answers: SurveyAnswers) -> ReturnVisitSatisfaction {
        let values = Set(answers.ratings.values)
        if values.contains("poor") || values.contains("unsatisfied") { return .unsatisfied }
        if values.contains("average") { return .average }
        return .satisfied
    }

    package func audit(_ visit: ReturnVisitRecord, _ staff: StaffUser?, _ action: String, _ summary: String, rule: String?, db: any Database) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff?.id, actorName: staff?.username ?? "system", action: action, subjectType: "case",
            subjectID: visit.caseID, summary: summary, ruleKey: rule, rulebookVersion: services.rulebook.versionShort))
    }
}
