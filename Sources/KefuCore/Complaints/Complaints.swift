import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The complaint form on a complaint case (客户投诉处理表, first part of issue 4): its fields (CMP-04),
/// the settlement decision approved by amount (CMP-32) and re-filing when the customer rejects the
/// conclusion (CMP-34). Each in the caller's or its own transaction.
package struct Complaints {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package static let decisionSubject = "complaint_decision"

    /// Stores the form of a freshly opened complaint case (inside `OpenCase`'s caller's transaction).
    package func record(_ form: ComplaintFormRequest, for caseRecord: CaseRecord, refiledFrom: UUID? = nil) async throws {
        guard caseRecord.type == CaseType.complaint.rawValue else { throw DomainError.validation(fields: ["complaint": "error.complaint.case_type"]) }
        var fields: [String: String] = [:]
        let request = form.customerRequest.trimmingCharacters(in: .whitespacesAndNewlines)
        if request.isEmpty { fields["complaint.customer_request"] = "error.field.required" }
        if request.count > 2_000 { fields["complaint.customer_request"] = "error.field.too_long" }
        for (name, value) in [("cause", form.cause), ("order_no", form.orderNo), ("batch_no", form.batchNo)] where (value?.count ?? 0) > 64 {
            fields["complaint.\(name)"] = "error.field.too_long"
        }
        if let shipped = form.shippedOn, LocalDate(shipped) == nil { fields["complaint.shipped_on"] = "error.field.date" }
        if !InputLimits.acceptsQuantity(form.defectiveQty) { fields["complaint.defective_qty"] = "error.field.out_of_range" }
        if let claim = form.claimAmount?.value, claim < 0 { fields["complaint.claim_amount"] = "error.field.invalid_value" }
        for (name, value) in [("spec_quantity", form.specQuantity), ("sample_location", form.sampleLocation)] where (value?.count ?? 0) > 200 {
            fields["complaint.\(name)"] = "error.field.too_long"
        }
        if (form.marketingOpinion?.count ?? 0) > 2_000 { fields["complaint.marketing_opinion"] = "error.field.too_long" }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        let record = ComplaintRecord()
        record.id = services.newID()
        record.caseID = caseRecord.id!
        record.category = form.category.rawValue
        record.cause = form.cause?.nilIfBlank
        record.orderNo = form.orderNo?.nilIfBlank
        record.batchNo = form.batchNo?.nilIfBlank
        record.shippedOn = form.shippedOn?.nilIfBlank
        record.defectiveQuantity = form.defectiveQty
        record.customerRequest = request
        record.claimAmount = form.claimAmount.map { MoneyInput.text($0.value) }
        record.severity = (form.severity ?? .general).rawValue
        record.decisionState = ComplaintDecisionState.none.rawValue
        record.refiledFromID = refiledFrom
        record.specQuantity = form.specQuantity?.nilIfBlank
        record.sampleReceived = form.sampleReceived
        record.sampleLocation = form.sampleReceived == true ? form.sampleLocation?.nilIfBlank : nil
        record.marketingOpinion = form.marketingOpinion?.nilIfBlank
        record.version = 1
        try await ComplaintRepository(db: db).insert(record)
        try await route(record, caseRecord: caseRecord)
    }

    /// CMP-29: the complaint goes to the handler its severity calls for; CMP-27: a major complaint is also
    /// reported to the department manager at once.
    private func route(_ complaint: ComplaintRecord, caseRecord: CaseRecord) async throws {
        let severity = ComplaintRules.Severity(rawValue: complaint.severity) ?? .general
        let notifier = Notifier(db: db, services: services)
        let notice = Notifier.Notice(kind: "complaint.severity", titleKey: "notice.complaint_\(severity.rawValue)",
                                     titleArgument: "\(caseRecord.number) \(caseRecord.subject)", link: "/cases/\(caseRecord.id!)/complaint",
                                     subjectType: "case", subjectID: caseRecord.id!, dedupeKey: "complaint:\(caseRecord.id!):severity")
        let handler = services.rulebook.complaints.handlerRole(for: severity)
        try await notifier.notify(role: handler, departmentID: nil, notice)
        if severity == .major, handler != .deptManager {
            try await notifier.notify(role: .deptManager, departmentID: caseRecord.departmentID, notice)
        }
        try await audit(caseRecord.id!, nil, "complaint.routed", "\(severity.rawValue) → \(handler.rawValue)",
                        ruleKey: "complaints.severity_routing", db: db)
    }

    /// CMP-32: the settlement decision starts a one-step approval whose role follows the amount band.
    package func decide(caseID: UUID, _ request: ComplaintDecisionRequest, by staff: StaffUser) async throws -> CaseRecord {
        let reason = try CaseActions.required(request.reason, field: "reason", limit: 2_000)
        guard request.amount.value >= 0 else { throw DomainError.validation(fields: ["amount": "error.field.invalid_value"]) }
        if !InputLimits.acceptsQuantity(request.returnQty) { throw DomainError.validation(fields: ["return_qty": "error.field.out_of_range"]) }
        // CMP-38: the approved return quantity is what the person entered, for a return or reprocessing only.
        let returnQuantity = try request.method.approvedReturnQuantity(request.returnQty)
        return try await db.transaction { db in
            let scope = try await CaseScope.of(staff, db: db)
            let caseRecord = try await scope.readable(caseID, db: db)
            guard CaseAccess.canAct(scope.viewer, caseRecord.parties) else { throw DomainError.forbidden(reason: "error.case.not_yours") }
            guard let complaint = try await ComplaintRepository(db: db).form(caseID: caseID) else { throw DomainError.notFound(subject: "complaint") }
            guard CaseStatus(rawValue: caseRecord.status)?.isOpen == true else {
                throw DomainError.invalidTransition(from: caseRecord.status, to: "decision")
            }
            guard complaint.decisionState != ComplaintDecisionState.pending.rawValue else { throw DomainError.conflict(reason: "error.complaint.decision_pending") }
            guard complaint.decisionState != ComplaintDecisionState.approved.rawValue else { throw DomainError.conflict(reason: "error.complaint.decided") }
            let chain = ComplaintSettlementChain.chain(rulebook: services.rulebook, amount: request.amount.value)
            let approval = try await ApprovalEngine(db: db, services: services).start(
                chain: chain, subjectType: Self.decisionSubject, subjectID: complaint.id!, requestedBy: staff.id, requesterName: staff.username)
            complaint.decisionMethod = request.method.rawValue
            complaint.decisionAmount = MoneyInput.text(request.amount.value)
            complaint.decisionReason = reason
            complaint.responsibleDepartmentID = request.responsibleDepartmentID
            complaint.trackImprovement = request.trackImprovement
            complaint.returnQuantity = returnQuantity
            complaint.approvalID = approval.id
            complaint.decisionState = ComplaintDecisionState.pending.rawValue
            complaint.version += 1
            try await ComplaintRepository(db: db).save(complaint)
            try await audit(caseID, staff, "complaint.decision_requested",
                            "\(request.method.rawValue) \(MoneyInput.text(request.amount.value)) → \(chain.steps.map(\.role.rawValue).joined())",
                            ruleKey: ComplaintSettlementChain.ruleKey, db: db)
            return caseRecord
        }
    }

    /// CMP-34: the customer rejected the conclusion — a new complaint case, linked, with the same form.
    package func refile(caseID: UUID, reason: String, by staff: StaffUser) async throws -> CaseRecord {
        let reason = try CaseActions.required(reason, field: "reason", limit: 2_000)
        let original = try await CaseScope.of(staff, db: db).readable(caseID, db: db)
        guard let form = try await ComplaintRepository(db: db).form(caseID: caseID) else { throw DomainError.notFound(subject: "complaint") }
        // CMP-34: the customer rejects the *concluded* form; an open complaint is still being handled.
        guard original.status == CaseStatus.closed.rawValue || original.status == CaseStatus.resolved.rawValue else {
            throw DomainError.invalidTransition(from: original.status, to: "refiled")
        }
        let number = try await OpenCase(db: db, services: services).reserveNumber(for: .complaint)
        return try await db.transaction { db in
            let input = OpenCase.Input(type: .complaint, channel: CaseChannel(rawValue: original.channel) ?? .phone, customerID: original.customerID,
                                       newCustomer: nil, subject: original.subject, description: reason, priority: CasePriority(rawValue: original.priority),
                                       departmentID: original.departmentID, assigneeID: nil, callAt: nil, callerRegion: original.callerRegion,
                                       contact: original.contact, relatedDepartmentID: original.relatedDepartmentID, feedbackResult: nil, appointmentAt: nil)
            let refiled = try await OpenCase(db: db, services: services).run(input, by: staff, number: number)
            let copy = ComplaintFormRequest(category: ComplaintCategory(rawValue: form.category) ?? .quality, cause: form.cause, orderNo: form.orderNo,
                                            batchNo: form.batchNo, shippedOn: form.shippedOn, defectiveQty: form.defectiveQuantity,
                                            customerRequest: form.customerRequest, claimAmount: form.claimAmount.flatMap { Decimal(string: $0) }.map(MoneyInput.init(value:)),
                                            severity: ComplaintRules.Severity(rawValue: form.severity), specQuantity: form.specQuantity,
                                            sampleReceived: form.sampleReceived, sampleLocation: form.sampleLocation,
                                            marketingOpinion: form.marketingOpinion)
            try await Complaints(db: db, services: services).record(copy, for: refiled, refiledFrom: caseID)
            let now = services.now()
            try await CaseRepository(db: db).addLink(CaseLinkRecord(caseID: refiled.id!, otherCaseID: caseID, kind: "refiled_from", createdBy: staff.id, createdAt: now))
            try await CaseRepository(db: db).addLink(CaseLinkRecord(caseID: caseID, otherCaseID: refiled.id!, kind: "refiled_as", createdBy: staff.id, createdAt: now))
            try await audit(caseID, staff, "complaint.refiled", "as \(refiled.number)", ruleKey: nil, db: db)
            return refiled
        }
    }

    package func audit(_ caseID: UUID, _ staff: StaffUser?, _ action: String, _ summary: String, ruleKey: String?, db: any Database) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff?.id, actorName: staff?.username ?? "system", action: action, subjectType: "case",
            subjectID: caseID, summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}
