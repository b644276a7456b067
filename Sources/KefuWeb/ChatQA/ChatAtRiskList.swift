import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// CHN-16 on the team-leader board and `GET /api/v1/chats/at-risk`: open chats whose answer is due within
/// `ChatAtRisk.warnWithin` or overdue, most urgent first, limited to the agents the leader's case scope
/// covers (queued chats, which nobody has yet, are everyone's concern).
struct ChatAtRiskList {
    let db: any Database
    let services: AppServices

    struct Item: Sendable {
        let chatID: UUID, caseID: UUID?, agentID: UUID?, agentName: String?, customerName: String, state: String
        let due: Date, secondsLeft: Int
    }

    func list(scope: CaseRepository.Scope, limit: Int = 50) async throws -> [Item] {
        let now = services.now()
        // One bounded read on `chats_answer_due`; the scope is applied to that batch (a center never has
        // hundreds of chats about to breach at the same moment).
        let chats = try await ChatRecord.query(on: db).filter(\.$state ~~ ChatBreaches.openStates)
            .filter(\.$answerDue <= now.addingTimeInterval(ChatAtRisk.warnWithin)).sort(\.$answerDue).limit(500).all()
        let allowed = try await agents(of: scope)
        return chats.filter { chat in chat.agentID.map { id in allowed?.contains(id) ?? true } ?? true }.prefix(limit).map {
            Item(chatID: $0.id!, caseID: $0.caseID, agentID: $0.agentID, agentName: $0.agentName, customerName: $0.customerName,
                 state: $0.state, due: $0.answerDue!, secondsLeft: ChatAtRisk.secondsLeft(due: $0.answerDue!, now: now))
        }
    }

    /// The agents a case scope covers; nil = everyone.
    private func agents(of scope: CaseRepository.Scope) async throws -> Set<UUID>? {
        switch scope {
        case .all: return nil
        case .department(let department):
            return Set(try await UserRecord.query(on: db).filter(\.$departmentID == department).limit(5_000).all().compactMap(\.id))
        case .teams(let led, let me, _):
            return Set(try await UserRecord.query(on: db).filter(\.$teamID ~~ led).limit(5_000).all().compactMap(\.id) + [me])
        case .own(let me, _): return [me]
        }
    }
}
