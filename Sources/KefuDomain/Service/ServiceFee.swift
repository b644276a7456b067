import Foundation

/// Pure fee rules for after-sales service (SRV-06/07).
public enum ServiceFee {
    /// Currency precision: amounts are in yuan with at most fen (2 places).
    public static let maxFractionDigits = 2

    /// Field name → message key for the fee of a job of `category`.
    ///
    /// WHY: only paid service (SRV-01 a) is charged, so any fee on another category is a
    /// data-entry mistake (`error.service.fee_not_paid_category`); a paid job must state a
    /// positive fee (`error.field.required`, `error.service.fee_not_positive`) in whole fen
    /// (`error.service.amount_precision`). The field name is always `fee`.
    public static func validate(_ fee: Decimal?, category: ServiceCategory) -> [String: String] {
        guard category.isChargeable else {
            return fee == nil ? [:] : ["fee": "error.service.fee_not_paid_category"]
        }
        guard let fee else { return ["fee": "error.field.required"] }
        guard fee.isFinite, fee > 0 else { return ["fee": "error.service.fee_not_positive"] }
        guard fee.hasAtMostTwoFractionDigits else { return ["fee": "error.service.amount_precision"] }
        return [:]
    }

    /// Decides the settlement path for a valid paid fee (SRV-06/07).
    /// A fee exactly equal to the threshold is still "low" and collected on site.
    public static func settlement(fee: Decimal, lowFeeThreshold: Decimal) -> FeeSettlement {
        fee <= lowFeeThreshold ? .collectedOnSite(fee) : .invoiceRequested(fee)
    }

    /// Validates and settles in one step: nil for non-paid categories, otherwise the
    /// settlement; throws `.validation(fields:)` with the keys of `validate`.
    public static func settle(
        fee: Decimal?, category: ServiceCategory, lowFeeThreshold: Decimal
    ) throws -> FeeSettlement? {
        let errors = validate(fee, category: category)
        guard errors.isEmpty else { throw DomainError.validation(fields: errors) }
        guard category.isChargeable, let fee else { return nil }
        return settlement(fee: fee, lowFeeThreshold: lowFeeThreshold)
    }
}

extension Decimal {
    /// True when the value needs no more than 2 decimal places (1.5, 1.50 and 1.500 all pass;
    /// 1.505 does not). Compares with the value rounded to 2 places, so trailing zeros
    /// in the representation do not matter.
    var hasAtMostTwoFractionDigits: Bool {
        var value = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, ServiceFee.maxFractionDigits, .plain)
        return rounded == self
    }
}
