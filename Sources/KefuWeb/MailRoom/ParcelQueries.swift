import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Reading the register: the keyset list with its filters, the waiting shelf (important first, FDM-03)
/// and the overdue items for clearance (FDM-06).
struct ParcelQueries {
    let db: any Database
    let services: AppServices

    struct Filter { var state: Parcels.State?, direction: Parcels.Direction?, recipientID: UUID?, departmentID: UUID?, involving: UUID? }

    /// Newest first. `involving` limits to the items a member of staff receives, collects for, or sent.
    func page(_ filter: Filter, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<ParcelRecord> {
        var query = ParcelRecord.query(on: db)
        if let state = filter.state { query = query.filter(\.$state == state.rawValue) }
        if let direction = filter.direction { query = query.filter(\.$direction == direction.rawValue) }
        if let recipient = filter.recipientID { query = query.filter(\.$recipientUserID == recipient) }
        // FDM-03: items are sorted by receiving department or recipient.
        if let department = filter.departmentID { query = query.filter(\.$recipientDepartmentID == department) }
        if let user = filter.involving {
            query = query.group(.or) { $0.filter(\.$recipientUserID == user).filter(\.$delegateUserID == user).filter(\.$senderUserID == user) }
        }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$registeredAt < date).group(.and) { $0.filter(\.$registeredAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$registeredAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.registeredAt), id: $0.id!).encoded } : nil)
    }

    /// FDM-03 / FDM-05: what waits on the shelf, important items first, then oldest first.
    func waiting(limit: Int = 200) async throws -> [ParcelRecord] {
        // Sorted in SQL (true after false on both databases), so a limit never drops an important item.
        try await ParcelRecord.query(on: db).filter(\.$state == Parcels.State.waiting.rawValue)
            .sort(\.$important, .descending).sort(\.$registeredAt).sort(\.$id).limit(limit).all()
    }

    func waitingCount() async throws -> Int {
        try await ParcelRecord.query(on: db).filter(\.$state == Parcels.State.waiting.rawValue).count()
    }

    /// FDM-06: waiting items past `mail_room.uncollected_after` (oldest first).
    func overdue(now: Date, limit: Int = 200) async throws -> [ParcelRecord] {
        let parcels = Parcels(db: db, services: services)
        let rows = try await ParcelRecord.query(on: db).filter(\.$state == Parcels.State.waiting.rawValue)
            .sort(\.$registeredAt).sort(\.$id).limit(500).all()
        return Array(rows.filter { parcels.isOverdue($0, now: now) }.prefix(limit))
    }

    /// The scheduled job (FDM-06): each item that becomes overdue is announced once to its recipient and
    /// the front desk, so it is collected or cleared.
    @discardableResult
    func remindOverdue(now: Date) async throws -> Int {
        var told = 0
        for record in try await overdue(now: now) where record.overdueNotifiedAt == nil {
            let marked = try await db.transaction { db -> Bool in
                guard try await VersionGuard.setIfNull(db, table: ParcelRecord.schema, column: "overdue_notified_at", id: record.id!, to: now) else { return false }
                let notice = Notifier.Notice(kind: "parcel.overdue", titleKey: "notice.parcel_overdue", titleArgument: "\(record.recipientName) · \(record.content)",
                                             link: "/parcels", subjectType: Parcels.subject, subjectID: record.id!, dedupeKey: "parcel:\(record.id!):overdue")
                let notifier = Notifier(db: db, services: services)
                if let recipient = record.recipientUserID { try await notifier.notify([recipient], notice) }
                try await notifier.notify(role: .frontDesk, departmentID: nil, notice)
                return true
            }
            if marked { told += 1 }
        }
        return told
    }
}
