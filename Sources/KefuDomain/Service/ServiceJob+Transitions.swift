import Foundation

/// State-machine moves of `ServiceJob`. Each method checks the role, then the rules and the
/// source state, then the inputs, and mutates only when all pass.
extension ServiceJob {
    /// SRV-11: the off-site application was approved; the job can now be dispatched.
    public mutating func offsiteApproved(at now: Date) throws {
        guard status == .awaitingOffsiteApproval else { throw illegal(.registered) }
        offsiteApproval = .approved
        status = .registered
        touch(now)
    }

    /// SRV-11: the off-site application was rejected; nobody may be sent, so the job ends.
    public mutating func offsiteRejected(at now: Date) throws {
        guard status == .awaitingOffsiteApproval else { throw illegal(.cancelled) }
        offsiteApproval = .rejected
        status = .cancelled
        cancelReason = "service.offsite_rejected"
        cancelledAt = now
        touch(now)
    }

    /// SRV-03/04: the department manager (部門經理) dispatches (派工) the job to a service person.
    ///
    /// - Throws: `.forbidden(reason: "service.dispatch_manager_only")` for non-managers;
    ///   `.ruleViolation(rule: "service.offsite_requires_approval", …)` for an off-site job
    ///   without approval (SRV-11); `.invalidTransition` from any state but `registered`.
    public mutating func dispatch(
        to personID: UUID, by managerID: UUID, isDepartmentManager: Bool, at now: Date
    ) throws {
        guard isDepartmentManager else {
            throw DomainError.forbidden(reason: "service.dispatch_manager_only")
        }
        let beforeDispatch = status == .awaitingOffsiteApproval || status == .registered
        if isOffsite, offsiteApproval != .approved, beforeDispatch {
            throw DomainError.ruleViolation(
                rule: "service.offsite_requires_approval",
                reason: "rule.service.offsite_requires_approval")
        }
        guard status == .registered else { throw illegal(.dispatched) }
        assigneeID = personID
        dispatchedBy = managerID
        dispatchedAt = now
        status = .dispatched
        touch(now)
    }

    /// The service person starts the work on site.
    public mutating func startService(at now: Date) throws {
        guard status == .dispatched else { throw illegal(.inService) }
        serviceStartedAt = now
        status = .inService
        touch(now)
    }

    /// SRV-05/08 (+ SRV-06/07 for paid jobs): the assigned service person records the actual
    /// service time and content, the customer's on-the-spot signature and, for paid
    /// service, the fee, whose settlement path is decided against `lowFeeThreshold`.
    ///
    /// - Throws: `.invalidTransition` unless `in_service`;
    ///   `.forbidden(reason: "service.voucher_assignee_only")` if `personID` is not the assignee;
    ///   `.validation(fields:)` merging `ServiceVoucher.validate` and `ServiceFee.validate`.
    public mutating func recordVoucher(
        by personID: UUID, serviceStart: Date, serviceEnd: Date, content: String,
        signature: CustomerSignature?, fee: Decimal? = nil, lowFeeThreshold: Decimal, at now: Date
    ) throws {
        guard status == .inService else { throw illegal(.voucherSigned) }
        guard personID == assigneeID else {
            throw DomainError.forbidden(reason: "service.voucher_assignee_only")
        }
        var errors = ServiceVoucher.validate(
            serviceStart: serviceStart, serviceEnd: serviceEnd, content: content,
            signature: signature, now: now)
        errors.merge(ServiceFee.validate(fee, category: category)) { current, _ in current }
        guard errors.isEmpty else { throw DomainError.validation(fields: errors) }
        let newVoucher = try ServiceVoucher(
            serviceStart: serviceStart, serviceEnd: serviceEnd, content: content,
            signature: signature, recordedBy: personID, now: now)
        let settlement = try ServiceFee.settle(
            fee: fee, category: category, lowFeeThreshold: lowFeeThreshold)
        voucher = newVoucher
        feeSettlement = settlement
        status = .voucherSigned
        touch(now)
    }

    /// SRV-09: the department manager countersigns (核簽) the voucher — only after the
    /// customer signed it, i.e. from `voucher_signed`.
    ///
    /// - Throws: `.forbidden(reason: "service.countersign_manager_only")` for non-managers;
    ///   `.invalidTransition` from any other state.
    public mutating func countersign(by managerID: UUID, isDepartmentManager: Bool, at now: Date) throws {
        guard isDepartmentManager else {
            throw DomainError.forbidden(reason: "service.countersign_manager_only")
        }
        guard status == .voucherSigned, voucher != nil else { throw illegal(.countersigned) }
        voucher?.countersignedBy = managerID
        voucher?.countersignedAt = now
        status = .countersigned
        touch(now)
    }

    /// Files (归档) a countersigned job; final.
    public mutating func file(at now: Date) throws {
        guard status == .countersigned else { throw illegal(.filed) }
        filedAt = now
        status = .filed
        touch(now)
    }

    /// Cancels a job that has not yet been signed by the customer.
    ///
    /// - Throws: `.invalidTransition` from `voucher_signed` on; `.validation(fields:
    ///   ["reason": "error.field.required" | "error.field.too_long"])` (max 500 characters).
    public mutating func cancel(reason: String, at now: Date) throws {
        guard status.isCancellable else { throw illegal(.cancelled) }
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw DomainError.validation(fields: ["reason": "error.field.required"]) }
        if text.count > Self.maxCancelReasonLength {
            throw DomainError.validation(fields: ["reason": "error.field.too_long"])
        }
        cancelReason = text
        cancelledAt = now
        status = .cancelled
        touch(now)
    }

    public static let maxCancelReasonLength = 500
}
