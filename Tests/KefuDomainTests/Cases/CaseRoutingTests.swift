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
