import Foundation

/// Counts of case events over some days, from the maintained daily aggregate (`case_day_stats`).
/// Each event is counted on the day it happened: `opened` on the day the case was accepted (受理),
/// `resolved` and `closed` on the day of that step, `escalated` (督办, RPT-02) and `breached` likewise.
public struct CaseTally: Sendable, Equatable, Codable {
    public var opened = 0
    public var resolved = 0
    public var closed = 0
    public var reopened = 0
    public var escalated = 0
    public var breached = 0
    /// Sum of accept → resolve durations of the cases resolved, in seconds.
    public var resolveSeconds = 0.0

    public init() {}

    public init(opened: Int, resolved: Int, closed: Int, reopened: Int, escalated: Int, breached: Int, resolveSeconds: Double) {
        self.opened = opened; self.resolved = resolved; self.closed = closed; self.reopened = reopened
        self.escalated = escalated; self.breached = breached; self.resolveSeconds = resolveSeconds
    }

    public static func + (lhs: CaseTally, rhs: CaseTally) -> CaseTally {
        CaseTally(opened: lhs.opened + rhs.opened, resolved: lhs.resolved + rhs.resolved, closed: lhs.closed + rhs.closed,
                  reopened: lhs.reopened + rhs.reopened, escalated: lhs.escalated + rhs.escalated, breached: lhs.breached + rhs.breached,
                  resolveSeconds: lhs.resolveSeconds + rhs.resolveSeconds)
    }

    /// Mean accept → resolve time in hours (one decimal), nil when nothing was resolved.
    public var averageResolveHours: Double? {
        resolved == 0 ? nil : (resolveSeconds / Double(resolved) / 360).rounded() / 10
    }

    enum CodingKeys: String, CodingKey {
        case opened, resolved, closed, reopened, escalated, breached
        case resolveSeconds = "resolve_seconds"
    }
}

/// RPT-04: the day-shift leader's daily and weekly report counts the consultation (咨询), query (查询)
/// and proactive-service (主动服务) workload; everything else is "other".
public enum WorkloadKind: String, CaseIterable, Sendable, Codable {
    case consultation, query, proactive, other

    public init(_ type: CaseType) {
        switch type {
        case .consultation: self = .consultation
        case .query: self = .query
        case .proactive: self = .proactive
        default: self = .other
        }
    }
}
