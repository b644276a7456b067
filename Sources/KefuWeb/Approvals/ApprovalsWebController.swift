import Foundation
import FluentKit
import Fluent
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The approvals inbox: what waits for me, each row with what it is about (amount and purpose, case and
/// customer, dates, room and time, earlier steps, the rule in words); the short ones (leave, swaps, room
/// bookings) decided right in the row. Then what I asked for. `?subject=` narrows the inbox to one kind
/// (the leave page's 去审批 link), `?decided=` confirms a decision in words.
struct ApprovalsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "approvals", access: .permission(.approvalsDecide), summary: "Approvals inbox", use: inbox)
        routes.on(.GET, "approvals", ":id", access: .permission(.approvalsDecide), summary: "One approval", use: show)
        routes.on(.POST, "approvals", ":id", "decide", access: .permission(.approvalsDecide), summary: "Approve or reject (form)", use: decide)
    }

    struct InboxPage: Encodable {
        let shell: PageShell
        let waiting: [ApprovalView]
        let mine: [ApprovalView]
        /// The kind the inbox is narrowed to, in words, and its subject type for the forms to come back to.
        let filterLabel: String?
        let subject: String?
        let filtered: Bool
    }

    /// Subject types the inbox may be narrowed to: those with a label (unknown values are ignored).
    static func subjectFilter(_ req: Request) -> String? {
        guard let subject = req.query[String.self, at: "subject"], req.services.localization.has("subject.\(subject)", .zhHans),
              subject.range(of: "^[a-z_]{1,40}$", options: .regularExpression) != nil else { return nil }
        return subject
    }

    @Sendable func inbox(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let repository = ApprovalRepository(db: req.db)
        let subject = Self.subjectFilter(req)
        let waiting = try await repository.list(.waiting(for: staff, subjectType: subject), after: nil, limit: 50)
        let mine = subject == nil ? try await repository.list(.init(requestedBy: staff.id), after: nil, limit: 20).items : []
        let presenter = ApprovalPresenter(req: req)
        let views = try await presenter.views(waiting.items + mine)
        var flash: String?
        if let id = req.query[UUID.self, at: "decided"], let decided = try await repository.find(id) {
            flash = try await presenter.confirmation(decided)
        }
        return try await req.view.render("approvals/inbox", InboxPage(
            shell: PageShell(req, title: req.t("approvals.title"), flash: flash),
            waiting: Array(views.prefix(waiting.items.count)), mine: Array(views.dropFirst(waiting.items.count)),
            filterLabel: subject.map { req.t("subject.\($0)") }, subject: subject, filtered: subject != nil))
    }

    struct ShowPage: Encodable {
        let shell: PageShell
        let approval: ApprovalView
        let error: String?
    }

    @Sendable func show(req: Request) async throws -> View {
        try await render(req, approval: try await visible(req), error: nil)
    }

    private func render(_ req: Request, approval: Approval, error: String?) async throws -> View {
        try await req.view.render("approvals/show", ShowPage(
            shell: PageShell(req, title: req.t("subject.\(approval.subjectType)"), flashError: error),
            approval: try await ApprovalPresenter(req: req).view(approval), error: error))
    }

    struct DecideForm: Content {
        let decision: String
        let comment: String?
        let version: Int?
        /// `inbox` when decided from an inbox row: the confirmation comes back to the inbox (and its filter).
        let from: String?
        let subject: String?
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let form = try req.content.decode(DecideForm.self)
        let approval = try await visible(req)
        guard let decision = ApprovalDecision(rawValue: form.decision) else { throw Abort(.badRequest) }
        let comment: String?
        do {
            comment = try ApprovalComment.check(form.comment, for: decision)
        } catch DomainError.validation(let fields) {
            let problem = fields["comment"] == "error.field.required" ? "approvals.comment_required" : "error.field.too_long"
            let response = try await render(req, approval: approval, error: req.t(problem)).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        _ = try await ApprovalEngine(db: req.db, services: req.services).decide(
            id: approval.id, decision, by: try req.requireStaff(), comment: comment, expectedVersion: form.version)
        var back = "/approvals?decided=\(approval.id)"
        if form.from == "inbox", let subject = form.subject, subject.range(of: "^[a-z_]{1,40}$", options: .regularExpression) != nil {
            back += "&subject=\(subject)"
        }
        return req.redirect(to: back)
    }

    private func visible(_ req: Request) async throws -> Approval {
        guard let id = req.parameters.get("id", as: UUID.self), let approval = try await ApprovalRepository(db: req.db).find(id),
              approval.isVisible(to: try req.requireStaff()) else { throw DomainError.notFound(subject: "approval") }
        return approval
    }
}

extension ApprovalRepository.Filter {
    /// What waits for `staff` now: pending steps of their roles (their department's, or any department's),
    /// never their own requests; optionally of one subject type.
    static func waiting(for staff: StaffUser, subjectType: String? = nil) -> Self {
        var filter = Self(state: .pending, pendingRoles: Array(staff.roles), departmentID: staff.departmentID, excludingRequester: staff.id)
        filter.subjectType = subjectType
        return filter
    }
}
