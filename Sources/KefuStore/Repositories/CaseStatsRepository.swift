import FluentKit
import Foundation
import KefuDomain
import SQLKit

/// The daily case aggregate (`case_day_stats`, RPT): bumped in the transaction of every case event and
/// summed by reports over a bounded range of days, optionally narrowed to a team, agent, type or channel.
public struct CaseStatsRepository: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// `team_id` of a case without a team.
    public static let noTeam = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!

    public init(db: any Database) { self.db = db }

    /// One row of the aggregate: a day (`YYYY-MM-DD`, organization time) and who/what it counts.
    public struct Key: Hashable, Sendable {
        public var day: String, agentID: UUID, teamID: UUID?, type: String, channel: String
        public init(day: String, agentID: UUID, teamID: UUID?, type: String, channel: String) {
            self.day = day; self.agentID = agentID; self.teamID = teamID; self.type = type; self.channel = channel
        }
    }

    /// Which rows a report sums: days `from…to` (inclusive) and optional narrowing.
    public struct Slice: Sendable, Equatable {
        public var from: String, to: String
        public var teamID: UUID?, agentID: UUID?, type: String?, channel: String?
        public init(from: String, to: String, teamID: UUID? = nil, agentID: UUID? = nil, type: String? = nil, channel: String? = nil) {
            self.from = from; self.to = to; self.teamID = teamID; self.agentID = agentID; self.type = type; self.channel = channel
        }
    }

    /// What a report groups the sums by.
    public enum Dimension: String, Sendable, CaseIterable {
        case day, type, channel
        case agent = "agent_id"
        case team = "team_id"
    }

    /// Adds `tally` to the event's row of the full aggregate and of both roll-ups, one upsert each, so
    /// concurrent events never lose an update.
    public func bump(_ key: Key, _ tally: CaseTally) async throws {
        let team = key.teamID ?? Self.noTeam
        try await upsert("case_day_stats", keys: ["day", "agent_id", "team_id", "type", "channel"],
                         values: [SQLBind(key.day), SQLBind(key.agentID), SQLBind(team), SQLBind(key.type), SQLBind(key.channel)], tally)
        try await upsert("case_day_mix", keys: ["day", "type", "channel"], values: [SQLBind(key.day), SQLBind(key.type), SQLBind(key.channel)], tally)
        try await upsert("case_day_agents", keys: ["day", "agent_id", "team_id"], values: [SQLBind(key.day), SQLBind(key.agentID), SQLBind(team)], tally)
    }

    static let counters = ["opened", "resolved", "closed", "reopened", "escalated", "breached", "resolve_seconds"]

    private func upsert(_ table: String, keys: [String], values: [SQLBind], _ tally: CaseTally) async throws {
        let counts: [any SQLExpression] = [SQLBind(tally.opened), SQLBind(tally.resolved), SQLBind(tally.closed), SQLBind(tally.reopened),
                                           SQLBind(tally.escalated), SQLBind(tally.breached), SQLBind(tally.resolveSeconds)]
        let columns = (["id"] + keys + Self.counters).joined(separator: ", ")
        let updates = Self.counters.map { "\($0) = \(table).\($0) + excluded.\($0)" }.joined(separator: ", ")
        // Table and column names are the fixed ones above, never input.
        try await sql.raw("""
            INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns)) VALUES (\(SQLList([SQLBind(UUID())] + values + counts)))
            ON CONFLICT (\(unsafeRaw: keys.joined(separator: ", "))) DO UPDATE SET \(unsafeRaw: updates)
            """).run()
    }

    /// The narrowest table that holds what `slice` and `dimension` need: the center-wide roll-up by type
    /// and channel, the per-agent roll-up, or the full aggregate when both kinds of narrowing meet.
    static func table(for slice: Slice, by dimension: Dimension) -> String {
        let byPeople = slice.teamID != nil || slice.agentID != nil || dimension == .agent || dimension == .team
        let byKind = slice.type != nil || slice.channel != nil || dimension == .type || dimension == .channel
        return byPeople ? (byKind ? "case_day_stats" : "case_day_agents") : "case_day_mix"
    }

    /// The sums of `slice` grouped by `dimension` (one row per day, type, channel, agent or team).
    public func sums(_ slice: Slice, by dimension: Dimension) async throws -> [(key: String, tally: CaseTally)] {
        var query: SQLQueryString = """
            SELECT \(unsafeRaw: dimension.rawValue) AS k, CAST(SUM(opened) AS BIGINT) AS opened, CAST(SUM(resolved) AS BIGINT) AS resolved,
              CAST(SUM(closed) AS BIGINT) AS closed, CAST(SUM(reopened) AS BIGINT) AS reopened, CAST(SUM(escalated) AS BIGINT) AS escalated,
              CAST(SUM(breached) AS BIGINT) AS breached, CAST(SUM(resolve_seconds) AS DOUBLE PRECISION) AS resolve_seconds
            FROM \(unsafeRaw: Self.table(for: slice, by: dimension)) WHERE day >= \(bind: slice.from) AND day <= \(bind: slice.to)
            """
        if let teamID = slice.teamID { query.appendInterpolation(unsafeRaw: " AND team_id = "); query.appendInterpolation(bind: teamID) }
        if let agentID = slice.agentID { query.appendInterpolation(unsafeRaw: " AND agent_id = "); query.appendInterpolation(bind: agentID) }
        if let type = slice.type { query.appendInterpolation(unsafeRaw: " AND type = "); query.appendInterpolation(bind: type) }
        if let channel = slice.channel { query.appendInterpolation(unsafeRaw: " AND channel = "); query.appendInterpolation(bind: channel) }
        query.appendInterpolation(unsafeRaw: " GROUP BY \(dimension.rawValue)")
        let rows = try await sql.raw(query).all()
        return try rows.map { row in
            let key: String = switch dimension {
            case .agent, .team: try row.decode(column: "k", as: UUID.self).uuidString
            default: try row.decode(column: "k", as: String.self)
            }
            return (key, CaseTally(opened: try row.decode(column: "opened", as: Int.self), resolved: try row.decode(column: "resolved", as: Int.self),
                                   closed: try row.decode(column: "closed", as: Int.self), reopened: try row.decode(column: "reopened", as: Int.self),
                                   escalated: try row.decode(column: "escalated", as: Int.self), breached: try row.decode(column: "breached", as: Int.self),
                                   resolveSeconds: try row.decode(column: "resolve_seconds", as: Double.self)))
        }
    }

    /// True when the aggregate holds no row (a database from before the aggregate existed needs a rebuild).
    public func isEmpty() async throws -> Bool {
        try await sql.raw("SELECT id FROM case_day_stats LIMIT 1").first() == nil
    }

    /// Empties the aggregate and its roll-ups (before a rebuild).
    public func clear() async throws {
        for table in ["case_day_stats", "case_day_mix", "case_day_agents"] { try await sql.raw("DELETE FROM \(unsafeRaw: table)").run() }
    }
}
