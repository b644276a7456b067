import Foundation

/// How the fee of a paid job (有償服務) is settled (SRV-06/07).
///
/// WHY two paths: small amounts are cheaper to collect on the spot than to invoice;
/// large amounts need a proper invoice before the customer pays.
public enum FeeSettlement: Codable, Equatable, Sendable {
    /// SRV-06: fee ≤ the rulebook's low-fee threshold. The service person collects the
    /// money on site and hands it to finance, who then mails the invoice to the customer.
    case collectedOnSite(Decimal)
    /// SRV-07: fee above the threshold. Finance issues the invoice from the signed voucher
    /// and the payment is collected on a separate visit.
    case invoiceRequested(Decimal)

    /// The settled amount, whichever path applies.
    public var amount: Decimal {
        switch self {
        case .collectedOnSite(let amount), .invoiceRequested(let amount): amount
        }
    }
}
