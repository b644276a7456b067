import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// A row of the board's "在线对话" panel (CHN-16): who has the chat, the customer, and the seconds left
/// (or over) — overdue rows are marked so a leader sees them first.
struct ChatBoardLine: Encodable {
    let agent: String, customer: String, timeText: String, overdue: Bool, href: String?

    static func lines(scope: CaseRepository.Scope, req: Request) async throws -> [ChatBoardLine] {
        try await ChatAtRiskList(db: req.db, services: req.services).list(scope: scope, limit: 20).map { item in
            let overdue = item.secondsLeft < 0
            let text = overdue ? req.t("chatqa.seconds_over", ["\(-item.secondsLeft)"]) : req.t("chatqa.seconds_left", ["\(item.secondsLeft)"])
            return ChatBoardLine(agent: item.agentName ?? req.t("chatqa.queued"), customer: item.customerName, timeText: text, overdue: overdue,
                                 href: item.caseID.map { "/cases/\($0)" })
        }
    }
}
