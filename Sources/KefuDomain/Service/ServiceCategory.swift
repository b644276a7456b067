/// The four kinds of after-sales service (SRV-01).
///
/// The category decides how the job is paid for: only `paid` (有償服務) carries a fee and a
/// fee settlement (SRV-06/07); contract (合同服務), free (免費服務) and internal (內務服務)
/// work is never charged to the customer, so a fee on those is a validation error.
public enum ServiceCategory: String, CaseIterable, Codable, Sendable {
    /// 有償服務 — charged to the customer (SRV-01 a).
    case paid
    /// 合同服務 — covered by a service contract (SRV-01 b).
    case contract
    /// 免費服務 — free of charge, e.g. under warranty (SRV-01 c).
    case free
    /// 內務服務 — internal work for the company itself (SRV-01 d).
    case `internal`

    /// The letter the requirements use for the category ("a"…"d"), kept because paper
    /// forms and reports refer to categories by letter (SRV-01).
    public var letter: String {
        switch self {
        case .paid: "a"
        case .contract: "b"
        case .free: "c"
        case .internal: "d"
        }
    }

    /// Whether the customer pays a fee for this category (SRV-06/07 apply only then).
    public var isChargeable: Bool { self == .paid }
}
