import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import NIOConcurrencyHelpers
import Vapor

/// GOV-01..03: an administrator uploads a new organization rulebook, sees what it changes, and schedules
/// when it takes effect; the change is announced as a notice to confirm. The file is validated exactly as
/// at start-up, so a version that is stored is a version every node can load.
struct RulebookVersions {
    let db: any Database
    let services: AppServices

    struct Preview {
        let rulebook: Rulebook
        /// Against the rulebook in force just before the new version would take effect.
        let differences: [RulebookDifference]
    }

    struct Input: Sendable {
        var content = "", fileName = "rulebook.yaml", effectiveAt: Date?, note: String?
        /// GOV-03: announce the change as a notice the staff confirm.
        var announce = true
        var audience = NoticeAudience(everyone: true)
    }

    /// Validates `content` as an organization file merged over the defaults (as `--rulebook` is).
    func preview(_ content: String, fileName: String, effectiveAt: Date?) throws -> Preview {
        guard !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DomainError.validation(fields: ["content": "error.field.required"])
        }
        guard content.utf8.count <= 512 * 1024 else { throw DomainError.validation(fields: ["content": "error.field.too_long"]) }
        let rulebook: Rulebook
        do {
            rulebook = try Rulebook.load(defaults: try KefuResources.defaultRulebookText(), override: content, overrideFile: fileName)
        } catch let error as RulebookError {
            throw Failure(status: .badRequest, code: "validation_failed", messageKey: "error.rulebook.invalid_file",
                          messageArguments: [error.description], fields: ["content": "error.rulebook.invalid"])
        }
        let before = services.rulebooks.inForce(at: (effectiveAt ?? services.now()).addingTimeInterval(-0.001)).rulebook
        return Preview(rulebook: rulebook, differences: Rulebook.compare(before, rulebook))
    }

    /// Stores the version for its instant (now when none is given) and installs it on this node; the other
    /// nodes pick it up at their next reload, before the instant when it is scheduled ahead.
    func schedule(_ input: Input, by staff: StaffUser) async throws -> (RulebookVersionRecord, Preview) {
        let now = services.now()
        let effectiveAt = input.effectiveAt ?? now
        // A few seconds of slack for a form submitted "now"; an instant in the past would rewrite history.
        guard effectiveAt >= now.addingTimeInterval(-60) else {
            throw DomainError.validation(fields: ["effective_at": "error.rulebook.effective_past"])
        }
        let note = input.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        if (note?.count ?? 0) > 2_000 { throw DomainError.validation(fields: ["note": "error.field.too_long"]) }
        let preview = try preview(input.content, fileName: input.fileName, effectiveAt: effectiveAt)
        guard !preview.differences.isEmpty else { throw DomainError.validation(fields: ["content": "error.rulebook.no_changes"]) }
        let record = try await db.transaction { db in
            let record = RulebookVersionRecord()
            record.version = preview.rulebook.version; record.content = input.content
            record.fileName = String(input.fileName.prefix(200)); record.effectiveAt = max(effectiveAt, now)
            record.interpretedBy = preview.rulebook.organization.interpretedBy; record.note = note
            record.uploadedBy = staff.id; record.uploadedByName = staff.displayName; record.uploadedAt = now
            try await record.create(on: db)
            if input.announce {
                record.noticeID = try await announce(record, preview, audience: input.audience, by: staff, on: db).id
                try await record.save(on: db)
            }
            try await audit(db, record, staff, "rulebook.scheduled",
                            "version \(preview.rulebook.versionShort) from \(record.effectiveAt), \(preview.differences.count) change(s)")
            return record
        }
        try await reload()
        return (record, preview)
    }

    /// A scheduled version may be withdrawn until its instant; one in force stays (upload a new one instead).
    func cancel(_ id: UUID, by staff: StaffUser) async throws -> RulebookVersionRecord {
        let record = try await db.transaction { db in
            guard let record = try await RulebookVersionRecord.find(id, on: db) else { throw DomainError.notFound(subject: "rulebook_version") }
            guard record.effectiveAt > services.now() else { throw DomainError.conflict(reason: "error.rulebook.already_in_force") }
            guard try await VersionGuard.setIfNull(db, table: RulebookVersionRecord.schema, column: "cancelled_at", id: id, to: services.now()) else {
                throw DomainError.conflict(reason: "error.rulebook.already_cancelled")
            }
            record.cancelledAt = services.now()
            try await audit(db, record, staff, "rulebook.cancelled", "version \(record.version.prefix(12)) withdrawn before it took effect")
            return record
        }
        try await reload()
        return record
    }

    /// Loads every stored version that is not cancelled into this node's registry (parsing only new rows).
    /// A row this release cannot parse (a key removed in an upgrade) is skipped and stays visible as invalid.
    private static let reported = NIOLockedValueBox<Set<UUID>>([])

    /// Loads the stored versions into the timeline. A stored version that no longer loads (an edited row, a
    /// default file that moved on) stays out — the version before it stays in force — and the log says why,
    /// with the file, line and expectation (issue 20: a broken rulebook at a scheduled switch).
    func reload(logger: Logger? = nil) async throws {
        let rows = try await RulebookVersionRecord.query(on: db).filter(\.$cancelledAt == nil).sort(\.$effectiveAt).all()
        let defaults = try KefuResources.defaultRulebookText()
        var versions: [RulebookTimeline.Stored] = []
        for row in rows {
            if let cached = services.rulebooks.cached(row.id!), cached.rulebook.version == row.version {
                versions.append(cached)
            } else {
                do {
                    let rulebook = try Rulebook.load(defaults: defaults, override: row.content, overrideFile: row.fileName)
                    versions.append(.init(id: row.id!, effectiveAt: row.effectiveAt, rulebook: rulebook))
                } catch where Self.reported.withLockedValue({ $0.insert(row.id!).inserted }) {
                    // Once per version and process: the reload loop runs every 15 s.
                    logger?.error("rulebook version \(row.id!) (\(row.fileName), effective \(row.effectiveAt)) is not in force: \(error)")
                } catch {}
            }
        }
        services.rulebooks.replaceStored(versions)
    }

    private func announce(_ record: RulebookVersionRecord, _ preview: Preview, audience: NoticeAudience, by staff: StaffUser,
                          on db: any Database) async throws -> NoticeRecord {
        let l10n = services.localization
        let when = DisplayTime.format(record.effectiveAt, services: services)
        let changes = preview.differences.prefix(60).map { "· \($0.key): \($0.defaultValue) → \($0.newValue)" }.joined(separator: "\n")
        let more = preview.differences.count > 60 ? "\n…(+\(preview.differences.count - 60))" : ""
        let body = l10n.text("gov.notice_body", .zhHans, [when, preview.rulebook.organization.interpretedBy, preview.rulebook.versionShort])
            + "\n\n" + changes + more
        // Confirmation by the effective instant, or a day from now for a change effective at once.
        let confirmBy = max(record.effectiveAt, services.now().addingTimeInterval(86_400))
        return try await Notices(db: db, services: services).publish(.init(
            title: l10n.text("gov.notice_title", .zhHans, [when]), body: body, source: preview.rulebook.organization.interpretedBy,
            channel: NoticeChannel.inApp.rawValue, requiresConfirmation: true, confirmBy: confirmBy, audience: audience), by: staff)
    }

    private func audit(_ db: any Database, _ record: RulebookVersionRecord, _ staff: StaffUser, _ action: String, _ summary: String) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: "rulebook_version",
            subjectID: record.id!, summary: summary, ruleKey: "organization.effective_from", rulebookVersion: services.rulebook.versionShort))
    }
}
