import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Body of `POST /kb/entries` and `PATCH /kb/entries/{id}`: every field optional on PATCH.
struct KBEntryRequest: Content {
    var catalog: KBCatalog?
    var title: String?
    var question: String?
    var answer: String?
    var issuingDepartmentID: UUID?
    var noticeRef: String?
    var noticeSummary: String?
    var effectiveFrom: Date?
    var effectiveTo: Date?
    /// PATCH: set true to clear `effective_to` (an open end).
    var clearEffectiveTo: Bool?
    var version: Int?

    enum CodingKeys: String, CodingKey {
        case catalog, title, question, answer, version
        case issuingDepartmentID = "issuing_department_id", noticeRef = "notice_ref", noticeSummary = "notice_summary"
        case effectiveFrom = "effective_from", effectiveTo = "effective_to", clearEffectiveTo = "clear_effective_to"
    }
}

/// Body of an editing action (`/read`, `/submit`, `/publish`, `/withdraw`).
struct KBActionRequest: Content {
    var version: Int?
    var comment: String?
}

struct KBUseRequest: Content {
    var entryID: UUID?

    enum CodingKeys: String, CodingKey { case entryID = "entry_id" }
}

struct KBVersionResponse: Content {
    let revision: Int, catalog: String, title: String, question: String, answer: String
    let effectiveFrom: Date?, effectiveTo: Date?, approvalID: UUID?, publishedBy: UUID, publishedAt: Date, endedAt: Date?

    enum CodingKeys: String, CodingKey {
        case revision, catalog, title, question, answer
        case effectiveFrom = "effective_from", effectiveTo = "effective_to", approvalID = "approval_id"
        case publishedBy = "published_by", publishedAt = "published_at", endedAt = "ended_at"
    }

    init(_ v: KBEntryVersionRecord) {
        revision = v.revision; catalog = v.catalog; title = v.title; question = v.question; answer = v.answer
        effectiveFrom = v.effectiveFrom; effectiveTo = v.effectiveTo; approvalID = v.approvalID
        publishedBy = v.publishedBy; publishedAt = v.publishedAt; endedAt = v.endedAt
    }
}

struct KBDocumentResponse: Content {
    let id: UUID, filename: String, contentType: String, size: Int, sha256: String, createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, filename, size, sha256
        case contentType = "content_type", createdAt = "created_at"
    }

    init(_ d: KBDocumentRecord) {
        id = d.id!; filename = d.filename; contentType = d.contentType; size = d.size; sha256 = d.sha256; createdAt = d.createdAt
    }
}

/// An entry: the working copy with its editing state, and `live` — the published version in force
/// that agents read (null when none) — with `in_force` (KB-08) and `unread` for the caller (KB-12/13).
struct KBEntryResponse: Content {
    let id: UUID, number: String, catalog: String, title: String, question: String, answer: String, state: String
    let issuingDepartmentID: UUID?, noticeRef: String?, noticeSummary: String?
    let effectiveFrom: Date?, effectiveTo: Date?, readBy: UUID?, readAt: Date?
    let approvalID: UUID?, approvalState: String?
    let live: KBVersionResponse?
    let inForce: Bool
    let unread: Bool
    let publishedAt: Date?, withdrawnAt: Date?
    let createdBy: UUID, createdAt: Date, updatedAt: Date, version: Int

    enum CodingKeys: String, CodingKey {
        case id, number, catalog, title, question, answer, state, live, unread, version
        case issuingDepartmentID = "issuing_department_id", noticeRef = "notice_ref", noticeSummary = "notice_summary"
        case effectiveFrom = "effective_from", effectiveTo = "effective_to", readBy = "read_by", readAt = "read_at"
        case approvalID = "approval_id", approvalState = "approval_state", inForce = "in_force"
        case publishedAt = "published_at", withdrawnAt = "withdrawn_at"
        case createdBy = "created_by", createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ r: KBEntryRecord, live: KBEntryVersionRecord?, readRevision: Int?, now: Date) {
        id = r.id!; number = r.number; catalog = r.catalog; title = r.title; question = r.question; answer = r.answer; state = r.state
        issuingDepartmentID = r.issuingDepartmentID; noticeRef = r.noticeRef; noticeSummary = r.noticeSummary
        effectiveFrom = r.effectiveFrom; effectiveTo = r.effectiveTo; readBy = r.readBy; readAt = r.readAt
        approvalID = r.approvalID; approvalState = r.approvalState
        self.live = live.map(KBVersionResponse.init)
        inForce = r.liveRevision != nil && KBPolicy.isInForce(from: r.liveFrom, to: r.liveTo, at: now)
        unread = r.liveRevision.map { (readRevision ?? 0) < $0 } ?? false
        publishedAt = r.publishedAt; withdrawnAt = r.withdrawnAt
        createdBy = r.createdBy; createdAt = r.createdAt; updatedAt = r.updatedAt; version = r.version
    }

    /// A page of entries with their live versions and the caller's read markers (three queries).
    static func page(_ records: [KBEntryRecord], reader: UUID, db: any Database, now: Date) async throws -> [KBEntryResponse] {
        let repository = KBRepository(db: db)
        let live = try await repository.liveVersions(of: records)
        let reads = try await repository.readRevisions(userID: reader, entryIDs: records.compactMap(\.id))
        return records.map { KBEntryResponse($0, live: live[$0.id!], readRevision: reads[$0.id!], now: now) }
    }
}

struct KBUseResponse: Content {
    let id: UUID, caseID: UUID, entryID: UUID, revision: Int, title: String, usedBy: UUID, usedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, revision, title
        case caseID = "case_id", entryID = "entry_id", usedBy = "used_by", usedAt = "used_at"
    }

    init(_ u: KBUseRecord, title: String) {
        id = u.id!; caseID = u.caseID; entryID = u.entryID; revision = u.revision; self.title = title; usedBy = u.usedBy; usedAt = u.usedAt
    }
}
