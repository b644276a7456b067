import FluentKit
import FluentSQL
import Foundation
import KefuDomain
import SQLKit

/// The team-leader board (CHN-14): open cases per assignee — how many, how many breached, how many
/// stuck (工单滞留: untouched since `stuckBefore`) — in one grouped query over the open-status index.
public struct CaseBoardQueries: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public struct AssigneeLoad: Sendable, Equatable {
        /// nil: the unassigned queue.
        public let assigneeID: UUID?
        public let open: Int
        public let breached: Int
        public let stuck: Int
    }

    /// With `assignees`, only those people's load (at most 200; the case page's assignment list).
    public func load(scope: CaseRepository.Scope, stuckBefore: Date, assignees: [UUID]? = nil) async throws -> [AssigneeLoad] {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("cases") }
        let open = CaseStatus.allCases.filter(\.isOpen).map { SQLBind($0.rawValue) }
        let query = sql.select()
            .column("assignee_id")
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("open")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN breached_at IS NOT NULL THEN 1 ELSE 0 END)"), as: SQLIdentifier("breached")))
            .column(SQLAlias(SQLQueryString("SUM(CASE WHEN updated_at < \(bind: stuckBefore) THEN 1 ELSE 0 END)"), as: SQLIdentifier("stuck")))
            .from("cases")
            .where("status", .in, SQLGroupExpression(SQLKit.SQLList(open)))
        if let assignees {
            guard !assignees.isEmpty else { return [] }
            query.where("assignee_id", .in, SQLGroupExpression(SQLKit.SQLList(assignees.prefix(200).map { SQLBind($0) })))
        }
        switch scope {
        case .all: break
        case .department(let id): query.where("department_id", .equal, SQLBind(id))
        case .teams(let ids, let me, let department):
            query.where { group in
                group.where("team_id", .in, SQLGroupExpression(SQLKit.SQLList(ids.prefix(50).map { SQLBind($0) })))
                    .orWhere("assignee_id", .equal, SQLBind(me))
                if let department { group.orWhere { $0.where("assignee_id", .is, SQLLiteral.null).where("department_id", .equal, SQLBind(department)) } }
                return group
            }
        case .own(let me, _): query.where("assignee_id", .equal, SQLBind(me))
        }
        let rows = try await query.groupBy("assignee_id").limit(500).all()
        return try rows.map { row in
            AssigneeLoad(assigneeID: try row.decodeNil(column: "assignee_id") ? nil : try row.decode(column: "assignee_id", as: UUID.self),
                         open: try row.decode(column: "open", as: Int.self),
                         breached: try row.decode(column: "breached", as: Int?.self) ?? 0,
                         stuck: try row.decode(column: "stuck", as: Int?.self) ?? 0)
        }
    }
}
