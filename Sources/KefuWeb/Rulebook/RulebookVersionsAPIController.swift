import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/rulebook/versions` (GOV-01..03): the history of stored versions, a preview of what a file would
/// change, scheduling a version for an instant, and withdrawing one before it takes effect.
struct RulebookVersionsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "rulebook", "versions")
        api.on(.GET, access: .permission(.rulebookRead), summary: "Stored rulebook versions, latest effective first (GOV-02)", use: list)
        api.on(.GET, ":id", access: .permission(.rulebookRead), summary: "One version with what it changed from the one before", use: show)
        api.on(.POST, "preview", access: .permission(.rulebookManage), summary: "Validate a rulebook file and list what it would change", request: RulebookVersionRequest.self, use: preview)
        api.on(.POST, access: .permission(.rulebookManage), summary: "Schedule a rulebook version for an instant (announced, GOV-03)", request: RulebookVersionRequest.self, status: .created, use: create)
        api.on(.POST, ":id", "cancel", access: .permission(.rulebookManage), summary: "Withdraw a version before it takes effect", request: NoBody.self, use: cancel)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<RulebookVersionResponse> {
        let (cursor, limit) = try req.pagination()
        let page = try await RulebookVersionQueries(db: req.db).page(after: cursor, limit: limit)
        return ListResponse(items: page.items.map { RulebookVersionResponse($0, services: req.services) }, nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> RulebookVersionResponse {
        guard let id = req.parameters.get("id", as: UUID.self),
              let record = try await RulebookVersionRecord.find(id, on: req.db) else { throw DomainError.notFound(subject: "rulebook_version") }
        let changes = try await RulebookVersionQueries(db: req.db).changes(of: record, services: req.services)
        return RulebookVersionResponse(record, services: req.services, differences: changes)
    }

    @Sendable func preview(req: Request) async throws -> ListResponse<DifferenceResponse> {
        let body = try req.content.decode(RulebookVersionRequest.self)
        let input = body.input
        let preview = try RulebookVersions(db: req.db, services: req.services).preview(input.content, fileName: input.fileName,
                                                                                      effectiveAt: input.effectiveAt)
        return ListResponse(items: preview.differences.map(DifferenceResponse.init))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.content.decode(RulebookVersionRequest.self)
        let (record, preview) = try await RulebookVersions(db: req.db, services: req.services).schedule(body.input, by: req.requireStaff())
        return try await RulebookVersionResponse(record, services: req.services, differences: preview.differences)
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func cancel(req: Request) async throws -> RulebookVersionResponse {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "rulebook_version") }
        return RulebookVersionResponse(try await RulebookVersions(db: req.db, services: req.services).cancel(id, by: req.requireStaff()),
                                       services: req.services)
    }
}

/// Reads of the stored versions.
struct RulebookVersionQueries {
    let db: any Database

    func page(after cursor: Cursor?, limit: Int) async throws -> KeysetPage<RulebookVersionRecord> {
        try await RulebookVersionRecord.query(on: db).keysetPage(by: \.$effectiveAt, after: cursor, limit: limit)
    }

    /// What `record` changed from the version in force just before it (the baseline when none was stored).
    func changes(of record: RulebookVersionRecord, services: AppServices) async throws -> [RulebookDifference]? {
        guard let mine = services.rulebooks.cached(record.id!)?.rulebook
                ?? (try? Rulebook.load(defaults: KefuResources.defaultRulebookText(), override: record.content, overrideFile: record.fileName))
        else { return nil }
        let before = services.rulebooks.inForce(at: record.effectiveAt.addingTimeInterval(-0.001)).rulebook
        return Rulebook.compare(before, mine)
    }
}
