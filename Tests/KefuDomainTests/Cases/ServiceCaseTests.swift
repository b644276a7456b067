import Foundation
import Testing
@testable import KefuDomain

@Suite("Cases: status machine, first-contact owner, queues")
struct ServiceCaseTests {
    let owner = UUID(), agent = UUID(), other = UUID()
    let now = Date(timeIntervalSince1970: 1_795_399_200)

    func fresh(_ type: CaseType = .consultation) -> ServiceCase {
        ServiceCase(number: "ZX-20261123-0001", type: type, channel: .phone, ownerID: owner, createdAt: now)
    }

    @Test("CHN-12 the first-contact owner is fixed at creation; assigning and reassigning change only the assignee")
    func ownerIsFixed() throws {
        var c = fresh()
        try c.assign(to: agent)
        try c.assign(to: other)
        #expect(c.ownerID == owner)
        #expect(c.assigneeID == other)
        #expect(c.status == .assigned)
    }

    @Test("CHN-19 the handling sequence: accepted, worked, waiting on the customer and back, resolved, closed")
    func happyPath() throws {
        var c = fresh()
        #expect(c.status == .new)
        try c.assign(to: agent)
        c.recordWork(by: other)
        #expect(c.status == .assigned)
        c.recordWork(by: agent)
        #expect(c.status == .inProgress)
        try c.pause()
        #expect(c.status == .pendingCustomer)
        try c.resume()
        try c.resolve(at: now)
        try c.close(at: now)
        #expect(c.status == .closed)
        #expect(c.version == 7)  // six changes; the work by someone else changed nothing
    }

    @Test("Illegal moves are refused: closing an unresolved case, resolving a new or closed one, resuming a running one")
    func illegalMoves() throws {
        var c = fresh()
        #expect(throws: DomainError.invalidTransition(from: "new", to: "closed")) { try c.close(at: now) }
        #expect(throws: DomainError.invalidTransition(from: "new", to: "resolved")) { try c.resolve(at: now) }
        try c.assign(to: agent)
        #expect(throws: DomainError.invalidTransition(from: "assigned", to: "in_progress")) { try c.resume() }
        try c.resolve(at: now)
        try c.close(at: now)
        #expect(throws: DomainError.invalidTransition(from: "closed", to: "resolved")) { try c.resolve(at: now) }
        #expect(throws: DomainError.invalidTransition(from: "closed", to: "assigned")) { try c.assign(to: other) }
    }

    @Test("Reopening a closed case returns it to its assignee; an unassigned one to the queue")
    func reopen() throws {
        var c = fresh()
        try c.assign(to: agent)
        try c.resolve(at: now)
        try c.close(at: now)
        try c.reopen()
        #expect(c.status == .inProgress)
        #expect(c.closedAt == nil)
        var open = fresh()
        #expect(throws: DomainError.self) { try open.reopen() }
    }

    @Test("CHN-17 complaints and tariff disputes go to the complaint queue, service requests and redemptions to order CS, the rest to general CS",
          arguments: CaseType.allCases)
    func queues(type: CaseType) {
        let expected: CaseQueue = [.complaint, .tariffDispute].contains(type) ? .complaint
            : [.serviceRequest, .redemption].contains(type) ? .order : .general
        #expect(type.queue == expected)
    }

    @Test("CHN-07 every case type of the seats and every channel of API.md exists")
    func vocabulary() {
        #expect(Set(CaseType.allCases.map(\.rawValue)) == ["consultation", "query", "complaint", "suggestion", "fault_report",
                                                           "service_request", "proactive", "tariff_dispute", "redemption", "other"])
        #expect(Set(CaseChannel.allCases.map(\.rawValue)) == ["phone", "visit", "web", "chat", "wechat", "qq", "letter", "email"])
    }
}
