import Foundation
import Testing
@testable import KefuDomain

@Suite("Cases: who reads, works on and assigns a case")
struct CaseAccessTests {
    let owner = UUID(), agent = UUID(), leader = UUID(), director = UUID()
    let cs = UUID(), sales = UUID(), teamA = UUID(), teamB = UUID()

    func parties(assignee: UUID? = nil, team: UUID? = nil) -> CaseParties {
        CaseParties(ownerID: owner, assigneeID: assignee, departmentID: cs, teamID: team)
    }

    func viewer(_ id: UUID, _ scope: DataScope, department: UUID? = nil, led: Set<UUID> = [], assign: Bool = false) -> CaseViewer {
        CaseViewer(userID: id, scope: scope, departmentID: department, teamsLed: led, mayAssign: assign)
    }

    @Test("CHN-12 the first-contact owner and the assignee read and act on their case; another agent does not")
    func partiesAct() {
        let assigned = parties(assignee: agent, team: teamA)
        #expect(CaseAccess.canAct(viewer(owner, .own, department: cs), assigned))
        #expect(CaseAccess.canAct(viewer(agent, .own, department: cs), assigned))
        let stranger = viewer(UUID(), .own, department: cs)
        #expect(!CaseAccess.canRead(stranger, assigned))
        #expect(!CaseAccess.canAct(stranger, assigned))
    }

    @Test("CHN-20 an agent takes an unassigned case of their department for themself, not for someone else")
    func takeUnassigned() {
        let queue = parties()
        let me = viewer(agent, .own, department: cs)
        #expect(CaseAccess.canRead(me, queue))
        #expect(CaseAccess.canAssign(me, queue, to: agent, targetTeam: nil, targetDepartment: cs))
        #expect(!CaseAccess.canAssign(me, queue, to: UUID(), targetTeam: nil, targetDepartment: cs))
        #expect(!CaseAccess.canRead(viewer(agent, .own, department: sales), queue))
    }

    @Test("ESC-13 a team leader reassigns within the teams they lead; a leader with no team within the department")
    func leaders() {
        let inTeamA = parties(assignee: agent, team: teamA)
        let teamLeader = viewer(leader, .team, department: cs, led: [teamA], assign: true)
        #expect(CaseAccess.canAssign(teamLeader, inTeamA, to: UUID(), targetTeam: teamA, targetDepartment: cs))
        #expect(!CaseAccess.canAssign(teamLeader, inTeamA, to: UUID(), targetTeam: teamB, targetDepartment: cs))
        #expect(!CaseAccess.canRead(teamLeader, parties(assignee: agent, team: teamB)))
        let departmentLeader = viewer(leader, .department, department: cs, assign: true)
        #expect(CaseAccess.canAssign(departmentLeader, parties(assignee: agent, team: teamB), to: UUID(), targetTeam: teamA, targetDepartment: cs))
        #expect(!CaseAccess.canAssign(departmentLeader, inTeamA, to: UUID(), targetTeam: nil, targetDepartment: sales))
        #expect(CaseAccess.canAct(viewer(director, .all, assign: true), inTeamA))
    }

    @Test("CHN-20 a read-only reviewer (QA, VP) sees a case but cannot take it")
    func reviewersDoNotTake() {
        let qa = CaseViewer(userID: UUID(), scope: .all, departmentID: nil, teamsLed: [], mayAssign: false, mayTake: false)
        #expect(CaseAccess.canRead(qa, parties()))
        #expect(!CaseAccess.canAssign(qa, parties(), to: qa.userID, targetTeam: nil, targetDepartment: nil))
    }
}
