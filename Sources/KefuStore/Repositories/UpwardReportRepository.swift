import FluentKit
import Foundation
import KefuDomain
import SQLKit

/// Reports to a superior (ESC): newest-first keyset lists by box, the history, and the one conditional
/// status move that makes "exactly one wins" hold on both databases.
public struct UpwardReportRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Which reports a list shows. `visible` is everything the viewer may read: their own, those addressed
    /// to them (also as the skipped or forwarded-to superior), and — for those above — the department's
    /// reports addressed below their level; the emergency handler also the department's emergencies (ESC-11).
    public enum Box: Sendable {
        case mine(UUID)
        case addressed(UUID)
        case visible(UUID, departmentID: UUID?, belowLevel: Int?, allDepartments: Bool, emergencyHandler: Bool)
    }

    public func list(_ box: Box, statuses: [String]?, caseID: UUID? = nil, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<UpwardReportRecord> {
        var query = UpwardReportRecord.query(on: db)
        if let caseID { query = query.filter(\.$caseID == caseID) }
        switch box {
        case .mine(let me): query = query.filter(\.$reporterID == me)
        case .addressed(let me):
            query = query.group(.or) { $0.filter(\.$superiorID == me).filter(\.$skippedID == me).filter(\.$forwardedToID == me) }
        case .visible(let me, let departmentID, let belowLevel, let allDepartments, let handler):
            query = query.group(.or) { group in
                group.filter(\.$reporterID == me).filter(\.$superiorID == me).filter(\.$skippedID == me).filter(\.$forwardedToID == me)
                if let belowLevel, allDepartments { group.filter(\.$level < belowLevel) }
                if let belowLevel, !allDepartments, let departmentID {
                    group.group(.and) { $0.filter(\.$departmentID == departmentID).filter(\.$level < belowLevel) }
                }
                if handler, let departmentID {
                    group.group(.and) { $0.filter(\.$departmentID == departmentID).filter(\.$emergency == true) }
                }
            }
        }
        if let statuses { query = query.filter(\.$status ~~ statuses) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$filedAt < date).group(.and) { $0.filter(\.$filedAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$filedAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.filedAt), id: $0.id!).encoded } : nil)
    }

    /// How many reports wait for this superior's instruction (or answer to an objection).
    public func awaitingCount(superiorID: UUID, statuses: [String]) async throws -> Int {
        try await UpwardReportRecord.query(on: db).filter(\.$superiorID == superiorID).filter(\.$status ~~ statuses).count()
    }

    public func find(_ id: UUID) async throws -> UpwardReportRecord? { try await UpwardReportRecord.find(id, on: db) }

    public func steps(of reportID: UUID) async throws -> [UpwardReportStepRecord] {
        try await UpwardReportStepRecord.query(on: db).filter(\.$reportID == reportID).sort(\.$at).sort(\.$id).limit(200).all()
    }

    /// Moves the report from one of `from` to `to` in one conditional UPDATE; false when another request
    /// moved it first (the caller answers 409).
    public func move(_ id: UUID, from: [String], to: String, at now: Date) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(UpwardReportRecord.schema) }
        let rows = try await sql.update(UpwardReportRecord.schema)
            .set("status", to: SQLBind(to))
            .set("updated_at", to: SQLBind(now))
            .set("version", to: SQLBinaryExpression(left: SQLIdentifier("version"), op: SQLBinaryOperator.add, right: SQLLiteral.numeric("1")))
            .where("id", .equal, SQLBind(id))
            .where("status", .in, SQLGroupExpression(SQLKit.SQLList(from.map { SQLBind($0) })))
            .returning("id").all()
        return !rows.isEmpty
    }
}
