import Foundation

/// Who a report goes to (ESC-05/06/08..13): the next level of the escalation chain (ESC-13), unless the
/// rulebook's `upward_reports` section routes the category, the senior seat or the reporter's role elsewhere.
public struct UpwardReportRouting: Sendable {
    public let chain: [Role]
    public let rules: UpwardReportRules

    public init(chain: [Role], rules: UpwardReportRules) { self.chain = chain; self.rules = rules }

    /// The highest level of the chain the person holds (nil when no role of theirs is in the chain).
    public func level(of roles: some Sequence<Role>) -> Int? {
        roles.compactMap { chain.firstIndex(of: $0) }.max()
    }

    public func level(of role: Role) -> Int? { chain.firstIndex(of: role) }

    /// The role one level up for this reporter and category, with the rulebook key that decided it;
    /// nil when nobody is above (top of the chain, or a role the rulebook does not route).
    public func superiorRole(reporterRoles: Set<Role>, grade: Grade?, category: UpwardReportCategory) -> (role: Role, ruleKey: String)? {
        let own = level(of: reporterRoles)
        func above(_ role: Role) -> Bool {
            guard let target = level(of: role) else { return true }
            return target > (own ?? -1)
        }
        // ESC-05 / ESC-08: these categories go to a fixed role (the 班长) when it is above the reporter.
        if let routed = rules.categoryRoutes[category], above(routed) {
            return (routed, "upward_reports.category_routes")
        }
        // ESC-09: a senior seat reports difficult matters and emergencies straight to the duty manager.
        if category == .difficultOrEmergency, let grade, grade >= rules.seniorSeatMinGrade,
           own == level(of: .agent), reporterRoles.contains(.agent), above(rules.seniorSeatReportsTo) {
            return (rules.seniorSeatReportsTo, "upward_reports.senior_seat_reports_to")
        }
        // ESC-10 / ESC-12: a role with its own route (the QA inspector reports to the director).
        let ordered = own.map { [chain[$0]] } ?? Role.allCases.filter(reporterRoles.contains)
        for role in ordered {
            if let routed = rules.roleRoutes[role], above(routed) { return (routed, "upward_reports.role_routes") }
        }
        // ESC-06 / ESC-13: otherwise one level up the chain.
        guard let own, own + 1 < chain.count else { return nil }
        return (chain[own + 1], "escalation.chain")
    }

    /// ESC-06: in an emergency one level may be skipped — the role above `role`, nil at the top.
    public func skipTarget(above role: Role) -> Role? {
        guard let index = level(of: role), index + 1 < chain.count else { return nil }
        return chain[index + 1]
    }
}
