import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The register's lists (by state, newest first, keyset on `arrived_at`/`created_at`) and the blocklist.
struct VisitorQueries {
    let db: any Database

    func page(state: VisitState?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<VisitorRecord> {
        var query = VisitorRecord.query(on: db)
        if let state { query = query.filter(\.$state == state.rawValue) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$createdAt < date).group(.and) { $0.filter(\.$createdAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.createdAt), id: $0.id!).encoded } : nil)
    }

    /// The console's board: who is in the building (longest first), who is expected, and lost cards.
    func board(limit: Int = 200) async throws -> (inside: [VisitorRecord], expected: [VisitorRecord], lost: [VisitorRecord]) {
        let inside = try await VisitorRecord.query(on: db).filter(\.$state == VisitState.inside.rawValue).sort(\.$arrivedAt).limit(limit).all()
        let expected = try await VisitorRecord.query(on: db).filter(\.$state == VisitState.expected.rawValue).sort(\.$expectedAt).limit(limit).all()
        let lost = try await VisitorRecord.query(on: db).filter(\.$badgeLost == true).filter(\.$cardOut == true).sort(\.$leftAt).limit(limit).all()
        return (inside, expected, lost)
    }

    func block(phone: String, name: String, reason: String, by staff: StaffUser, at now: Date) async throws -> VisitorBlockRecord {
        let phone = phone.trimmingCharacters(in: .whitespaces), reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var fields: [String: String] = [:]
        if phone.isEmpty { fields["phone"] = "error.field.required" }
        if reason.isEmpty { fields["reason"] = "error.field.required" }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        if try await VisitorBlockRecord.query(on: db).filter(\.$phone == phone).first() != nil { throw DomainError.conflict(reason: "error.visitor.already_blocked") }
        let record = VisitorBlockRecord()
        record.phone = phone; record.name = name.trimmingCharacters(in: .whitespaces); record.reason = String(reason.prefix(500))
        record.createdBy = staff.id; record.createdAt = now
        try await record.create(on: db)
        return record
    }
}
