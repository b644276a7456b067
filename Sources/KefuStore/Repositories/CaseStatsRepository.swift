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

    /// Adds `tally` to a row in one statement (an upsert), so concurrent events never lose an update.
    public func bump(_ key: Key, _ tally: CaseTally) async throws {
        try await sql.raw("""
            INSERT INTO case_day_stats (id, day, agent_id, team_id, type, channel, opened, resolved, closed, reopened, escalated, breached, resolve_seconds)
            VALUES (\(bind: UUID()), \(bind: key.day), \(bind: key.agentID), \(bind: key.teamID ?? Self.noTeam), \(bind: key.type), \(bind: key.channel),
              \(bind: tally.opened), \(bind: tally.resolved), \(bind: tally.closed), \(bind: tally.reopened), \(bind: tally.escalated),
              \(bind: tally.breached), \(bind: tally.resolveSeconds))
            ON CONFLICT (day, agent_id, team_id, type, channel) DO UPDATE SET
              opened = case_day_stats.opened + excluded.opened, resolved = case_day_stats.resolved + excluded.resolved,
              closed = case_day_stats.closed + excluded.closed, reopened = case_day_stats.reopened + excluded.reopened,
              escalated = case_day_stats.escalated + excluded.escalated, breached = case_day_stats.breached + excluded.breached,
              resolve_seconds = case_day_stats.resolve_seconds + excluded.resolve_seconds
            """).run()
    }

    /// The sums of `slice` grouped by `dimension` (one row per day, type, channel, agent or team).
    public func sums(_ slice: Slice, by dimension: Dimension) async throws -> [(key: String, tally: CaseTally)] {
        var query: SQLQueryString = """
            SELECT \(unsafeRaw: dimension.rawValue) AS k, CAST(SUM(opened) AS BIGINT) AS opened, CAST(SUM(resolved) AS BIGINT) AS resolved,
              CAST(SUM(closed) AS BIGINT) AS closed, CAST(SUM(reopened) AS BIGINT) AS reopened, CAST(SUM(escalated) AS BIGINT) AS escalated,
              CAST(SUM(breached) AS BIGINT) AS breached, CAST(SUM(resolve_seconds) AS DOUBLE PRECISION) AS resolve_seconds
            FROM case_day_stats WHERE day >= \(bind: slice.from) AND day <= \(bind: slice.to)
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

    /// Empties the aggregate (before a rebuild).
    public func clear() async throws {
        try await sql.raw("DELETE FROM case_day_stats").run()
    }
}
