import Foundation
@testable import KefuDomain
import Testing

@Suite("Online chat rules (网络客服)")
struct ChatDomainTests {
    let t0 = Date(timeIntervalSince1970: 1_795_400_000)

    @Test("CHN-16 the first answer is due 60 seconds after the customer's first message; later ones by the per-message limit")
    func responseClock() {
        let clock = ChatResponseClock(firstWithin: 60, messageWithin: 120)
        #expect(clock.due(oldestUnanswered: t0, agentHasAnswered: false) == t0.addingTimeInterval(60))
        #expect(clock.due(oldestUnanswered: t0, agentHasAnswered: true) == t0.addingTimeInterval(120))
        #expect(clock.due(oldestUnanswered: nil, agentHasAnswered: false) == nil)
        #expect(clock.secondsLeft(due: t0.addingTimeInterval(60), now: t0.addingTimeInterval(45)) == 15)
        #expect(clock.secondsLeft(due: t0.addingTimeInterval(60), now: t0.addingTimeInterval(61)) == -1)
    }

    @Test("A chat is queued, then active; it can be transferred while active, ended while open, and left as a message only while queued")
    func transitions() {
        let agent = UUID()
        #expect(ChatTransition.assign(agent: agent).apply(to: .queued) == .active)
        #expect(ChatTransition.assign(agent: agent).apply(to: .active) == nil)
        #expect(ChatTransition.transfer(to: agent).apply(to: .active) == .active)
        #expect(ChatTransition.transfer(to: agent).apply(to: .queued) == nil)
        #expect(ChatTransition.end(by: .customer).apply(to: .queued) == .ended)
        #expect(ChatTransition.end(by: .agent).apply(to: .ended) == nil)
        #expect(ChatTransition.leaveMessage.apply(to: .queued) == .leftMessage)
        #expect(ChatTransition.leaveMessage.apply(to: .active) == nil)
    }

    @Test("Routing picks an agent on duty who serves chat, least busy first, idle longest on a tie, never above the limit")
    func routing() {
        let (a, b, c, d) = (UUID(), UUID(), UUID(), UUID())
        let candidates: [ChatRouting.Candidate] = [
            .init(agentID: a, onDuty: true, servesChat: true, activeChats: 2, lastAssignedAt: t0),
            .init(agentID: b, onDuty: true, servesChat: true, activeChats: 1, lastAssignedAt: t0.addingTimeInterval(30)),
            .init(agentID: c, onDuty: true, servesChat: true, activeChats: 1, lastAssignedAt: t0.addingTimeInterval(10)),
            .init(agentID: d, onDuty: false, servesChat: true, activeChats: 0, lastAssignedAt: nil),
        ]
        #expect(ChatRouting.pick(candidates, limit: 3) == c)
        #expect(ChatRouting.pick(candidates, limit: 1) == nil)
        #expect(ChatRouting.estimatedWait(position: 3, averageHandling: 240, freeSeats: 0) == 720)
        #expect(ChatRouting.estimatedWait(position: 0, averageHandling: 240, freeSeats: 2) == 0)
    }

    @Test("A message over the size limit, binary content or a file that is not an image is refused; HTML stays text")
    func messages() throws {
        let policy = ChatMessagePolicy(maxCharacters: 10, maxImageBytes: 100)
        #expect(try policy.text("  <b>你好</b> ") == "<b>你好</b>")
        #expect(throws: ChatMessagePolicy.Refusal.tooLong) { try policy.text(String(repeating: "字", count: 11)) }
        #expect(throws: ChatMessagePolicy.Refusal.binary) { try policy.text("a\u{0}b") }
        #expect(throws: ChatMessagePolicy.Refusal.empty) { try policy.text(" \n ") }
        #expect(try policy.imageType([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == "image/png")
        #expect(try policy.imageType([0xFF, 0xD8, 0xFF, 0xE0]) == "image/jpeg")
        #expect(throws: ChatMessagePolicy.Refusal.notAnImage) { try policy.imageType(Array("<svg onload=alert(1)>".utf8)) }
        #expect(throws: ChatMessagePolicy.Refusal.imageTooLarge) { try policy.imageType([UInt8](repeating: 0xFF, count: 101)) }
    }

    @Test("A flood of messages is refused past the limit within the window, and admitted again once the window moves on")
    func flood() {
        var window = ChatRateWindow(limit: 3, window: 10)
        var admitted: [Bool] = []
        for second in [0.0, 1, 2, 5, 10.5] { admitted.append(window.admit(at: t0.addingTimeInterval(second))) }
        #expect(admitted == [true, true, true, false, true])
    }

    @Test("ORG-08 ORG-09 ORG-11 typing speed counts typed, not pasted, characters per minute against the grade's level")
    func typing() {
        let segments: [TypingSpeed.Segment] = [
            .init(characters: 40, seconds: 60, pasted: false),
            .init(characters: 500, seconds: 1, pasted: true),
            .init(characters: 20, seconds: 12, pasted: false),
        ]
        #expect(TypingSpeed.charactersPerMinute(segments) == 50)
        #expect(TypingSpeed.charactersPerMinute([.init(characters: 500, seconds: 5, pasted: true)]) == nil)
        let rules = StaffRules(typingSpeed: [.junior: 30, .intermediate: 50])
        #expect(TypingSpeed.meets(50, grade: .intermediate, rules: rules))
        #expect(!TypingSpeed.meets(45, grade: .intermediate, rules: rules))
        #expect(TypingSpeed.meets(45, grade: .junior, rules: rules))
    }
}

@Suite("Online chat rulebook section")
struct ChatRulebookTests {
    @Test("CHN-16 KB-14 the chat section: four chats per agent, 120 s per later message, the unified greeting and closing")
    func defaults() throws {
        let chat = try RulebookFixture.standard().chat
        #expect(chat.maxConcurrentPerAgent == 4)
        #expect(chat.messageResponseWithin == DurationSpec(value: 120, unit: .seconds))
        #expect(chat.greeting.contains("{org}"))
        #expect(!chat.closing.isEmpty)
        #expect(chat.policy.maxCharacters == 1000)
    }

    @Test("CHN-16 an agent limit of 0 is refused naming the key")
    func badLimit() throws {
        let error = #expect(throws: RulebookError.self) {
            try Rulebook.load(defaults: RulebookFixture.defaultsText(), override: "chat:\n  max_concurrent_per_agent: 0\n")
        }
        #expect(error?.key == "chat.max_concurrent_per_agent")
    }
}
