import Foundation

/// The in-app inbox: when the daily digest of "for my information" notifications is made. The sources set no
/// time; the digest serves the daily meetings that review the previous day (MTG-03 at 08:00, MTG-10), so it is
/// made before them.
public struct NotificationRules: Sendable, Equatable {
    /// The digest of yesterday's "for my information" notifications is made at this local time every morning.
    public var digestAt: LocalTime

    public init(digestAt: LocalTime) { self.digestAt = digestAt }
}

extension NotificationRules {
    init(_ r: RulebookReader) throws {
        self.init(digestAt: try r.at("digest_at").time())
    }
}

extension RulebookSchema {
    static let notifications: [RulebookField] = [
        key("digest_at", .clockTime, ["MTG-03", "MTG-10"], "Each morning at this time everyone gets yesterday's for-your-information notifications as one digest (also sent to the work-group webhook)",
            "每天早上该时刻把昨天“供我知悉”的通知汇成一条摘要（并发到工作群机器人）"),
    ]
}
