import Foundation

/// Mail and parcels at the front desk (REQUIREMENTS §17.3 FDM).
public struct MailRoomRules: Sendable, Equatable {
    /// FDM-06: an incoming item still uncollected this long after it was registered is listed for clearance.
    public var uncollectedAfter: DurationSpec
    /// FDM-05: whether a recipient may name a colleague to collect for them (otherwise only the recipient signs).
    public var allowDelegation: Bool

    public init(uncollectedAfter: DurationSpec, allowDelegation: Bool) {
        self.uncollectedAfter = uncollectedAfter
        self.allowDelegation = allowDelegation
    }
}

extension MailRoomRules {
    init(_ r: RulebookReader) throws {
        self.init(uncollectedAfter: try r.at("uncollected_after").duration(), allowDelegation: try r.at("allow_delegation").bool())
    }
}
