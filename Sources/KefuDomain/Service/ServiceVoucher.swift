import Foundation

/// The service voucher (服務單) the service person fills in after the work (SRV-05/08)
/// and the department manager countersigns (SRV-09).
///
/// WHY: the voucher is the evidence that the service happened — finance invoices from it
/// (SRV-07) — so it must carry real times, a description of the work and the customer's
/// signature before it can be completed.
public struct ServiceVoucher: Codable, Equatable, Sendable {
    public let serviceStart: Date
    public let serviceEnd: Date
    /// What was done, trimmed.
    public let content: String
    public let signature: CustomerSignature
    public let recordedBy: UUID
    public let recordedAt: Date
    /// Set by SRV-09 countersignature (核簽).
    public internal(set) var countersignedBy: UUID?
    public internal(set) var countersignedAt: Date?

    public static let maxContentLength = 2000

    /// Validates and builds a voucher; throws `.validation(fields:)` with the keys of
    /// `validate(serviceStart:serviceEnd:content:signature:now:)`.
    public init(
        serviceStart: Date, serviceEnd: Date, content: String,
        signature: CustomerSignature?, recordedBy: UUID, now: Date
    ) throws {
        let errors = Self.validate(
            serviceStart: serviceStart, serviceEnd: serviceEnd, content: content,
            signature: signature, now: now)
        guard errors.isEmpty, let signature else { throw DomainError.validation(fields: errors) }
        self.serviceStart = serviceStart
        self.serviceEnd = serviceEnd
        self.content = content.trimmingCharacters(in: .whitespacesAndNewlines)
        self.signature = signature
        self.recordedBy = recordedBy
        self.recordedAt = now
    }

    /// Field name → message key; empty when acceptable.
    ///
    /// - SRV-05 time: `serviceEnd` → `error.service.end_before_start` (end must be strictly
    ///   after start); `serviceStart`/`serviceEnd` → `error.service.time_in_future` (after `now`).
    /// - SRV-05 content: `content` → `error.field.required` / `error.field.too_long` (> 2000 characters).
    /// - SRV-08: `signature` → `error.service.signature_required` when absent, plus the keys
    ///   of `CustomerSignature.validate()`.
    public static func validate(
        serviceStart: Date, serviceEnd: Date, content: String,
        signature: CustomerSignature?, now: Date
    ) -> [String: String] {
        var errors: [String: String] = [:]
        if serviceStart > now { errors["serviceStart"] = "error.service.time_in_future" }
        if serviceEnd <= serviceStart {
            errors["serviceEnd"] = "error.service.end_before_start"
        } else if serviceEnd > now {
            errors["serviceEnd"] = "error.service.time_in_future"
        }
        let text = content.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            errors["content"] = "error.field.required"
        } else if text.count > maxContentLength {
            errors["content"] = "error.field.too_long"
        }
        if let signature {
            errors.merge(signature.validate()) { current, _ in current }
        } else {
            errors["signature"] = "error.service.signature_required"
        }
        return errors
    }

    /// Duration of the actual service, for reporting.
    public var duration: TimeInterval { serviceEnd.timeIntervalSince(serviceStart) }
}
