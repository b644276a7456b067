import Foundation
import Testing
@testable import KefuDomain

@Suite("Case routing: queues by type and agents by type (CHN-17, CHN-18)")
struct CaseRoutingTests {
    @Test("CHN-17 general, order and complaint queues split the case types with none left over")
    func queues() {
        #expect(CaseRouting.types(in: .complaint) == [.complaint, .tariffDispute])
        #expect(CaseRouting.types(in: .order) == [.serviceRequest, .redemption])
        let all = CaseQueue.allCases.flatMap(CaseRouting.types(in:))
        #expect(Set(all) == Set(CaseType.allCases) && all.count == CaseType.allCases.count)
    }

    @Test("CHN-18 a fault goes to a technical agent first, then all-round, then the lightest load among equals")
    func agentTypes() {
        let tech = UUID(), theory = UUID(), allRound = UUID(), busyTech = UUID()
        let ranked = CaseRouting.rank([
            .init(userID: theory, skill: .theory, openCases: 0), .init(userID: allRound, skill: .allRound, openCases: 1),
            .init(userID: busyTech, skill: .technical, openCases: 9), .init(userID: tech, skill: .technical, openCases: 2),
        ], for: .faultReport).map(\.userID)
        #expect(ranked == [tech, busyTech, allRound, theory])
        #expect(CaseRouting.preferredSkill(for: .consultation) == .theory)
        #expect(CaseRouting.fit(nil, for: .query) == 0)
    }
}

@Suite("Escalation chain levels (ESC-05, ESC-08, ESC-10, ESC-13)")
struct EscalationChainTests {
    let rules = EscalationRules(chain: [.agent, .teamLeader, .shiftLeader, .csDirector, .centerDirector])

    @Test("ESC-05 ESC-08 what an agent cannot handle (a customer making trouble, a request beyond them) goes to the team leader first")
    func agentToTeamLeader() {
        #expect(rules.next(above: .agent) == .teamLeader)
    }

    @Test("ESC-10 the shift leader reports difficult problems and emergencies to the CS director")
    func shiftLeaderToDirector() {
        #expect(rules.next(above: .shiftLeader) == .csDirector)
        #expect(rules.next(above: .centerDirector) == nil)
    }
}
