import Foundation

/// One cost line booked against a service job (SRV-12).
///
/// WHY: travel costs and allowances of off-site service (異地服務) are service cost, not
/// general expenses, so they are booked on the job; on-site jobs incur no travel, so
/// travel/allowance lines there are rejected as mistakes.
public struct ServiceCost: Codable, Equatable, Sendable, Identifiable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case travel
        case allowance
        case material
        case other

        /// SRV-12: only off-site jobs may book these kinds.
        public var isOffsiteOnly: Bool { self == .travel || self == .allowance }
    }

    public let id: UUID
    public let kind: Kind
    /// Yuan, ≥ 0, at most 2 decimal places.
    public let amount: Decimal
    public let note: String?

    public static let maxNoteLength = 200

    public init(id: UUID = UUID(), kind: Kind, amount: Decimal, note: String? = nil) {
        self.id = id
        self.kind = kind
        self.amount = amount
        self.note = note
    }

    /// Field name → message key; empty when acceptable.
    ///
    /// Keys: `amount` → `error.service.cost_negative`, `error.service.amount_precision`;
    /// `kind` → `error.service.cost_offsite_only`; `note` → `error.field.too_long`.
    public func validate(isOffsite: Bool) -> [String: String] {
        var errors: [String: String] = [:]
        if !amount.isFinite || amount < 0 {
            errors["amount"] = "error.service.cost_negative"
        } else if !amount.hasAtMostTwoFractionDigits {
            errors["amount"] = "error.service.amount_precision"
        }
        if kind.isOffsiteOnly && !isOffsite { errors["kind"] = "error.service.cost_offsite_only" }
        if let note, note.count > Self.maxNoteLength { errors["note"] = "error.field.too_long" }
        return errors
    }

    /// Sum of the amounts (SRV-12 total service cost).
    public static func total(_ lines: [ServiceCost]) -> Decimal {
        lines.reduce(Decimal(0)) { $0 + $1.amount }
    }
}
