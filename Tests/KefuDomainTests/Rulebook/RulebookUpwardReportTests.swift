import Foundation
@testable import KefuDomain
import Testing

/// The `upward_reports` section (ESC-05, ESC-08..12) read from default.yaml, and the routing it drives.
@Suite("Rulebook: upward reports (ESC)")
struct RulebookUpwardReportTests {
    func routing(_ rulebook: Rulebook) -> UpwardReportRouting {
        UpwardReportRouting(chain: rulebook.escalation.chain, rules: rulebook.upwardReports)
    }

    @Test("ESC-05 ESC-08 ESC-10 ESC-12 default routes: troublesome customer and cannot-handle to the team leader, shift leader and QA to the director")
    func defaults() throws {
        let rules = try RulebookFixture.standard().upwardReports
        #expect(rules.categoryRoutes == [.troublesomeCustomer: .teamLeader, .cannotHandle: .teamLeader])
        #expect(rules.roleRoutes == [.shiftLeader: .csDirector, .qaInspector: .csDirector])
        #expect(rules.seniorSeatMinGrade == .senior && rules.seniorSeatReportsTo == .shiftLeader && rules.emergencyHandler == .csDirector)
        #expect(rules.instructWithin(emergency: true) == DurationSpec(value: 15, unit: .minutes))
        let entry = try #require(try RulebookFixture.standard().entry("upward_reports.category_routes"))
        #expect(entry.ruleIDs.contains("ESC-05"))
    }

    @Test("ESC-09 a senior seat's difficult matter goes to the duty manager; ESC-06 otherwise one level up, nil at the top")
    func routes() throws {
        let route = routing(try RulebookFixture.standard())
        #expect(route.superiorRole(reporterRoles: [.agent], grade: .senior, category: .difficultOrEmergency)?.role == .shiftLeader)
        #expect(route.superiorRole(reporterRoles: [.agent], grade: .junior, category: .difficultOrEmergency)?.role == .teamLeader)
        #expect(route.superiorRole(reporterRoles: [.teamLeader], grade: nil, category: .troublesomeCustomer)?.role == .shiftLeader)
        #expect(route.superiorRole(reporterRoles: [.qaInspector], grade: nil, category: .majorError)?.role == .csDirector)
        #expect(route.superiorRole(reporterRoles: [.centerDirector], grade: nil, category: .beyondRemit) == nil)
        #expect(route.superiorRole(reporterRoles: [.hr], grade: nil, category: .beyondRemit) == nil)
        #expect(route.skipTarget(above: .teamLeader) == .shiftLeader && route.skipTarget(above: .centerDirector) == nil)
    }

    @Test("ESC-12 an organization routes its own roles and refuses a role that is not a role")
    func overrides() throws {
        let rulebook = try RulebookFixture.load("upward_reports:\n  role_routes:\n    front_desk: dept_manager\n")
        #expect(rulebook.upwardReports.roleRoutes[.frontDesk] == .deptManager)
        #expect(routing(rulebook).superiorRole(reporterRoles: [.frontDesk], grade: nil, category: .beyondRemit)?.role == .deptManager)
        #expect(try RulebookFixture.error("upward_reports:\n  role_routes:\n    front_desk: boss\n") != nil)
        #expect(try RulebookFixture.error("upward_reports:\n  category_routes:\n    gossip: team_leader\n") != nil)
    }
}
