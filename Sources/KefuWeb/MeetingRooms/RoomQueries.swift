import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The bookings lists: by time (keyset on `starts_at`, `id`), optionally one room and a range, and the
/// calendar's window (bounded by its range).
struct RoomQueries {
    let db: any Database

    func page(roomID: UUID?, from: Date?, to: Date?, state: RoomBookingState?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<RoomBookingRecord> {
        var query = RoomBookingRecord.query(on: db)
        if let roomID { query = query.filter(\.$roomID == roomID) }
        if let state { query = query.filter(\.$state == state.rawValue) }
        if let from { query = query.filter(\.$endsAt > from) }
        if let to { query = query.filter(\.$startsAt < to) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$startsAt > date).group(.and) { $0.filter(\.$startsAt == date).filter(\.$id > cursor.id) } }
        }
        let rows = try await query.sort(\.$startsAt).sort(\.$id).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.startsAt), id: $0.id!).encoded } : nil)
    }

    /// Holding bookings (pending, approved) in `[from, to)` for the calendar grid and the console.
    func window(from: Date, to: Date, roomID: UUID? = nil, limit: Int = 1_000) async throws -> [RoomBookingRecord] {
        var query = RoomBookingRecord.query(on: db).filter(\.$state ~~ RoomBookingState.holding.map(\.rawValue))
            .filter(\.$startsAt < to).filter(\.$endsAt > from)
        if let roomID { query = query.filter(\.$roomID == roomID) }
        return try await query.sort(\.$startsAt).limit(limit).all()
    }
}
