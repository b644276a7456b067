import Foundation

/// The kinds of reward a manager records (ATT-17, ATT-26): money lands in the fines and rewards ledger;
/// an honour certificate or a promotion opportunity is recorded without an amount.
public enum RewardKind: String, CaseIterable, Sendable, Codable {
    /// ATT-26: 奖金.
    case bonus
    /// ATT-26: 荣誉证书.
    case honourCertificate = "honour_certificate"
    /// ATT-26: 晋升机会.
    case promotionOpportunity = "promotion_opportunity"
    /// ATT-17: reporting someone's misconduct, paid at once; the amount defaults to `fines.informant_reward`.
    case informant

    /// Whether the kind is money and so needs a positive amount.
    public var isMoney: Bool { self == .bonus || self == .informant }
}
