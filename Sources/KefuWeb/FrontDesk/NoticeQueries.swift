import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// FDN-02: the recipient list of a notice as people. Teams and departments are bounded lists (at most
/// `NoticeAudience.maxListed` names); "everyone" is every active user. Unknown names are refused.
struct NoticeAudienceResolver {
    let db: any Database

    struct Person: Hashable { let id: UUID, name: String }

    func people(_ audience: NoticeAudience) async throws -> [Person] {
        var found: [UUID: String] = [:]
        func add(_ users: [UserRecord]) { for user in users { found[user.id!] = user.displayName } }
        if audience.everyone {
            add(try await UserRecord.query(on: db).filter(\.$active == true).all())
        } else {
            if !audience.userIDs.isEmpty {
                let users = try await UserRecord.query(on: db).filter(\.$id ~~ audience.userIDs).filter(\.$active == true).all()
                guard users.count == Set(audience.userIDs).count else { throw DomainError.validation(fields: ["recipients": "error.field.unknown"]) }
                add(users)
            }
            if !audience.teamIDs.isEmpty {
                let teams = try await TeamRecord.query(on: db).filter(\.$id ~~ audience.teamIDs).count()
                guard teams == Set(audience.teamIDs).count else { throw DomainError.validation(fields: ["recipients": "error.field.unknown"]) }
                add(try await UserRecord.query(on: db).filter(\.$teamID ~~ audience.teamIDs).filter(\.$active == true).all())
            }
            if !audience.departmentIDs.isEmpty {
                let departments = try await DepartmentRecord.query(on: db).filter(\.$id ~~ audience.departmentIDs).count()
                guard departments == Set(audience.departmentIDs).count else { throw DomainError.validation(fields: ["recipients": "error.field.unknown"]) }
                add(try await UserRecord.query(on: db).filter(\.$departmentID ~~ audience.departmentIDs).filter(\.$active == true).all())
            }
        }
        return found.map { Person(id: $0.key, name: $0.value) }.sorted { $0.name < $1.name }
    }
}

/// The lists of notices: a person's own (newest first, the unconfirmed ones on request), the ones they
/// issued, everyone's (the desk), and a notice's recipients for the issuer's report (FDN-05).
struct NoticeQueries {
    let db: any Database

    struct Received { let notice: NoticeRecord, recipient: NoticeRecipientRecord }

    func received(by userID: UUID, unconfirmedOnly: Bool, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<Received> {
        var query = NoticeRecipientRecord.query(on: db).filter(\.$userID == userID)
        if unconfirmedOnly { query = query.filter(\.$confirmedAt == nil) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$publishedAt < date).group(.and) { $0.filter(\.$publishedAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$publishedAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let page = Array(rows.prefix(limit))
        // One query for the page's notices (at most `limit` ids), not one per row.
        let notices = try await NoticeRecord.query(on: db).filter(\.$id ~~ page.map(\.noticeID)).all()
        let byID = Dictionary(uniqueKeysWithValues: notices.map { ($0.id!, $0) })
        let items = page.compactMap { row in byID[row.noticeID].map { Received(notice: $0, recipient: row) } }
        return KeysetPage(items: items, nextCursor: rows.count > limit ? page.last.map { Cursor(key: Cursor.key($0.publishedAt), id: $0.id!).encoded } : nil)
    }

    /// Notices issued by `issuerID`, or all notices when nil; archived ones only when asked for.
    func issued(by issuerID: UUID?, archived: Bool, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<NoticeRecord> {
        var query = NoticeRecord.query(on: db)
        if let issuerID { query = query.filter(\.$issuerID == issuerID) }
        query = archived ? query.filter(\.$archivedAt != nil) : query.filter(\.$archivedAt == nil)
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$publishedAt < date).group(.and) { $0.filter(\.$publishedAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$publishedAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.publishedAt), id: $0.id!).encoded } : nil)
    }

    /// The recipients of a notice by name; `confirmed` true/false narrows to who did / did not confirm.
    func recipients(of noticeID: UUID, confirmed: Bool?, limit: Int = 1_000) async throws -> [NoticeRecipientRecord] {
        var query = NoticeRecipientRecord.query(on: db).filter(\.$noticeID == noticeID)
        if let confirmed { query = confirmed ? query.filter(\.$confirmedAt != nil) : query.filter(\.$confirmedAt == nil) }
        return try await query.sort(\.$userName).limit(limit).all()
    }
}
