import Foundation
@testable import KefuDomain
import Testing

@Suite("Chat assessment rules (CHN-16, KB-14, ORG-08)")
struct ChatAssessmentTests {
    @Test("KB-14 the unified greeting and closing are recognised despite spaces and punctuation; a different phrase or a late greeting is not")
    func phrases() {
        let greeting = "您好，客服中心为您服务，请问有什么可以帮您？"
        let closing = "感谢您的咨询，祝您生活愉快，再见！"
        #expect(ChatPhraseCheck.greetingUsed(greeting, agentMessages: ["您好 客服中心为您服务 请问有什么可以帮您", "稍等"]))
        #expect(!ChatPhraseCheck.greetingUsed(greeting, agentMessages: ["喂，什么事？", "嗯", greeting]))  // third message: too late
        #expect(!ChatPhraseCheck.greetingUsed("", agentMessages: ["您好"]))
        #expect(ChatPhraseCheck.closingUsed(closing, agentMessages: ["好的", "感谢您的咨询！祝您生活愉快。再见"]))
        #expect(!ChatPhraseCheck.closingUsed(closing, agentMessages: [closing, "还有别的事吗"]))  // not the last word
        #expect(!ChatPhraseCheck.closingUsed(closing, agentMessages: []))
    }

    @Test("CHN-16 seconds left count down to the due instant and below zero after it; a breach before any agent answer is a first-response breach")
    func atRisk() {
        let due = Date(timeIntervalSince1970: 1_795_400_060)
        #expect(ChatAtRisk.secondsLeft(due: due, now: due.addingTimeInterval(-19.5)) == 19)
        #expect(ChatAtRisk.secondsLeft(due: due, now: due.addingTimeInterval(10)) == -10)
        #expect(ChatAtRisk.kind(agentHasAnswered: false) == .first && ChatAtRisk.kind(agentHasAnswered: true) == .message)
    }

    @Test("ORG-08 a typing sample is characters per minute within sane bounds: too short, too fast or an unknown source is refused")
    func sample() throws {
        guard case .success(let (source, speed)) = TypingSample.speed(source: "console", characters: 100, milliseconds: 120_000) else {
            Issue.record("refused"); return
        }
        #expect(source == .console && speed == 50)
        for (s, c, ms) in [("exam", 100, 120_000), ("test", 19, 60_000), ("test", 100, 9_000), ("test", 5_000, 60_000), ("test", 0, 60_000),
                           ("test", 100, 0)] as [(String, Int, Int)] {
            if case .success = TypingSample.speed(source: s, characters: c, milliseconds: ms) { Issue.record("\(s) \(c) \(ms) accepted") }
        }
        if case .failure(let problems) = TypingSample.speed(source: nil, characters: 100, milliseconds: 60_000) {
            #expect(problems.fields["source"] == "error.field.required")
        } else { Issue.record("no source accepted") }
    }
}
