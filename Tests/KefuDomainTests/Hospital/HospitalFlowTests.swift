import Foundation
import Testing
@testable import KefuDomain

/// The guidance flow as a pure state machine and the hospital rulebook section.
@Suite("Hospital guidance flow and rulebook (HOS)")
struct HospitalFlowTests {
    static let hospitalURL = RulebookFixture.defaultsURL.deletingLastPathComponent().appendingPathComponent("hospital.yaml")

    func flow() throws -> HospitalFlow { try RulebookFixture.standard().hospital.flow }

    @Test("HOS-03 the flow goes gate → desk → registration → consulting room, one step at a time")
    func order() throws {
        let flow = try flow()
        var state = HospitalVisitState.gate
        for step in [HospitalStep.desk, .registration, .consultingRoom] { state = try flow.advance(state, doing: step) }
        #expect(state == .consultingRoom)
        #expect(flow.isFinished(.consultingRoom) && flow.isFinished(.left) && !flow.isFinished(.registration))
    }

    @Test("HOS-03 a skipped, repeated or late step is refused naming hospital.flow", arguments: [
        (HospitalVisitState.gate, HospitalStep.registration), (.gate, .consultingRoom), (.desk, .desk), (.desk, .consultingRoom),
        (.consultingRoom, .desk), (.left, .desk), (.registration, .gate),
    ])
    func refused(state: HospitalVisitState, step: HospitalStep) throws {
        #expect(throws: DomainError.ruleViolation(rule: "hospital.flow", reason: "error.hospital.step_out_of_order")) {
            try self.flow().advance(state, doing: step)
        }
    }

    @Test("HOS-08 a patient may leave while the flow runs, not after the hand-over")
    func leaving() throws {
        let flow = try flow()
        #expect(try flow.leave(.registration) == .left)
        #expect(throws: DomainError.self) { try flow.leave(.consultingRoom) }
        #expect(throws: DomainError.self) { try flow.leave(.left) }
    }

    @Test("HOS-07 a hospital without a separate desk step may go from the gate to registration")
    func shorterFlow() throws {
        let flow = HospitalFlow(steps: [.gate, .registration, .consultingRoom])
        #expect(try flow.advance(.gate, doing: .registration) == .registration)
    }

    @Test("HOS-03 hospital mode is off by default; the flow must start at the gate and end in the consulting room")
    func rulebook() throws {
        let rules = try RulebookFixture.standard().hospital
        #expect(rules.enabled == false)
        #expect(rules.channels.map(\.code) == ["phone", "shangwutong", "qq"])
        #expect(try RulebookFixture.error("hospital:\n  flow: [desk, gate, consulting_room]\n") != nil)
        #expect(try RulebookFixture.error("hospital:\n  flow: [gate, registration]\n") != nil)
        #expect(try RulebookFixture.error("hospital:\n  enabled: yes please\n") != nil)
    }

    @Test("HOS-09 answers are checked against the forbidden phrases (不知道)")
    func forbiddenPhrases() throws {
        let rules = try RulebookFixture.standard().hospital
        #expect(rules.forbiddenPhrase(in: "这个我不知道") == "不知道")
        #expect(rules.forbiddenPhrase(in: "我帮您转交内科确认") == nil)
    }

    @Test("RTV-14 the shipped hospital rulebook is valid, enabled, and schedules periodic return visits")
    func hospitalRulebook() throws {
        let text = try String(contentsOf: Self.hospitalURL, encoding: .utf8)
        let rules = try RulebookFixture.load(text).hospital
        #expect(rules.enabled)
        #expect(rules.returnVisitCount == 3 && rules.returnVisitEvery == DurationSpec(value: 3, unit: .naturalDays))
        #expect(rules.department("gynecology")?.experts.contains("王丽华主任") == true)
        #expect(rules.mediaSource("baidu") != nil && rules.channel("qq") != nil)
    }

    @Test("RPT-08 the arrival rate is arrived / registered, one decimal, none without consultations")
    func arrivalRate() {
        #expect(ArrivalRate(consultations: 3, arrived: 1).percent == Decimal(string: "33.3"))
        #expect(ArrivalRate(consultations: 8, arrived: 8).percent == 100)
        #expect(ArrivalRate().percent == nil)
        #expect((ArrivalRate(consultations: 2, arrived: 1) + ArrivalRate(consultations: 2, arrived: 0)).percent == 25)
    }
}
