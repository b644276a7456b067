import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit

/// Exactly one assignment per chat, on both databases and across nodes: one conditional
/// `UPDATE chats … WHERE state = 'queued'` whose returned row count says who won (routing, a hand take and a
/// second node racing for the same chat all go through here).
struct ChatClaim {
    let db: any Database

    /// True when `agent` got the chat; false when it was no longer queued (someone else won, or it ended) or the
    /// agent already holds `limit` active chats (`chat.max_concurrent_per_agent`; nil: no limit, a leader's take).
    func claim(_ chatID: UUID, agent: UUID, agentName: String, at now: Date, limit: Int? = nil) async throws -> Bool {
        try await db.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(ChatRecord.schema) }
            try await lockAgent(agent, sql: sql)
            let update = sql.update(ChatRecord.schema)
                .set("state", to: SQLBind(ChatState.active.rawValue)).set("agent_id", to: SQLBind(agent))
                .set("agent_name", to: SQLBind(agentName)).set("assigned_at", to: SQLBind(now))
                .set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, SQLBind(chatID)).where("state", .equal, SQLBind(ChatState.queued.rawValue))
            if let limit { update.where(Self.activeCount(of: agent), .lessThan, SQLBind(limit)) }
            return try await update.returning("id").all().count == 1
        }
    }

    /// How many chats `agent` holds now, as a subquery of the claim's WHERE (one statement, no read-then-write).
    static func activeCount(of agent: UUID) -> SQLGroupExpression {
        let count: SQLQueryString = "SELECT COUNT(*) FROM chats AS held WHERE held.agent_id = \(bind: agent) AND held.state = \(bind: ChatState.active.rawValue)"
        return SQLGroupExpression(count)
    }

    /// On PostgreSQL two claims for the same agent (different chats) would each see the count below the limit;
    /// locking the agent's user row first makes them take turns. SQLite writes one at a time already.
    func lockAgent(_ agent: UUID, sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        _ = try await sql.raw("SELECT id FROM users WHERE id = \(bind: agent) FOR UPDATE").all()
    }

    /// A direct transfer: the chat moves from `from` to `to` only if it is still active with `from`.
    func move(_ chatID: UUID, from: UUID, to agent: UUID, agentName: String, at now: Date, limit: Int) async throws -> Bool {
        try await db.transaction { db in
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(ChatRecord.schema) }
        try await lockAgent(agent, sql: sql)
        let rows = try await sql.update(ChatRecord.schema)
            .set("agent_id", to: SQLBind(agent)).set("agent_name", to: SQLBind(agentName)).set("assigned_at", to: SQLBind(now))
            .set("version", to: SQLRaw("version + 1"))
            .where("id", .equal, SQLBind(chatID)).where("state", .equal, SQLBind(ChatState.active.rawValue))
            .where("agent_id", .equal, SQLBind(from)).where(Self.activeCount(of: agent), .lessThan, SQLBind(limit))
            .returning("id").all()
        return rows.count == 1
        }
    }

    /// Back to a team's queue: only if still active with `from`.
    func requeue(_ chatID: UUID, from: UUID, team: UUID) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(ChatRecord.schema) }
        let rows = try await sql.update(ChatRecord.schema)
            .set("state", to: SQLBind(ChatState.queued.rawValue)).set("team_id", to: SQLBind(team))
            .set("agent_id", to: SQLLiteral.null).set("agent_name", to: SQLLiteral.null)
            .set("version", to: SQLRaw("version + 1"))
            .where("id", .equal, SQLBind(chatID)).where("state", .equal, SQLBind(ChatState.active.rawValue))
            .where("agent_id", .equal, SQLBind(from))
            .returning("id").all()
        return rows.count == 1
    }
}
