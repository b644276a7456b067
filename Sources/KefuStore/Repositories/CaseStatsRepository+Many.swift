import FluentKit
import Foundation
import KefuDomain
import SQLKit

extension CaseStatsRepository {
    /// Adds many events at once (cases opened in one group commit, issue 22): summed per row first — one
    /// statement may not touch a row twice on PostgreSQL — then one upsert per table.
    public func bump(_ events: [(key: Key, tally: CaseTally)]) async throws {
        guard !events.isEmpty else { return }
        let noTeam = Self.noTeam
        // The three tables at once: one connection runs the statements in turn, their waits overlap.
        async let full: Void = upsertSums("case_day_stats", keys: ["day", "agent_id", "team_id", "type", "channel"], events.map {
            ([SQLBind($0.key.day), SQLBind($0.key.agentID), SQLBind($0.key.teamID ?? noTeam), SQLBind($0.key.type), SQLBind($0.key.channel)],
             "\($0.key.day)|\($0.key.agentID)|\(($0.key.teamID ?? noTeam))|\($0.key.type)|\($0.key.channel)", $0.tally)
        })
        async let mix: Void = upsertSums("case_day_mix", keys: ["day", "type", "channel"], events.map {
            ([SQLBind($0.key.day), SQLBind($0.key.type), SQLBind($0.key.channel)], "\($0.key.day)|\($0.key.type)|\($0.key.channel)", $0.tally)
        })
        async let agents: Void = upsertSums("case_day_agents", keys: ["day", "agent_id", "team_id"], events.map {
            ([SQLBind($0.key.day), SQLBind($0.key.agentID), SQLBind($0.key.teamID ?? noTeam)],
             "\($0.key.day)|\($0.key.agentID)|\(($0.key.teamID ?? noTeam))", $0.tally)
        })
        _ = try await (full, mix, agents)
    }

    private func upsertSums(_ table: String, keys: [String], _ rows: [(values: [any SQLExpression], identity: String, tally: CaseTally)]) async throws {
        var order: [String] = []
        var sums: [String: (values: [any SQLExpression], tally: CaseTally)] = [:]
        for row in rows {
            if var sum = sums[row.identity] {
                sum.tally = sum.tally + row.tally
                sums[row.identity] = sum
            } else {
                order.append(row.identity)
                sums[row.identity] = (row.values, row.tally)
            }
        }
        let tuples = order.sorted().map { identity -> any SQLExpression in  // one lock order for every writer
            let (values, t) = sums[identity]!
            let counts: [any SQLExpression] = [SQLBind(t.opened), SQLBind(t.resolved), SQLBind(t.closed), SQLBind(t.reopened),
                                               SQLBind(t.escalated), SQLBind(t.breached), SQLBind(t.resolveSeconds)]
            return SQLGroupExpression([SQLBind(UUID())] + values + counts)
        }
        let columns = (["id"] + keys + Self.counters).joined(separator: ", ")
        let updates = Self.counters.map { "\($0) = \(table).\($0) + excluded.\($0)" }.joined(separator: ", ")
        // Table and column names are the fixed ones above, never input.
        try await sql.raw("""
            INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns)) VALUES \(SQLList(tuples))
            ON CONFLICT (\(unsafeRaw: keys.joined(separator: ", "))) DO UPDATE SET \(unsafeRaw: updates)
            """).run()
    }
}
