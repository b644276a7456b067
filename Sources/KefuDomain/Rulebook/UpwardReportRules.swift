import Foundation

/// Reports to a superior (请示报告, ESC-01..12). The chain itself is `escalation.chain` (ESC-13); this
/// section says where the seeds route a report past it and what the seeds leave open.
public struct UpwardReportRules: Sendable, Equatable {
    /// ESC-05 / ESC-08: categories that go to a fixed role (default troublesome customer and "cannot handle" → team_leader).
    public var categoryRoutes: [UpwardReportCategory: Role] = [.troublesomeCustomer: .teamLeader, .cannotHandle: .teamLeader]
    /// ESC-10 / ESC-12: reporters' roles with their own superior (default qa_inspector and shift_leader → cs_director).
    public var roleRoutes: [Role: Role] = [.qaInspector: .csDirector, .shiftLeader: .csDirector]
    /// ESC-09: agents of this grade or above are senior seats (高级座席).
    public var seniorSeatMinGrade: Grade = .senior
    /// ESC-09: senior seats report difficult matters and emergencies to this role (值班经理 → shift_leader).
    public var seniorSeatReportsTo: Role = .shiftLeader
    /// ESC-11: the role that handles the center's emergencies and important complaints; it is told of every
    /// emergency report of its department and may read it.
    public var emergencyHandler: Role = .csDirector
    /// ESC-07: a report carries a proposed handling of at least this many characters.
    public var proposalMinChars = 4
    /// ESC-07: the superior's instruction is recorded in detail — at least this many characters.
    public var instructionMinChars = 4
    /// ESC-07 "及时" (NOTE: no value in the sources): the superior instructs within this time.
    public var instructWithin = DurationSpec(value: 2, unit: .businessHours)
    /// ESC-09 "最短时间内" (NOTE): an emergency report is instructed within this time.
    public var emergencyInstructWithin = DurationSpec(value: 15, unit: .minutes)

    public init() {}

    /// The time the superior has for a report.
    public func instructWithin(emergency: Bool) -> DurationSpec { emergency ? emergencyInstructWithin : instructWithin }
}

extension UpwardReportRules {
    init(_ r: RulebookReader) throws {
        self.init()
        var categories: [UpwardReportCategory: Role] = [:]
        let categoryNode = try r.at("category_routes")
        for category in UpwardReportCategory.allCases {
            if let role = try categoryNode.optional(category.rawValue)?.role() { categories[category] = role }
        }
        categoryRoutes = categories
        var roles: [Role: Role] = [:]
        let roleNode = try r.at("role_routes")
        for role in Role.allCases {
            if let target = try roleNode.optional(role.rawValue)?.role() { roles[role] = target }
        }
        roleRoutes = roles
        seniorSeatMinGrade = try r.at("senior_seat_min_grade").choice(Grade.self)
        seniorSeatReportsTo = try r.at("senior_seat_reports_to").role()
        emergencyHandler = try r.at("emergency_handler").role()
        proposalMinChars = try r.at("proposal_min_chars").int()
        instructionMinChars = try r.at("instruction_min_chars").int()
        instructWithin = try r.at("instruct_within").duration()
        emergencyInstructWithin = try r.at("emergency_instruct_within").duration()
    }
}
