import Foundation
import FluentKit
import Fluent
import KefuCore
import KefuDomain
import Vapor

/// The effective rulebook, read-only: `GET /admin/rulebook` (page: keys for administrators, a readable document
/// for everyone else) and `GET /api/v1/rulebook` (JSON).
struct RulebookController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "admin", "rulebook", access: .permission(.rulebookRead), summary: "Rulebook page", use: page)
        routes.grouped("api", "v1").on(.GET, "rulebook", access: .permission(.rulebookRead), summary: "Effective rulebook", use: json)
    }

    struct EntryRow: Content {
        let key: String
        let value: String
        let rules: [String]
        let summary: String
    }

    struct RulebookResponse: Content {
        let version: String
        let inForce: RulebookInForce
        let entries: [EntryRow]

        enum CodingKeys: String, CodingKey { case version, entries, inForce = "in_force" }
    }

    struct RulebookPage: Encodable {
        let shell: PageShell
        let version: String
        let inForce: RulebookInForce
        /// Why this version is in force, in words (GOV-02).
        let sourceLabel: String
        let nextScheduled: String?
        let canManage: Bool
        let entries: [EntryRow]
    }

    private func rows(_ req: Request) -> [EntryRow] {
        req.services.rulebook.entries.map {
            EntryRow(key: $0.key, value: $0.value, rules: $0.ruleIDs, summary: req.language == .en ? $0.summary : $0.summaryZh)
        }
    }

    /// The rules as staff read them (issue 21 item 13): sections, titles and values in words, and what the last
    /// version changed.
    struct RulebookDocumentPage: Encodable {
        let shell: PageShell
        let version: String
        let inForce: RulebookInForce
        let sourceLabel: String
        let nextScheduled: String?
        /// Administrators may switch back to the key view.
        let canManage: Bool
        /// When the version compared with its predecessor took effect (nil: no earlier version).
        let changesSince: String?
        let document: RulebookDocument
    }

    /// Administrators (`rulebook.manage`) get the key/value view they edit the file by; everyone else, and an
    /// administrator who asks for `?view=document`, gets the rules as a readable document.
    @Sendable func page(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let inForce = RulebookInForce(services: req.services)
        let sourceLabel = req.t("gov.source.\(inForce.source)", [inForce.effectiveSince])
        let nextScheduled = inForce.nextScheduledAt.map { DisplayTime.format($0, req) }
        let canManage = staff.has(.rulebookManage)
        guard !canManage || req.query[String.self, at: "view"] == "document" else {
            return try await req.view.render("admin/rulebook", RulebookPage(
                shell: PageShell(req, title: req.t("rulebook.title")), version: req.services.rulebook.version, inForce: inForce,
                sourceLabel: sourceLabel, nextScheduled: nextScheduled, canManage: canManage, entries: rows(req)))
        }
        let (rulebook, source) = req.services.rulebooks.inForce(at: req.services.now())
        var previous: Rulebook?
        var changesSince: String?
        if case .stored(_, let effectiveAt) = source {
            previous = req.services.rulebooks.inForce(at: effectiveAt.addingTimeInterval(-0.001)).rulebook
            changesSince = DisplayTime.format(effectiveAt, req)
        }
        let wording = RuleWording(localization: req.services.localization, language: req.language,
                                  organizationName: rulebook.organization.name)
        return try await req.view.render("admin/rulebook_document", RulebookDocumentPage(
            shell: PageShell(req, title: req.t("rulebook.document.title")), version: rulebook.versionShort, inForce: inForce,
            sourceLabel: sourceLabel, nextScheduled: nextScheduled, canManage: canManage, changesSince: changesSince,
            document: RulebookDocument(rulebook, previous: previous, wording: wording)))
    }

    @Sendable func json(req: Request) async throws -> RulebookResponse {
        RulebookResponse(version: req.services.rulebook.version, inForce: RulebookInForce(services: req.services), entries: rows(req))
    }
}
