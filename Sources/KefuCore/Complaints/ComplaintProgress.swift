import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The handler's steps on the form between acceptance and closure: the report to the VP in charge and the
/// VP's instruction (CMP-15), responsibility and loss (CMP-16/17), what the customer is told (CMP-18/19,
/// CMP-24/25) and the petition when the customer objects to "not established" (CMP-20).
package struct ComplaintProgress {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package static let petitionSubject = "complaint_petition"

    /// CMP-15: the report is a document the VP in charge reads and instructs on.
    package func report(caseID: UUID, content: String, by staff: StaffUser) async throws -> ComplaintRecord {
        let content = try CaseActions.required(content, field: "content", limit: 8_000)
        return try await change(caseID, staff, handler: true) { access, complaint, db in
            try access.requireOpen()
            complaint.reportText = content
            complaint.reportAt = services.now()
            complaint.reportBy = staff.displayName
            try await DeadlineService(db: db, services: services).meet(kind: ComplaintTasks.reportClockKind, subjectType: CaseClocks.subjectType,
                                                                       subjectID: caseID, actor: staff)
            let role = services.rulebook.complaints.reportTo
            try await Notifier(db: db, services: services).notify(role: role, departmentID: nil, Notifier.Notice(
                kind: "complaint.report", titleKey: "notice.complaint_report", titleArgument: "\(access.caseRecord.number) \(access.caseRecord.subject)",
                link: "/cases/\(caseID)/complaint/report", subjectType: "case", subjectID: caseID, dedupeKey: "complaint_report:\(caseID):\(complaint.version)"))
            return ("complaint.reported", "→ \(role.rawValue)", "complaints.report_to")
        }
    }

    /// CMP-15 / CMP-17: only the role the rulebook names (the VP in charge) instructs on the report.
    package func instruct(caseID: UUID, instruction: String, by staff: StaffUser) async throws -> ComplaintRecord {
        let instruction = try CaseActions.required(instruction, field: "instruction", limit: 4_000)
        let role = services.rulebook.complaints.reportTo
        guard staff.roles.contains(role) else { throw DomainError.forbidden(reason: "error.complaint.not_report_reader") }
        return try await change(caseID, staff, handler: false) { _, complaint, _ in
            guard complaint.reportAt != nil else { throw DomainError.invalidTransition(from: "no_report", to: "instructed") }
            guard complaint.instructedAt == nil else { throw DomainError.conflict(reason: "error.complaint.already_instructed") }
            complaint.instructionText = instruction
            complaint.instructedAt = services.now()
            complaint.instructedBy = staff.displayName
            return ("complaint.instructed", String(instruction.prefix(80)), "complaints.report_to")
        }
    }

    package struct ResponsibilityRequest: Decodable {
        package let responsibleDepartmentID: UUID
        package let fault: ComplaintFault
        package let trackImprovement: Bool
        package var lossBasis: String? = nil
        package var lossAmount: MoneyInput? = nil
        package var penaltyType: ComplaintPenaltyType? = nil
        package var penaltyPersonID: UUID? = nil

        package init(responsibleDepartmentID: UUID, fault: ComplaintFault, trackImprovement: Bool, lossBasis: String? = nil, lossAmount: MoneyInput? = nil, penaltyType: ComplaintPenaltyType? = nil, penaltyPersonID: UUID? = nil) {
            self.responsibleDepartmentID = responsibleDepartmentID
            self.fault = fault
            self.trackImprovement = trackImprovement
            self.lossBasis = lossBasis
            self.lossAmount = lossAmount
            self.penaltyType = penaltyType
            self.penaltyPersonID = penaltyPersonID
        }

        package enum CodingKeys: String, CodingKey {
            case fault
            case responsibleDepartmentID = "responsible_department_id", trackImprovement = "track_improvement"
            case lossBasis = "loss_basis", lossAmount = "loss_amount", penaltyType = "penalty_type", penaltyPersonID = "penalty_person_id"
        }
    }

    /// CMP-16 / CMP-17: the unit where the problem arose, whether its improvement is case-tracked, the loss
    /// amount by the loss standard and the individual penalty type by the deduction standard.
    package func responsibility(caseID: UUID, _ request: ResponsibilityRequest, by staff: StaffUser) async throws -> ComplaintRecord {
        let rules = services.rulebook.complaints
        var fields: [String: String] = [:]
        if let basis = request.lossBasis, !rules.lossBases.contains(basis) { fields["loss_basis"] = "error.field.choice" }
        if let amount = request.lossAmount?.value {
            if amount < 0 { fields["loss_amount"] = "error.field.invalid_value" }
            if request.lossBasis == nil { fields["loss_basis"] = "error.field.required" }
        }
        let penalty = request.penaltyType ?? .none
        if penalty != .none, request.penaltyPersonID == nil { fields["penalty_person_id"] = "error.field.required" }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        guard rules.penaltyTypes.contains(penalty) else {
            throw DomainError.ruleViolation(rule: "complaints.penalty_types", reason: "rule.complaints.penalty_type")
        }
        if request.fault.exemptFromTracking, request.trackImprovement {
            throw DomainError.ruleViolation(rule: "complaints.human_negligence_exempt", reason: "rule.complaints.negligence_not_tracked")
        }
        guard try await OrganizationRepository(db: db).department(request.responsibleDepartmentID) != nil else {
            throw DomainError.validation(fields: ["responsible_department_id": "error.field.unknown_department"])
        }
        if let person = request.penaltyPersonID, try await UserRepository(db: db).find(person) == nil {
            throw DomainError.validation(fields: ["penalty_person_id": "error.field.unknown_user"])
        }
        return try await change(caseID, staff, handler: true) { access, complaint, _ in
            try access.requireOpen()
            complaint.responsibleDepartmentID = request.responsibleDepartmentID
            complaint.fault = request.fault.rawValue
            complaint.trackImprovement = request.trackImprovement
            complaint.lossBasis = request.lossBasis
            complaint.lossAmount = request.lossAmount.map { MoneyInput.text($0.value) }
            complaint.penaltyType = penalty.rawValue
            complaint.penaltyPersonID = penalty == .none ? nil : request.penaltyPersonID
            return ("complaint.responsibility", "\(request.fault.rawValue) track=\(request.trackImprovement) \(complaint.lossAmount ?? "") \(penalty.rawValue)",
                    request.fault.exemptFromTracking ? "complaints.human_negligence_exempt" : "complaints.loss_bases")
        }
    }

    package struct ReplyRequest: Decodable {
        package let kind: ComplaintReplyKind
        package let channel: ComplaintReplyChannel
        package let content: String
        package var nextReplyAt: Date? = nil

        package init(kind: ComplaintReplyKind, channel: ComplaintReplyChannel, content: String, nextReplyAt: Date? = nil) {
            self.kind = kind
            self.channel = channel
            self.content = content
            self.nextReplyAt = nextReplyAt
        }

        package enum CodingKeys: String, CodingKey { case kind, channel, content, nextReplyAt = "next_reply_at" }
    }

    /// CMP-18: nothing is agreed with the customer before the settlement is approved; CMP-24: a complaint that
    /// is not resolved yet gets a next reply time; CMP-19: what the customer receives is the reply, never the form.
    package func reply(caseID: UUID, _ request: ReplyRequest, by staff: StaffUser) async throws -> ComplaintRecord {
        let content = try CaseActions.required(request.content, field: "content", limit: 4_000)
        return try await change(caseID, staff, handler: true) { access, complaint, db in
            // A closed complaint was answered before it closed (CMP-25); nothing more is promised on it.
            guard access.caseRecord.status != CaseStatus.closed.rawValue else { throw DomainError.invalidTransition(from: access.caseRecord.status, to: "replied") }
            let now = services.now()
            switch request.kind {
            case .progress:
                guard let next = request.nextReplyAt else { throw DomainError.validation(fields: ["next_reply_at": "error.complaint.next_reply_required"]) }
                guard next > now else { throw DomainError.validation(fields: ["next_reply_at": "error.field.future"]) }
                complaint.nextReplyAt = next
            case .conclusion:
                guard complaint.decisionState == ComplaintDecisionState.approved.rawValue else {
                    throw DomainError.ruleViolation(rule: ComplaintSettlementChain.ruleKey, reason: "rule.complaints.reply_before_approval")
                }
                complaint.nextReplyAt = nil
            }
            complaint.replyChannel = request.channel.rawValue
            complaint.replyText = content
            complaint.repliedAt = now
            // The customer-facing note keeps the conversation in the case; the form itself stays internal.
            try await CaseRepository(db: db).addNote(CaseNoteRecord(caseID: caseID, authorID: staff.id, authorName: staff.displayName,
                                                                    body: content, isInternal: false, createdAt: now))
            try await CaseClocks(db: db, services: services).meet("first_response", access.caseRecord, by: staff)
            return ("complaint.replied_\(request.kind.rawValue)", "\(request.channel.rawValue)",
                    request.kind == .conclusion ? ComplaintSettlementChain.ruleKey : "CMP-24")
        }
    }

    /// CMP-20: the complaint was not established and the customer objects — a petition (签呈) to the superior.
    package func petition(caseID: UUID, content: String, by staff: StaffUser) async throws -> ComplaintRecord {
        let content = try CaseActions.required(content, field: "content", limit: 4_000)
        return try await change(caseID, staff, handler: true) { _, complaint, db in
            guard complaint.decisionMethod == ComplaintSettlementMethod.notEstablished.rawValue,
                  complaint.decisionState == ComplaintDecisionState.approved.rawValue else {
                throw DomainError.invalidTransition(from: complaint.decisionState, to: "petition")
            }
            guard complaint.petitionApprovalID == nil else { throw DomainError.conflict(reason: "error.complaint.petition_exists") }
            let role = services.rulebook.complaints.petitionTo
            let approval = try await ApprovalEngine(db: db, services: services).start(
                chain: ApprovalChain(steps: [ApprovalStepSpec(role: role)], ruleKey: "complaints.petition_to"),
                subjectType: Self.petitionSubject, subjectID: complaint.id!, requestedBy: staff.id, requesterName: staff.username)
            complaint.petitionText = content
            complaint.petitionApprovalID = approval.id
            return ("complaint.petition", "→ \(role.rawValue)", "complaints.petition_to")
        }
    }

    /// Loads, checks access, applies, bumps the version and audits — one transaction.
    private func change(_ caseID: UUID, _ staff: StaffUser, handler: Bool,
                        _ body: @escaping @Sendable (ComplaintAccess, ComplaintRecord, any Database) async throws -> (String, String, String?)) async throws -> ComplaintRecord {
        try await db.transaction { db in
            let access = try await ComplaintAccess.load(caseID, staff: staff, db: db)
            if handler { try access.requireHandler() }
            let complaint = access.complaint
            let (action, summary, rule) = try await body(access, complaint, db)
            complaint.version += 1
            try await ComplaintRepository(db: db).save(complaint)
            try await Complaints(db: db, services: services).audit(caseID, staff, action, summary, ruleKey: rule, db: db)
            return complaint
        }
    }
}
