/// Internal notices passed on by the front desk (REQUIREMENTS §17, FDN) and the restricted areas a visitor
/// may enter only with prior approval (FDV-08/09, FDA-06).
public struct NoticeRules: Sendable, Equatable {
    /// FDN-05: recipients who have not confirmed are reminded this long before the confirmation deadline.
    public var remindBefore: DurationSpec
    /// FDN-06: a notice is archived this many days after it was published (its confirmations are kept).
    public var archiveAfterDays: Int

    public init(remindBefore: DurationSpec, archiveAfterDays: Int) {
        self.remindBefore = remindBefore
        self.archiveAfterDays = archiveAfterDays
    }
}

extension NoticeRules {
    init(_ r: RulebookReader) throws {
        self.init(remindBefore: try r.at("remind_before").duration(), archiveAfterDays: try r.at("archive_after_days").int())
    }
}

extension RulebookSchema {
    static let notices: [RulebookField] = [
        key("remind_before", .duration, ["FDN-05"], "Unconfirmed recipients are reminded this long before the confirmation deadline",
            "通知确认截止前多久提醒未确认的人"),
        key("archive_after_days", .integer(1...3_650), ["FDN-06"], "A notice is archived this many days after it was published",
            "通知发布多少天后自动归档"),
    ]
}
