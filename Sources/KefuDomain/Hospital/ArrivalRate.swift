import Foundation

/// RPT-08: the consultation-to-visit arrival rate (咨詢來電和來院就診達到率): of the consultations registered,
/// the share whose caller came to the hospital.
public struct ArrivalRate: Sendable, Equatable {
    public var consultations: Int
    public var arrived: Int

    public init(consultations: Int = 0, arrived: Int = 0) { self.consultations = consultations; self.arrived = arrived }

    /// Percent with one decimal; nil when nothing was registered (no rate rather than 0 %).
    public var percent: Decimal? {
        guard consultations > 0 else { return nil }
        var value = Decimal(arrived * 1000) / Decimal(consultations)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return rounded / 10
    }

    public static func + (lhs: ArrivalRate, rhs: ArrivalRate) -> ArrivalRate {
        ArrivalRate(consultations: lhs.consultations + rhs.consultations, arrived: lhs.arrived + rhs.arrived)
    }
}
