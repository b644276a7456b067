import Foundation

extension RulebookSchema {
    static let dutySchedule = RulebookShape.record([
        RulebookField(name: "enabled", shape: .boolean),
        RulebookField(name: "due", shape: .clockTime),
        RulebookField(name: "weekdays", shape: .list(.choice(Weekday.allCases.map(\.key)), minimumCount: 0, unique: true)),
    ])

    static let duties: [RulebookField] = [
        key("zones", .list(.text, minimumCount: 1, unique: true), ["SEC-15", "SEC-16"], "Shared zones cleaned in rotation, one duty cleaner each",
            "轮流值日打扫的公共区域（每区一名值日生）"),
        key("morning_zone", dutySchedule, ["SEC-16", "SEC-18", "SEC-19"],
            "Morning zone cleaning by the duty cleaners (before 8:50; alternative 7:30)", "值日生早间打扫责任区（8:50前；另一来源7:30前）"),
        key("noon_zone", dutySchedule, ["SEC-18", "SEC-19"],
            "Second (noon) cleaning round — twice daily in the alternative schedule", "中午第二次打扫（另一来源：早、午各一次）"),
        key("boiling_water", dutySchedule, ["SEC-18", "SEC-19"],
            "Boiling water before work (alternative schedule)", "上班前烧开水（另一来源：早7:30前）"),
        key("floor_after_work", dutySchedule, ["SEC-15", "SEC-19"],
            "Floor cleaning every day after work", "每天下班后清扫地面"),
        key("general_cleaning", dutySchedule, ["SEC-17", "SEC-18", "SEC-19"],
            "Weekly general cleaning, one per team (Saturday; alternative Friday)", "每周大扫除，各组打扫本组区域（周六；另一来源周五）"),
        key("locker_room", dutySchedule, ["SEC-13", "SEC-19"],
            "Locker room cleaning organized by the day's shift leader (Monday)", "更衣室打扫，由当天班长组织（每周一）"),
        key("plants_water", dutySchedule, ["SEC-14", "SEC-19"],
            "Plants watered by the day shift", "日班浇花"),
        key("plants_leaves", dutySchedule, ["SEC-14", "SEC-19"],
            "Plant leaves cleaned by the day shift (Friday)", "日班擦拭植物叶片（每周五）"),
        key("meeting_room", dutySchedule, ["SEC-19"],
            "Meeting-room thorough upkeep (weekly)", "会议室每周彻底清洁"),
        key("redo_within", .duration, ["SEC-16"], "A failed zone is redone within this long after the check", "检查不合格的区域须在此时间内重新打扫"),
        key("supervisor", .role, ["SEC-16", "SEC-17"], "The supervisor (主管) told of overdue duties; if absent, team leaders allocate",
            "检查值日并接收逾期提醒的主管角色；主管不在时由组长分配"),
    ]

    static let safety: [RulebookField] = [
        key("inspection_every_days", .integer(1...366), ["SEC-06"], "Days between regular safety inspections", "定期安全检查的间隔天数"),
        key("finding_due_days", .integer(1...90), ["SEC-06"], "Days an inspection finding's owner has to put it right", "安全检查问题的整改期限（天）"),
        key("open_flame_approver", .role, ["SEC-05"], "Who must agree before open-flame work (保卫部门)", "动用明火须经同意的角色（保卫部门）"),
        key("private_use_approver", .role, ["SEC-09", "SEC-10"], "Who approves private use of company computers, copiers and resources",
        "审批私用公司电脑、复印机等资源的角色"),
        key("private_use_notice", .duration, ["SEC-10"], "A private-use request is raised at least this long in advance", "私用申请须提前提出的时间"),
    ]
}
