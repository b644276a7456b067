import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit

/// CHN-16 breaches of the live chat: the scanner records every open chat whose answer is overdue, and an
/// agent's late answer (or the end of a chat) records the breach it closes, so a breach is kept even when
/// the answer came between two scans. Each breach is stored once (unique chat and due instant).
struct ChatBreaches {
    let db: any Database
    let services: AppServices

    static let openStates = [ChatState.queued.rawValue, ChatState.active.rawValue]

    /// The scheduled job: overdue open chats (oldest due first, a bounded batch on `chats_answer_due`).
    @discardableResult
    func scan(now: Date) async throws -> Int {
        let overdue = try await ChatRecord.query(on: db).filter(\.$state ~~ Self.openStates).filter(\.$answerDue <= now)
            .sort(\.$answerDue).limit(500).all()
        var recorded = 0
        for chat in overdue where try await record(chat, now: now) { recorded += 1 }
        return recorded
    }

    /// Before an answer clears the clock: a late answer is a breach (the chat as stored now, not as loaded).
    func recordIfLate(chatID: UUID, answeredAt: Date) async throws {
        guard let chat = try await ChatRecord.find(chatID, on: db), let due = chat.answerDue, due < answeredAt else { return }
        _ = try await record(chat, now: answeredAt)
    }

    /// Stores the breach of `chat`'s current due instant; false when it was already stored.
    private func record(_ chat: ChatRecord, now: Date) async throws -> Bool {
        guard let due = chat.answerDue, let sql = db as? any SQLDatabase else { return false }
        let kind = ChatAtRisk.kind(agentHasAnswered: chat.lastAgentAt != nil)
        let month = QualityPeriod.month(of: services.rulebook.calendar.localDate(of: due))
        let before = try await ChatBreachRecord.query(on: db).filter(\.$chatID == chat.id!).filter(\.$due == due).count()
        guard before == 0 else { return false }
        // Two scanners (or a scan and a late answer) may race: the unique index keeps one, the other is ignored.
        try await sql.insert(into: ChatBreachRecord.schema)
            .columns("id", "chat_id", "case_id", "agent_id", "agent_name", "kind", "due", "at", "month")
            .values(SQLBind(UUID()), SQLBind(chat.id!), SQLBind(chat.caseID), SQLBind(chat.agentID), SQLBind(chat.agentName),
                    SQLBind(kind.rawValue), SQLBind(due), SQLBind(now), SQLBind(month))
            .ignoringConflicts(with: ["chat_id", "due"])
            .run()
        return true
    }

    /// `GET /api/v1/chat-breaches`: newest first, keyset on (due, id); `agentID` nil = everyone (leaders).
    func list(agentID: UUID?, month: String?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<ChatBreachRecord> {
        var query = ChatBreachRecord.query(on: db)
        if let agentID { query = query.filter(\.$agentID == agentID) }
        if let month {
            guard QualityPeriod.firstDay(ofMonth: month) != nil else { throw DomainError.validation(fields: ["month": "error.field.invalid_value"]) }
            query = query.filter(\.$month == month)
        }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$due < date).group(.and) { $0.filter(\.$due == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$due, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.due), id: $0.id!).encoded } : nil)
    }

    /// The month's breaches per agent (the monthly evaluation).
    func countByAgent(month: String) async throws -> [UUID: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.select().column("agent_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(ChatBreachRecord.schema).where("month", .equal, SQLBind(month)).where("agent_id", .isNot, SQLLiteral.null)
            .groupBy("agent_id").all()
        var counts: [UUID: Int] = [:]
        for row in rows { counts[try row.decode(column: "agent_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }
}
