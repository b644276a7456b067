import Foundation

/// Shift attendance (REQUIREMENTS §11 SHF, §14 ATT-01..04): early arrival, who approves leaving the post and
/// who may close a shift without the incoming person's acknowledgement. The minute limits of ATT-03/04 stay
/// in `FineRules` (`off_post_consent_after_minutes`, `violation_after_minutes`) and are read from there.
public struct AttendanceRules: Sendable, Equatable {
    /// SHF-01 / SHF-07 / SHF-15: staff sign in this many minutes before the shift (default 10).
    public var earlyArrivalMinutes: Int
    /// SHF-09 (C7): roles that approve leaving the post (default the 值班长 and 班长 on duty).
    public var offPostApprovers: [Role]
    /// SHF-04: roles that may close a shift the incoming person has not acknowledged, with a reason.
    public var handoverOverrideBy: [Role]

    public init(earlyArrivalMinutes: Int, offPostApprovers: [Role], handoverOverrideBy: [Role]) {
        self.earlyArrivalMinutes = earlyArrivalMinutes
        self.offPostApprovers = offPostApprovers
        self.handoverOverrideBy = handoverOverrideBy
    }
}

extension AttendanceRules {
    init(_ r: RulebookReader) throws {
        self.init(earlyArrivalMinutes: try r.at("early_arrival_minutes").int(),
                  offPostApprovers: try r.at("off_post_approvers").list().map { try $0.role() },
                  handoverOverrideBy: try r.at("handover_override_by").list().map { try $0.role() })
    }
}
