import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// QA-11: quality inspection samples chats. Of the chats ended in a month (with a case, so the scorecard
/// has something to attach to), each agent gets `quality.samples_per_agent` picked at random — stable for
/// the month — leaving out chats whose case was already inspected. The greeting and closing the agent
/// used are checked against `chat.greeting` / `chat.closing` (KB-14) so the scorecard starts from them.
struct QualityChatSamples {
    let db: any Database
    let services: AppServices

    static let endedChatLimit = 5_000

    func samples(month: String) async throws -> [ChatRecord] {
        guard let first = QualityPeriod.firstDay(ofMonth: month) else { throw DomainError.validation(fields: ["month": "error.field.invalid_value"]) }
        let calendar = services.rulebook.calendar
        let ended = try await ChatRecord.query(on: db).filter(\.$state == ChatState.ended.rawValue)
            .filter(\.$endedAt >= calendar.startOfDay(first)).filter(\.$endedAt < calendar.startOfDay(QualityPeriod.nextMonth(first)))
            .sort(\.$endedAt).limit(Self.endedChatLimit).all()
            .filter { $0.caseID != nil && $0.agentID != nil }
        var picked: [ChatRecord] = []
        let count = services.rulebook.quality.samplesPerAgent
        for (agent, chats) in Dictionary(grouping: ended, by: { $0.agentID! }).sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            // Checked in pages of a few hundred case ids: an agent's month never needs an unbounded IN list.
            var inspected = Set<UUID>()
            for chunk in stride(from: 0, to: chats.count, by: 200) {
                inspected.formUnion(try await QualityRepository(db: db).inspectedCaseIDs(among: chats[chunk..<min(chunk + 200, chats.count)].map { $0.caseID! }))
            }
            let open = chats.filter { !inspected.contains($0.caseID!) }
            let ids = QualitySampler.pick(open.map(\.id!), count: count, seed: "chat|\(agent.uuidString)|\(month)")
            picked += ids.compactMap { id in open.first { $0.id == id } }
        }
        return picked
    }

    /// KB-14: whether the agent's messages of the chat hold the unified greeting and closing.
    func phrases(of chat: ChatRecord, messages: [ChatMessageRecord]) -> (greeting: Bool, closing: Bool) {
        let chatRules = services.rulebook.chat
        let greeting = chatRules.greeting.replacingOccurrences(of: "{org}", with: services.rulebook.organization.name)
        let agentTexts = messages.filter { $0.party == ChatParty.agent.rawValue }.compactMap(\.body)
        return (ChatPhraseCheck.greetingUsed(greeting, agentMessages: agentTexts), ChatPhraseCheck.closingUsed(chatRules.closing, agentMessages: agentTexts))
    }
}
