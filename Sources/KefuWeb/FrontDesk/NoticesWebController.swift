import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/notices`: my notices with the confirm button (FDN-05, KB-13), the ones I issued and, for the desk, all;
/// the publish form (FDN-02/03); a notice's page with the confirmation report, printed copies handed over,
/// reminders and archiving; a printable copy with a signature list. Refused forms re-render with the message.
struct NoticesWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let publish = Access.permission(.noticesPublish)
        routes.on(.GET, "notices", access: .authenticated, summary: "Notices: mine, issued, all (desk)", use: list)
        routes.on(.GET, "notices", "new", access: publish, summary: "Publish-a-notice form", use: newForm)
        routes.on(.POST, "notices", access: publish, summary: "Publish a notice (form)", use: create)
        routes.on(.GET, "notices", ":id", access: .authenticated, summary: "A notice with its confirmation report", use: show)
        routes.on(.GET, "notices", ":id", "print", access: publish, summary: "Printable notice with the signature list", use: printable)
        routes.on(.POST, "notices", ":id", "acknowledge", access: .authenticated, summary: "Confirm a notice (form)", use: acknowledge)
        routes.on(.POST, "notices", ":id", "deliveries", access: publish, summary: "Record a printed copy handed over (form)", use: deliver)
        routes.on(.POST, "notices", ":id", "remind", access: publish, summary: "Remind who has not confirmed (form)", use: remind)
        routes.on(.POST, "notices", ":id", "archive", access: publish, summary: "Archive a notice (form)", use: archive)
    }

    @Sendable func list(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let scope = req.query[String.self, at: "scope"] ?? "mine"
        let (cursor, limit) = try req.pagination()
        let queries = NoticeQueries(db: req.db)
        var rows: [NoticePages.Row] = [], next: String?
        switch scope {
        case "issued", "all", "archived":
            let all = scope != "issued" && staff.has(.frontDeskWork)
            let page = try await queries.issued(by: all ? nil : staff.id, archived: scope == "archived", after: cursor, limit: min(limit, 50))
            rows = page.items.map { NoticePages.row($0, mine: nil, req) }
            next = page.nextCursor.map { "/notices?scope=\(scope)&cursor=\($0)" }
        default:
            let page = try await queries.received(by: staff.id, unconfirmedOnly: false, after: cursor, limit: min(limit, 50))
            rows = page.items.map { NoticePages.row($0.notice, mine: $0.recipient, req) }
            next = page.nextCursor.map { "/notices?cursor=\($0)" }
        }
        return try await req.view.render("notices/index", NoticePages.ListPage(
            shell: PageShell(req, title: req.t("notices.title")), rows: rows, scope: scope, canPublish: staff.has(.noticesPublish),
            isDesk: staff.has(.frontDeskWork), nextURL: next))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try await NoticePages.renderForm(req, draft: NoticePages.Draft(), refusal: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(NoticePages.Form.self)
        let draft = form.draft
        do {
            let notice = try await Notices(db: req.db, services: req.services).publish(try form.input(req), by: req.requireStaff())
            return req.redirect(to: "/notices/\(notice.id!)?flash=flash.notice_published")
        } catch let error as DomainError {
            return try await NoticePages.renderForm(req, draft: draft, refusal: req.refusal(error))
        }
    }

    @Sendable func show(req: Request) async throws -> View {
        let (notice, mine) = try await NoticesAPIController.visible(req)
        let staff = try req.requireStaff()
        let manage = NoticeAccess.canManage(notice, staff)
        let recipients = manage ? try await NoticeQueries(db: req.db).recipients(of: notice.id!, confirmed: nil) : []
        return try await req.view.render("notices/show", NoticePages.ShowPage(
            shell: PageShell(req, title: notice.title), notice: NoticePages.row(notice, mine: mine, req), body: notice.body,
            canConfirm: mine != nil && mine?.confirmedAt == nil, canManage: manage, printed: notice.channel == NoticeChannel.printed.rawValue,
            recipients: recipients.map { NoticePages.recipientRow($0, req) },
            unconfirmed: recipients.filter { $0.confirmedAt == nil }.count))
    }

    @Sendable func printable(req: Request) async throws -> View {
        let (notice, _) = try await NoticesAPIController.visible(req)
        guard NoticeAccess.canManage(notice, try req.requireStaff()) else { throw DomainError.forbidden(reason: "error.forbidden") }
        let recipients = try await NoticeQueries(db: req.db).recipients(of: notice.id!, confirmed: nil)
        return try await req.view.render("notices/print", NoticePages.ShowPage(
            shell: PageShell(req, title: notice.title), notice: NoticePages.row(notice, mine: nil, req), body: notice.body, canConfirm: false,
            canManage: true, printed: true, recipients: recipients.map { NoticePages.recipientRow($0, req) }, unconfirmed: 0))
    }

    @Sendable func acknowledge(req: Request) async throws -> Response {
        let id = try NoticesAPIController.id(req)
        _ = try await Notices(db: req.db, services: req.services).acknowledge(id, by: req.requireStaff())
        return req.redirect(to: "/notices/\(id)?flash=flash.notice_confirmed")
    }

    @Sendable func deliver(req: Request) async throws -> Response {
        struct Form: Content { let user_id: String? }
        let (notice, _) = try await NoticesAPIController.visible(req)
        let staff = try req.requireStaff()
        guard NoticeAccess.canManage(notice, staff) else { throw DomainError.forbidden(reason: "error.forbidden") }
        guard let userID = UUID(uuidString: try req.content.decode(Form.self).user_id ?? "") else {
            throw DomainError.validation(fields: ["user_id": "error.field.required"])
        }
        _ = try await Notices(db: req.db, services: req.services).recordDelivery(notice.id!, to: userID, by: staff)
        return req.redirect(to: "/notices/\(notice.id!)?flash=flash.notice_delivered")
    }

    @Sendable func remind(req: Request) async throws -> Response {
        let (notice, _) = try await NoticesAPIController.visible(req)
        let staff = try req.requireStaff()
        guard NoticeAccess.canManage(notice, staff) else { throw DomainError.forbidden(reason: "error.forbidden") }
        guard notice.archivedAt == nil else { throw DomainError.conflict(reason: "error.notice.archived") }
        try await NoticeReminders(db: req.db, services: req.services).remind(notice, now: req.services.now(), by: staff)
        return req.redirect(to: "/notices/\(notice.id!)?flash=flash.notice_reminded")
    }

    @Sendable func archive(req: Request) async throws -> Response {
        let id = try NoticesAPIController.id(req)
        _ = try await Notices(db: req.db, services: req.services).archive(id, by: req.requireStaff())
        return req.redirect(to: "/notices?scope=archived&flash=flash.notice_archived")
    }
}
