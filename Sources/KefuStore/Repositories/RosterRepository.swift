import FluentKit
import Foundation

/// Every query of shift templates and the roster. Days are `YYYY-MM-DD` strings, so a date range is a
/// string range on the indexed `shift_date`; instants answer overlap and "on duty now" on `starts_at`.
public struct RosterRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func templates(activeOnly: Bool = false) async throws -> [ShiftTemplateRecord] {
        let query = ShiftTemplateRecord.query(on: db).sort(\.$startsAt).sort(\.$name)
        if activeOnly { query.filter(\.$active == true) }
        return try await query.all()
    }

    public func template(_ id: UUID) async throws -> ShiftTemplateRecord? {
        try await ShiftTemplateRecord.find(id, on: db)
    }

    public func template(named name: String) async throws -> ShiftTemplateRecord? {
        try await ShiftTemplateRecord.query(on: db).filter(\.$name == name).first()
    }

    public func entry(_ id: UUID) async throws -> RosterEntryRecord? {
        try await RosterEntryRecord.find(id, on: db)
    }

    /// The entries with these ids, by id (a page's swaps: bounded by the page size).
    public func entries(ids: [UUID]) async throws -> [UUID: RosterEntryRecord] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await RosterEntryRecord.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
        return Dictionary(rows.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Entries on the days `from…to` (inclusive), optionally of one team, by day then start.
    public func entries(from: String, to: String, teamID: UUID? = nil, userID: UUID? = nil, limit: Int = 2_000) async throws -> [RosterEntryRecord] {
        let query = RosterEntryRecord.query(on: db).filter(\.$shiftDate >= from).filter(\.$shiftDate <= to)
        if let teamID { query.filter(\.$teamID == teamID) }
        if let userID { query.filter(\.$userID == userID) }
        return try await query.sort(\.$shiftDate).sort(\.$startsAt).limit(limit).all()
    }

    /// The person's entry that overlaps `start..<end`, if any.
    public func overlapping(userID: UUID, start: Date, end: Date, excluding: UUID? = nil) async throws -> RosterEntryRecord? {
        let query = RosterEntryRecord.query(on: db).filter(\.$userID == userID)
            .filter(\.$startsAt < end).filter(\.$endsAt > start)
        if let excluding { query.filter(\.$id != excluding) }
        return try await query.first()
    }

    /// Entries whose shift covers `at` (optionally widened by `lead` seconds before the start, for early
    /// sign-in), optionally of one team.
    public func covering(_ at: Date, lead: TimeInterval = 0, teamID: UUID? = nil, userID: UUID? = nil) async throws -> [RosterEntryRecord] {
        let query = RosterEntryRecord.query(on: db).filter(\.$startsAt <= at.addingTimeInterval(lead)).filter(\.$endsAt > at)
        if let teamID { query.filter(\.$teamID == teamID) }
        if let userID { query.filter(\.$userID == userID) }
        return try await query.sort(\.$startsAt).all()
    }

    public func attendance(rosterEntryIDs ids: [UUID]) async throws -> [AttendanceRecord] {
        guard !ids.isEmpty else { return [] }
        return try await AttendanceRecord.query(on: db).filter(\.$rosterEntryID ~~ ids).all()
    }

    public func attendance(of rosterEntryID: UUID) async throws -> AttendanceRecord? {
        try await AttendanceRecord.query(on: db).filter(\.$rosterEntryID == rosterEntryID).first()
    }

    public func rollCall(date: String, templateID: UUID) async throws -> RollCallRecord? {
        try await RollCallRecord.query(on: db).filter(\.$shiftDate == date).filter(\.$shiftTemplateID == templateID).first()
    }
}
