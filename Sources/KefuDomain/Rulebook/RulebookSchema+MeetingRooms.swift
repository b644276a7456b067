import Foundation

extension RulebookSchema {
    static let meetingRooms: [RulebookField] = [
        key("approver", .role, ["MR-17", "MR-23", "MR-02"], "Who approves room bookings and manages the rooms (C17)",
            "会议室预订的审批人及会议室管理角色（C17）"),
        key("max_duration", .duration, ["MR-16"], "The longest a single booking may last", "单次会议室预订的最长时长"),
        key("loan_days", .integer(1...60), ["MR-05"], "Study materials borrowed from a room go back within this many days",
            "会议室学习资料借出后应归还的天数（三日内）"),
        key("external_tariff_per_hour", .decimal(minimum: 0), ["MR-06"], "Standard tariff for outside parties per started hour (yuan)",
            "对外出租会议室的标准收费（元/小时，不足一小时按一小时计）"),
        key("reminder_days_before", .integer(0...7), ["MR-18"], "Days before the meeting the booker reconfirms and attendees are reminded",
            "会议前几天确认时间人数并提醒参会人（会议前一天）"),
        key("max_occurrences", .integer(1...200), ["MR-16"], "Most occurrences of a weekly recurring booking",
            "每周重复预订的最多次数"),
    ]
}
