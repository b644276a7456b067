import Foundation

extension RulebookSchema {
    /// Optional role per report category / per reporter role (a key left out uses escalation.chain).
    static let categoryRoutes = RulebookShape.record(UpwardReportCategory.allCases.map { RulebookField(name: $0.rawValue, shape: .role, required: false) })
    static let roleRoutes = RulebookShape.record(Role.allCases.map { RulebookField(name: $0.rawValue, shape: .role, required: false) })

    static let upwardReports: [RulebookField] = [
        key("category_routes", categoryRoutes, ["ESC-05", "ESC-08"],
            "Report categories that go to a fixed role when it is above the reporter (others: next level of escalation.chain)",
            "按类别固定上报的角色（用户故意刁难、不能处理的问题 → 班长）；未列类别按逐级链上报"),
        key("role_routes", roleRoutes, ["ESC-10", "ESC-12"],
            "Reporters' roles with their own superior (roles outside escalation.chain need one)",
            "按报告人角色指定的上级（值班长 → 客服部主任，质检员 → 主任）"),
        key("senior_seat_min_grade", .choice(Grade.allCases.map(\.rawValue)), ["ESC-09"], "Agents of this grade or above are senior seats",
            "达到该级别的业务代表视为高级座席"),
        key("senior_seat_reports_to", .role, ["ESC-09"], "Senior seats report difficult matters and emergencies to this role (值班经理)",
            "高级座席将疑难、紧急问题上报的角色（值班经理或主管领导）"),
        key("emergency_handler", .role, ["ESC-11"], "The role told of, and reading, every emergency report of its department",
            "处理中心突发事件与重要投诉的角色（客服部主任），紧急请示报告同时告知"),
        key("proposal_min_chars", .integer(1...200), ["ESC-07"], "A report carries a proposed handling of at least this many characters",
            "请示报告必须附处理意见（最少字数）"),
        key("instruction_min_chars", .integer(1...200), ["ESC-07"], "The superior's instruction is recorded in detail: at least this many characters",
            "上级指示须详细记载（最少字数）"),
        key("instruct_within", .duration, ["ESC-07"], "The superior instructs a report within this time", "上级对请示报告作出指示的时限"),
        key("emergency_instruct_within", .duration, ["ESC-09", "ESC-06"], "An emergency report is instructed within this time",
            "紧急请示报告的指示时限（最短时间内）"),
    ]
}
