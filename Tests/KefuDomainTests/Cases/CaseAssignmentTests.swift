import Foundation
import Testing
@testable import KefuDomain

/// Issue 21 §1: one scope rule decides the 待分派 queue, the 派给 picker and the assign action.
@Suite("Cases: the assignment scope shared by queue, picker and action")
struct CaseAssignmentTests {
    let cs = UUID(), sales = UUID(), teamA = UUID(), teamB = UUID()
    let leaderA = UUID(), agentA = UUID(), agentB = UUID(), salesAgent = UUID(), owner = UUID()

    var people: [CaseAssignment.Target] {
        [.init(userID: leaderA, teamID: teamA, departmentID: cs), .init(userID: agentA, teamID: teamA, departmentID: cs),
         .init(userID: agentB, teamID: teamB, departmentID: cs), .init(userID: salesAgent, teamID: nil, departmentID: sales)]
    }

    func unassigned(team: UUID?, department: UUID? = nil) -> CaseParties {
        CaseParties(ownerID: owner, assigneeID: nil, departmentID: department ?? cs, teamID: team)
    }

    var teamLeader: CaseViewer { CaseViewer(userID: leaderA, scope: .team, departmentID: cs, teamsLed: [teamA], mayAssign: true) }

    @Test("ESC-13 a team leader's 待分派 queue lists only the unassigned cases of the teams they lead")
    func teamLeaderQueue() {
        #expect(CaseAssignment.queue(of: teamLeader) == .teams([teamA]))
        #expect(CaseAssignment.isQueued(unassigned(team: teamA), for: teamLeader))
        #expect(!CaseAssignment.isQueued(unassigned(team: teamB), for: teamLeader))
        #expect(!CaseAssignment.isQueued(unassigned(team: nil), for: teamLeader))
    }

    @Test("ESC-13 the picker offers a team leader only the members of their team, and the action accepts each of them")
    func teamLeaderPicker() {
        let offered = CaseAssignment.candidates(teamLeader, unassigned(team: teamA), among: people).map(\.userID)
        #expect(offered == [leaderA, agentA])
        for person in people {
            #expect(CaseAssignment.mayAssign(teamLeader, unassigned(team: teamA), to: person) == offered.contains(person.userID))
        }
    }

    @Test("ESC-13 a department leader dispatches every unassigned case of the department to anyone in it")
    func departmentLeader() {
        let manager = CaseViewer(userID: UUID(), scope: .department, departmentID: cs, teamsLed: [], mayAssign: true)
        #expect(CaseAssignment.queue(of: manager) == .department(cs))
        #expect(CaseAssignment.isQueued(unassigned(team: teamB), for: manager))
        #expect(!CaseAssignment.isQueued(unassigned(team: nil, department: sales), for: manager))
        let offered = CaseAssignment.candidates(manager, unassigned(team: teamB), among: people).map(\.userID)
        #expect(offered == [leaderA, agentA, agentB])
    }

    @Test("CHN-20 an agent's queue is their department's unassigned cases, and the picker offers only themself")
    func agentTakes() {
        let agent = CaseViewer(userID: agentB, scope: .own, departmentID: cs, teamsLed: [], mayAssign: false)
        #expect(CaseAssignment.queue(of: agent) == .department(cs))
        #expect(CaseAssignment.isQueued(unassigned(team: teamA), for: agent))
        #expect(CaseAssignment.candidates(agent, unassigned(team: teamA), among: people).map(\.userID) == [agentB])
        let assigned = CaseParties(ownerID: owner, assigneeID: agentA, departmentID: cs, teamID: teamA)
        #expect(!CaseAssignment.isQueued(assigned, for: agent))
    }

    @Test("CHN-20 a reviewer who neither assigns nor takes cases (QA) has no 待分派 queue")
    func reviewerHasNoQueue() {
        let qa = CaseViewer(userID: UUID(), scope: .all, departmentID: nil, teamsLed: [], mayAssign: false, mayTake: false)
        #expect(CaseAssignment.queue(of: qa) == .none)
        #expect(CaseAssignment.candidates(qa, unassigned(team: teamA), among: people).isEmpty)
    }

    @Test("ESC-13 every case a viewer's queue lists has someone the picker can offer")
    func queuedCasesHaveCandidates() {
        let viewers = [teamLeader,
                       CaseViewer(userID: UUID(), scope: .department, departmentID: cs, teamsLed: [], mayAssign: true),
                       CaseViewer(userID: UUID(), scope: .all, departmentID: nil, teamsLed: [], mayAssign: true),
                       CaseViewer(userID: agentB, scope: .own, departmentID: cs, teamsLed: [], mayAssign: false)]
        let cases = [unassigned(team: teamA), unassigned(team: teamB), unassigned(team: nil), unassigned(team: nil, department: sales)]
        for viewer in viewers {
            let everyone = people + [.init(userID: viewer.userID, teamID: nil, departmentID: viewer.departmentID)]
            for parties in cases where CaseAssignment.isQueued(parties, for: viewer) {
                #expect(!CaseAssignment.candidates(viewer, parties, among: everyone).isEmpty)
            }
        }
    }
}
