import Foundation

/// One band of an approval table: amounts (or days) from `lower` to `upper` go to `role`.
///
/// Bands are written `{at_least: 1000, at_most: 5000, role: vp}`: `at_least`/`above` give the lower edge
/// (inclusive/exclusive), `below`/`at_most` the upper edge (exclusive/inclusive); the last band has no upper
/// edge. The rulebook checks that a table starts at 0, has no gap and no overlap, and ends open (CMP-32, LV-07).
public struct ApprovalBand: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The lower edge; inclusive (`at_least`) or exclusive (`above`).
    public let lower: Decimal
    public let lowerInclusive: Bool
    /// Nil for the open-ended last band.
    public let upper: Decimal?
    /// Whether the upper edge is inclusive (`at_most`) or exclusive (`below`).
    public let upperInclusive: Bool
    /// The role that approves inside this band.
    public let role: Role

    public init(lower: Decimal, lowerInclusive: Bool = true, upper: Decimal?, upperInclusive: Bool = false, role: Role) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
        self.role = role
    }

    /// Whether `value` falls in this band.
    public func contains(_ value: Decimal) -> Bool {
        let aboveLower = lowerInclusive ? value >= lower : value > lower
        guard let upper else { return aboveLower }
        return aboveLower && (upperInclusive ? value <= upper : value < upper)
    }

    /// `0 ≤ x < 1000 → sales_manager`, `x > 5000 → gm`.
    public var description: String {
        let low = "\(lower) \(lowerInclusive ? "≤" : "<") x"
        guard let upper else { return "x \(lowerInclusive ? "≥" : ">") \(lower) → \(role.rawValue)" }
        return "\(low) \(upperInclusive ? "≤" : "<") \(upper) → \(role.rawValue)"
    }
}

extension Array where Element == ApprovalBand {
    /// The role of the band holding `value`; values below the first band use the first band's role.
    func role(for value: Decimal) -> Role {
        band(for: value)?.role ?? .admin
    }

    /// The band holding `value`; values below the first band fall in the first band (as `role(for:)` says).
    public func band(for value: Decimal) -> ApprovalBand? {
        first { $0.contains(value) } ?? first
    }
}
