import Foundation
@testable import KefuDomain
import Testing

@Suite("Chat access and handover rules (网络客服)")
struct ChatAccessDomainTests {
    let agent = UUID(), other = UUID(), leader = UUID(), team = UUID(), department = UUID()

    func viewer(_ id: UUID, _ scope: DataScope = .own, led: Set<UUID> = [], department: UUID? = nil, takes: Bool = true) -> ChatAccess.Viewer {
        ChatAccess.Viewer(userID: id, scope: scope, departmentID: department, teamsLed: led, takesChats: takes)
    }

    func chat(participants: Set<UUID> = [], queued: Bool = false) -> ChatAccess.Parties {
        ChatAccess.Parties(agentID: queued ? nil : agent, agentTeamID: queued ? nil : team, agentDepartmentID: queued ? nil : department,
                           chatTeamID: nil, participantIDs: participants, queued: queued)
    }

    @Test("CHN-04 the assigned agent reads and posts; another agent neither; the team leader and center-wide roles read but do not post")
    func readAndPost() {
        #expect(ChatAccess.mayRead(viewer(agent), chat()) && ChatAccess.mayPost(viewer(agent), chat()))
        #expect(!ChatAccess.mayRead(viewer(other), chat()) && !ChatAccess.mayPost(viewer(other), chat()))
        #expect(ChatAccess.mayRead(viewer(leader, .team, led: [team]), chat()))
        #expect(!ChatAccess.mayPost(viewer(leader, .team, led: [team]), chat()))
        #expect(!ChatAccess.mayRead(viewer(leader, .team, led: [UUID()]), chat()))
        #expect(ChatAccess.mayRead(viewer(other, .department, department: department), chat()))
        #expect(ChatAccess.mayRead(viewer(other, .all), chat()))
    }

    @Test("CHN-20 an invited leader reads and posts; a queued chat is open to the front line that takes chats")
    func participantsAndQueue() {
        #expect(ChatAccess.mayPost(viewer(leader), chat(participants: [leader])))
        #expect(ChatAccess.mayRead(viewer(other), chat(queued: true)))
        #expect(!ChatAccess.mayRead(viewer(other, takes: false), chat(queued: true)))
        #expect(ChatAccess.mayHandOn(viewer(agent), chat()) && ChatAccess.mayHandOn(viewer(leader, .team, led: [team]), chat()))
        #expect(!ChatAccess.mayHandOn(viewer(leader), chat(participants: [leader])))  // a participant is not the agent
    }

    @Test("CHN-16 a transfer needs a note and a target on duty below the limit")
    func handover() throws {
        #expect(throws: ChatHandover.Refusal.noteRequired) { try ChatHandover.note("  ") }
        #expect(try ChatHandover.note(" 资费 ") == "资费")
        #expect(throws: ChatHandover.Refusal.offDuty) { try ChatHandover.check(target: other, current: agent, onDuty: false, activeChats: 0, limit: 4) }
        #expect(throws: ChatHandover.Refusal.atLimit) { try ChatHandover.check(target: other, current: agent, onDuty: true, activeChats: 4, limit: 4) }
        #expect(throws: ChatHandover.Refusal.sameAgent) { try ChatHandover.check(target: agent, current: agent, onDuty: true, activeChats: 0, limit: 4) }
        try ChatHandover.check(target: other, current: agent, onDuty: true, activeChats: 3, limit: 4)
        #expect(ChatHandover.requeued(from: .active) == .queued && ChatHandover.requeued(from: .ended) == nil)
    }
}
