import Foundation
import FluentKit
import Fluent
import KefuDomain
import Vapor

/// The effective rulebook, read-only: `GET /admin/rulebook` (page) and `GET /api/v1/rulebook` (JSON).
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

    @Sendable func page(req: Request) async throws -> View {
        let inForce = RulebookInForce(services: req.services)
        return try await req.view.render("admin/rulebook", RulebookPage(
            shell: PageShell(req, title: req.t("rulebook.title")), version: req.services.rulebook.version, inForce: inForce,
            sourceLabel: req.t("gov.source.\(inForce.source)", [inForce.effectiveSince]),
            nextScheduled: inForce.nextScheduledAt.map { DisplayTime.format($0, req) },
            canManage: try req.requireStaff().has(.rulebookManage), entries: rows(req)))
    }

    @Sendable func json(req: Request) async throws -> RulebookResponse {
        RulebookResponse(version: req.services.rulebook.version, inForce: RulebookInForce(services: req.services), entries: rows(req))
    }
}
