import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// After closure (CMP-35..39): the sales department executes the approved method. A discount or
/// compensation gets a 销货折扣证明单 countersigned by the sales VP and signed by the customer, then booked
/// by finance (CMP-36); a return or reprocessing gets a 产品退货单 approved by the sales VP, received by the
/// warehouse with the actually returned quantity (CMP-39), and booked by finance only when that quantity
/// matches the approved one (CMP-38).
package struct ComplaintSlipFlow {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package static let subject = "complaint_slip"

    package struct IssueRequest: Decodable {
        package var reason: String? = nil
        package var basis: String? = nil

        package init(reason: String? = nil, basis: String? = nil) {
            self.reason = reason
            self.basis = basis
        }
    }

    package func issue(caseID: UUID, kind: ComplaintSlipKind, _ request: IssueRequest, by staff: StaffUser) async throws -> ComplaintSlipRecord {
        try await db.transaction { db in
            let access = try await ComplaintAccess.load(caseID, staff: staff, db: db, roles: ComplaintAccess.formReaders)
            guard access.canAct || staff.roles.contains(.salesManager) || staff.roles.contains(.marketing) else {
                throw DomainError.forbidden(reason: "error.case.not_yours")
            }
            let complaint = access.complaint
            // CMP-35: the sales department acts on a *closed* form with an approved method.
            guard access.caseRecord.status == CaseStatus.closed.rawValue,
                  complaint.decisionState == ComplaintDecisionState.approved.rawValue,
                  let method = complaint.decisionMethod.flatMap(ComplaintSettlementMethod.init(rawValue:)) else {
                throw DomainError.invalidTransition(from: access.caseRecord.status, to: "slip")
            }
            guard ComplaintSlipKind.forMethod(method) == kind else {
                throw DomainError.ruleViolation(rule: ComplaintSettlementChain.ruleKey, reason: "rule.complaints.slip_kind")
            }
            guard try await ComplaintRepository(db: db).slip(caseID: caseID, kind: kind.rawValue) == nil else {
                throw DomainError.conflict(reason: "error.complaint.slip_exists")
            }
            var fields: [String: String] = [:]
            let reason = request.reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
            let basis = request.basis?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
            if kind == .returnGoods {
                if reason == nil { fields["reason"] = "error.field.required" }
                if basis == nil { fields["basis"] = "error.field.required" }
                if complaint.returnQuantity == nil { fields["return_qty"] = "error.complaint.no_return_qty" }
            }
            if (reason?.count ?? 0) > 2_000 { fields["reason"] = "error.field.too_long" }
            if (basis?.count ?? 0) > 2_000 { fields["basis"] = "error.field.too_long" }
            guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
            let slip = ComplaintSlipRecord()
            slip.id = services.newID()
            slip.caseID = caseID
            slip.kind = kind.rawValue
            slip.method = method.rawValue
            slip.amount = complaint.decisionAmount
            slip.reason = reason
            slip.basis = basis
            slip.approvedQuantity = kind == .returnGoods ? complaint.returnQuantity : nil
            slip.state = ComplaintSlipState.pendingApproval.rawValue
            slip.createdBy = staff.displayName
            slip.createdAt = services.now()
            slip.version = 1
            let approval = try await ApprovalEngine(db: db, services: services).start(
                chain: ApprovalChain(steps: [ApprovalStepSpec(role: services.rulebook.complaints.slipApprover)], ruleKey: "complaints.slip_approver"),
                subjectType: Self.subject, subjectID: slip.id!, requestedBy: staff.id, requesterName: staff.username)
            slip.approvalID = approval.id
            try await ComplaintRepository(db: db).insert(slip)
            try await Complaints(db: db, services: services).audit(caseID, staff, "complaint.slip_issued", "\(kind.rawValue) \(slip.amount ?? "")",
                                                                    ruleKey: "complaints.slip_approver", db: db)
            return slip
        }
    }

    /// The customer signed (or sealed) the discount certificate (CMP-36).
    package func customerSigned(caseID: UUID, signedBy: String, version: Int?, by staff: StaffUser) async throws -> ComplaintSlipRecord {
        let name = try CaseActions.required(signedBy, field: "signed_by", limit: 100)
        return try await step(caseID, .discount, version: version, staff: staff, from: [.approved], action: "customer_signed") { slip in
            slip.customerSignedBy = name
            slip.customerSignedAt = services.now()
            slip.state = ComplaintSlipState.customerSigned.rawValue
        }
    }

    /// The warehouse checks the returned goods against the slip and signs for them (CMP-39).
    package func receive(caseID: UUID, quantity: Int, version: Int?, by staff: StaffUser) async throws -> ComplaintSlipRecord {
        guard staff.roles.contains(.warehouse) || staff.roles.contains(.admin) else { throw DomainError.forbidden(reason: "error.complaint.warehouse_only") }
        return try await step(caseID, .returnGoods, version: version, staff: staff, from: [.approved, .received], action: "received") { slip in
            try ReturnReconciliation.checkReceipt(received: quantity, approved: slip.approvedQuantity ?? 0)
            slip.receivedQuantity = quantity
            slip.receivedBy = staff.displayName
            slip.receivedAt = services.now()
            slip.state = ComplaintSlipState.received.rawValue
        }
    }

    /// Finance books the voucher (传票): the discount certificate once signed (CMP-36); the return slip only
    /// when the approved and the returned quantities match (CMP-38).
    package func book(caseID: UUID, kind: ComplaintSlipKind, voucherNo: String, version: Int?, by staff: StaffUser) async throws -> ComplaintSlipRecord {
        guard staff.roles.contains(.finance) || staff.roles.contains(.admin) else { throw DomainError.forbidden(reason: "error.complaint.finance_only") }
        let voucher = try CaseActions.required(voucherNo, field: "voucher_no", limit: 64)
        let from: [ComplaintSlipState] = kind == .discount ? [.customerSigned] : [.received, .approved]
        return try await step(caseID, kind, version: version, staff: staff, from: from, action: "booked") { slip in
            if kind == .returnGoods { try ReturnReconciliation.checkBooking(approved: slip.approvedQuantity ?? 0, received: slip.receivedQuantity) }
            slip.voucherNo = voucher
            slip.bookedBy = staff.displayName
            slip.bookedAt = services.now()
            slip.state = ComplaintSlipState.booked.rawValue
        }
    }

    private func step(_ caseID: UUID, _ kind: ComplaintSlipKind, version: Int?, staff: StaffUser, from: [ComplaintSlipState], action: String,
                      _ body: @escaping @Sendable (ComplaintSlipRecord) throws -> Void) async throws -> ComplaintSlipRecord {
        try await db.transaction { db in
            _ = try await ComplaintAccess.load(caseID, staff: staff, db: db, roles: ComplaintAccess.formReaders)
            guard let slip = try await ComplaintRepository(db: db).slip(caseID: caseID, kind: kind.rawValue) else {
                throw DomainError.notFound(subject: "complaint_slip")
            }
            if let version, version != slip.version { throw DomainError.staleVersion(current: slip.version) }
            guard let state = ComplaintSlipState(rawValue: slip.state), from.contains(state) else {
                throw DomainError.invalidTransition(from: slip.state, to: action)
            }
            try body(slip)
            slip.version += 1
            try await ComplaintRepository(db: db).save(slip)
            try await Complaints(db: db, services: services).audit(caseID, staff, "complaint.slip_\(action)", "\(kind.rawValue)",
                                                                    ruleKey: kind == .returnGoods ? ReturnReconciliation.ruleKey : nil, db: db)
            return slip
        }
    }
}
