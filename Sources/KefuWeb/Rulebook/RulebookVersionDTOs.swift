import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `POST /api/v1/rulebook/versions` and `/preview`.
struct RulebookVersionRequest: Content {
    var content: String?
    var fileName: String?
    var effectiveAt: Date?
    var note: String?
    var announce: Bool?

    enum CodingKeys: String, CodingKey {
        case content, note, announce
        case fileName = "file_name", effectiveAt = "effective_at"
    }

    var input: RulebookVersions.Input {
        .init(content: content ?? "", fileName: fileName?.nilIfBlank ?? "rulebook.yaml", effectiveAt: effectiveAt, note: note,
              announce: announce ?? true)
    }
}

struct DifferenceResponse: Content {
    let key: String
    let before: String
    let after: String

    init(_ difference: RulebookDifference) { key = difference.key; before = difference.defaultValue; after = difference.newValue }
}

struct RulebookVersionResponse: Content {
    let id: UUID
    let version: String
    let fileName: String
    let effectiveAt: Date
    let interpretedBy: String
    let note: String?
    let uploadedBy: String
    let uploadedAt: Date
    let cancelledAt: Date?
    let noticeId: UUID?
    /// `scheduled`, `in_force`, `superseded`, `cancelled` or `invalid` (cannot be loaded by this release).
    let state: String
    var differences: [DifferenceResponse]?

    enum CodingKeys: String, CodingKey {
        case id, version, note, state, differences
        case fileName = "file_name", effectiveAt = "effective_at", interpretedBy = "interpreted_by", uploadedBy = "uploaded_by"
        case uploadedAt = "uploaded_at", cancelledAt = "cancelled_at", noticeId = "notice_id"
    }

    init(_ record: RulebookVersionRecord, services: AppServices, differences: [RulebookDifference]? = nil) {
        id = record.id!; version = record.version; fileName = record.fileName; effectiveAt = record.effectiveAt
        interpretedBy = record.interpretedBy; note = record.note; uploadedBy = record.uploadedByName; uploadedAt = record.uploadedAt
        cancelledAt = record.cancelledAt; noticeId = record.noticeID
        state = RulebookVersionState.of(record, services: services).rawValue
        self.differences = differences?.map(DifferenceResponse.init)
    }
}

/// The state of a stored version as this node sees it now.
enum RulebookVersionState: String {
    case scheduled, inForce = "in_force", superseded, cancelled, invalid

    static func of(_ record: RulebookVersionRecord, services: AppServices) -> RulebookVersionState {
        if record.cancelledAt != nil { return .cancelled }
        guard services.rulebooks.cached(record.id!) != nil else { return .invalid }
        let now = services.now()
        if record.effectiveAt > now { return .scheduled }
        if case .stored(let id, _) = services.rulebooks.inForce(at: now).source, id == record.id { return .inForce }
        return .superseded
    }
}

/// `GET /api/v1/rulebook` adds which version is in force and why (GOV-02).
struct RulebookInForce: Content {
    /// `startup_file`, `defaults` or `stored_version`.
    let source: String
    let versionId: UUID?
    let effectiveSince: String
    let interpretedBy: String
    let nextScheduledAt: Date?
    let reviewDue: String

    enum CodingKeys: String, CodingKey {
        case source
        case versionId = "version_id", effectiveSince = "effective_since", interpretedBy = "interpreted_by"
        case nextScheduledAt = "next_scheduled_at", reviewDue = "review_due"
    }

    init(services: AppServices) {
        let now = services.now()
        let (rulebook, origin) = services.rulebooks.inForce(at: now)
        var since = rulebook.organization.effectiveFrom
        switch origin {
        case .baseline:
            source = services.settings.rulebookFile == nil ? "defaults" : "startup_file"
            versionId = nil
        case .stored(let id, let at):
            source = "stored_version"; versionId = id
            since = rulebook.calendar.localDate(of: at)
        }
        effectiveSince = since.description
        interpretedBy = rulebook.organization.interpretedBy
        nextScheduledAt = services.rulebooks.upcoming(after: now).first?.effectiveAt
        // GOV-04: the next review is due this many months after the version in force took effect.
        let months = since.month - 1 + rulebook.governance.reviewEveryMonths
        reviewDue = LocalDate(year: since.year + months / 12, month: months % 12 + 1, day: min(since.day, 28)).description
    }
}
