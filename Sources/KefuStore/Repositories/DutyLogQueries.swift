import FluentKit
import Foundation

/// One duty-log entry (值班日志) as the monthly report reads it (RPT-03).
public struct DutyLogEntry: Sendable, Equatable {
    public let id: UUID
    /// `YYYY-MM-DD` in the organization's calendar.
    public let shiftDate: String
    public let leaderName: String
    public let summary: String
    public let incidents: String?
    public let instructions: String?
    public let createdAt: Date
}

/// The duty log for the reports module (RPT-03 feeds the monthly 服务质量分析报告 from it).
public struct DutyLogQueries: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Entries written in `from..<to`, oldest first, at most `limit`.
    public func entries(from: Date, to: Date, limit: Int) async throws -> [DutyLogEntry] {
        try await DutyLogRecord.query(on: db).filter(\.$createdAt >= from).filter(\.$createdAt < to)
            .sort(\.$createdAt).limit(max(0, limit)).all().map(DutyLogEntry.init)
    }

    /// The newest entries first (the duty-log page), keyset after `before`.
    public func latest(before: Date? = nil, limit: Int) async throws -> [DutyLogEntry] {
        let query = DutyLogRecord.query(on: db)
        if let before { query.filter(\.$createdAt < before) }
        return try await query.sort(\.$createdAt, .descending).limit(limit).all().map(DutyLogEntry.init)
    }
}

extension DutyLogEntry {
    public init(_ record: DutyLogRecord) {
        self.init(id: record.id!, shiftDate: record.shiftDate, leaderName: record.leaderName, summary: record.summary,
                  incidents: record.incidents, instructions: record.instructions, createdAt: record.createdAt)
    }
}
