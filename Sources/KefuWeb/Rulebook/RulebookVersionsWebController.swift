import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/admin/rulebook/versions` (GOV-01..03): the version history with each version's changes, the upload form
/// (validate → show the differences → schedule), a version's page with its announcement and cancel button.
struct RulebookVersionsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let manage = Access.permission(.rulebookManage)
        routes.on(.GET, "admin", "rulebook", "versions", access: .permission(.rulebookRead), summary: "Rulebook version history", use: list)
        routes.on(.GET, "admin", "rulebook", "versions", "new", access: manage, summary: "Upload-a-rulebook form", use: newForm)
        routes.on(.POST, "admin", "rulebook", "versions", access: manage, summary: "Preview or schedule an uploaded rulebook (form)", use: submit)
        routes.on(.GET, "admin", "rulebook", "versions", ":id", access: .permission(.rulebookRead), summary: "A rulebook version and its changes", use: show)
        routes.on(.POST, "admin", "rulebook", "versions", ":id", "cancel", access: manage, summary: "Withdraw a scheduled version (form)", use: cancel)
    }

    struct Row: Encodable {
        let id: String, version: String, effectiveAt: String, interpretedBy: String, uploadedBy: String, state: String, stateLabel: String
        let note: String?
    }

    struct ListPage: Encodable {
        let shell: PageShell
        let rows: [Row]
        let canManage: Bool
        let nextURL: String?
    }

    struct Draft: Encodable {
        var content = "", fileName = "rulebook.yaml", effectiveAt = "", note = "", announce = true
    }

    struct FormPage: Encodable {
        let shell: PageShell
        let draft: Draft
        let differences: [DifferenceResponse]?
        let previewVersion: String?
    }

    struct ShowPage: Encodable {
        let shell: PageShell
        let row: Row
        let fileName: String
        let content: String
        let differences: [DifferenceResponse]
        let invalid: Bool
        let noticeURL: String?
        let canCancel: Bool
    }

    struct Form: Content {
        let content: String?, file_name: String?, effective_at: String?, note: String?, announce: String?, action: String?
    }

    @Sendable func list(req: Request) async throws -> View {
        let (cursor, limit) = try req.pagination()
        let page = try await RulebookVersionQueries(db: req.db).page(after: cursor, limit: min(limit, 50))
        return try await req.view.render("admin/rulebook_versions", ListPage(
            shell: PageShell(req, title: req.t("gov.versions")), rows: page.items.map { row($0, req) },
            canManage: try req.requireStaff().has(.rulebookManage), nextURL: page.nextCursor.map { "/admin/rulebook/versions?cursor=\($0)" }))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try await render(req, Draft(), preview: nil, refusal: nil)
    }

    /// `action=preview` validates and shows the differences; `action=schedule` stores the version.
    @Sendable func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let draft = Draft(content: form.content ?? "", fileName: form.file_name?.nilIfBlank ?? "rulebook.yaml",
                          effectiveAt: form.effective_at ?? "", note: form.note ?? "", announce: form.announce != nil)
        let versions = RulebookVersions(db: req.db, services: req.services)
        do {
            let at = draft.effectiveAt.isEmpty ? nil : try FrontDeskWebController.localTime(draft.effectiveAt, req, field: "effective_at")
            if form.action == "schedule" {
                let (record, _) = try await versions.schedule(.init(content: draft.content, fileName: draft.fileName, effectiveAt: at,
                                                                    note: draft.note, announce: draft.announce), by: req.requireStaff())
                return req.redirect(to: "/admin/rulebook/versions/\(record.id!)?flash=flash.rulebook_scheduled")
            }
            let preview = try versions.preview(draft.content, fileName: draft.fileName, effectiveAt: at)
            return try await render(req, draft, preview: preview, refusal: nil)
        } catch let error where error is DomainError || error is Failure {
            return try await render(req, draft, preview: nil, refusal: req.refusal(error))
        }
    }

    @Sendable func show(req: Request) async throws -> View {
        guard let id = req.parameters.get("id", as: UUID.self),
              let record = try await RulebookVersionRecord.find(id, on: req.db) else { throw DomainError.notFound(subject: "rulebook_version") }
        let changes = try await RulebookVersionQueries(db: req.db).changes(of: record, services: req.services)
        let state = RulebookVersionState.of(record, services: req.services)
        return try await req.view.render("admin/rulebook_version", ShowPage(
            shell: PageShell(req, title: req.t("gov.version_title")), row: row(record, req), fileName: record.fileName, content: record.content,
            differences: (changes ?? []).map(DifferenceResponse.init), invalid: changes == nil,
            noticeURL: record.noticeID.map { "/notices/\($0)" },
            canCancel: state == .scheduled && (try req.requireStaff().has(.rulebookManage))))
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "rulebook_version") }
        _ = try await RulebookVersions(db: req.db, services: req.services).cancel(id, by: req.requireStaff())
        return req.redirect(to: "/admin/rulebook/versions/\(id)?flash=flash.rulebook_cancelled")
    }

    private func row(_ record: RulebookVersionRecord, _ req: Request) -> Row {
        let state = RulebookVersionState.of(record, services: req.services)
        return Row(id: record.id!.uuidString, version: String(record.version.prefix(12)), effectiveAt: DisplayTime.format(record.effectiveAt, req),
                   interpretedBy: record.interpretedBy, uploadedBy: record.uploadedByName, state: state.rawValue,
                   stateLabel: req.t("gov.state.\(state.rawValue)"), note: record.note)
    }

    private func render(_ req: Request, _ draft: Draft, preview: RulebookVersions.Preview?,
                        refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let view = try await req.view.render("admin/rulebook_upload", FormPage(
            shell: PageShell(req, title: req.t("gov.upload"), flashError: refusal?.message), draft: draft,
            differences: preview?.differences.map(DifferenceResponse.init), previewVersion: preview?.rulebook.versionShort))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }
}
