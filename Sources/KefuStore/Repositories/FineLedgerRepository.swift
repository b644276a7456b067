import FluentKit
import Foundation
import KefuDomain

/// The fines and rewards ledger (罚款/奖励台账): entries per person and month.
public struct FineLedgerRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// A person's entries of one month, oldest first (the statement's order).
    public func entries(staffID: UUID, month: String) async throws -> [FineLedgerRecord] {
        try await FineLedgerRecord.query(on: db).filter(\.$month == month).filter(\.$staffID == staffID).sort(\.$createdAt).limit(1_000).all()
    }

    /// A person's newest entries.
    public func recent(staffID: UUID, limit: Int = 200) async throws -> [FineLedgerRecord] {
        try await FineLedgerRecord.query(on: db).filter(\.$staffID == staffID).sort(\.$createdAt, .descending).limit(limit).all()
    }

    public func insert(_ entry: FineLedgerRecord) async throws { try await entry.create(on: db) }
}
