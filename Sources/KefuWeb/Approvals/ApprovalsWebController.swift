import Foundation
import FluentKit
import Fluent
import KefuDomain
import KefuStore
import Vapor

/// The approvals inbox: what waits for me (approve / reject with a comment) and what I asked for.
struct ApprovalsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "approvals", access: .permission(.approvalsDecide), summary: "Approvals inbox", use: inbox)
        routes.on(.GET, "approvals", ":id", access: .permission(.approvalsDecide), summary: "One approval", use: show)
        routes.on(.POST, "approvals", ":id", "decide", access: .permission(.approvalsDecide), summary: "Approve or reject (form)", use: decide)
    }

    struct InboxPage: Encodable {
        let shell: PageShell
        let waiting: [ApprovalRow]
        let mine: [ApprovalRow]
    }

    @Sendable func inbox(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let repository = ApprovalRepository(db: req.db)
        let waiting = try await repository.list(.init(state: .pending, pendingRoles: Array(staff.roles),
                                                      departmentID: staff.departmentID, excludingRequester: staff.id),
                                                after: nil, limit: 50)
        let mine = try await repository.list(.init(requestedBy: staff.id), after: nil, limit: 20)
        return try await req.view.render("approvals/inbox", InboxPage(
            shell: PageShell(req, title: req.t("approvals.title")),
            waiting: waiting.items.map { ApprovalRow($0, req) }, mine: mine.items.map { ApprovalRow($0, req) }))
    }

    struct StepRow: Encodable {
        let role: String
        let state: String
        let decidedAt: String?
        let comment: String?
    }

    struct ShowPage: Encodable {
        let shell: PageShell
        let approval: ApprovalRow
        let steps: [StepRow]
        let canDecide: Bool
        let error: String?
        /// The page of what is being approved (the complaint form, the monthly review …), when the module knows it.
        let subjectLink: String?
    }

    @Sendable func show(req: Request) async throws -> View {
        try await render(req, approval: try await visible(req), error: nil)
    }

    private func render(_ req: Request, approval: Approval, error: String?) async throws -> View {
        let staff = try req.requireStaff()
        let steps = approval.steps.map {
            StepRow(role: req.t("role.\($0.role.rawValue)"), state: req.t("approval.step.\($0.state.rawValue)"),
                    decidedAt: $0.decidedAt.map { DisplayTime.format($0, req) }, comment: $0.comment)
        }
        return try await req.view.render("approvals/show", ShowPage(
            shell: PageShell(req, title: req.t("approvals.title"), flashError: error), approval: ApprovalRow(approval, req),
            steps: steps, canDecide: approval.canDecide(staff.decider), error: error,
            subjectLink: try await ComplaintApprovalLinks.link(for: approval, db: req.db) ?? SupplyRequestPage.link(for: approval)))
    }

    struct DecideForm: Content {
        let decision: String
        let comment: String?
        let version: Int?
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let form = try req.content.decode(DecideForm.self)
        let approval = try await visible(req)
        guard let decision = ApprovalDecision(rawValue: form.decision) else { throw Abort(.badRequest) }
        let comment = form.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        let problem = decision == .reject && (comment?.isEmpty ?? true) ? "approvals.comment_required"
            : (comment?.count ?? 0) > 1000 ? "error.field.too_long" : nil
        if let problem {
            let response = try await render(req, approval: approval, error: req.t(problem)).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        _ = try await ApprovalEngine(db: req.db, services: req.services).decide(
            id: approval.id, decision, by: try req.requireStaff(), comment: comment?.isEmpty == true ? nil : comment,
            expectedVersion: form.version)
        return req.redirect(to: "/approvals?flash=flash.approval_decided")
    }

    private func visible(_ req: Request) async throws -> Approval {
        guard let id = req.parameters.get("id", as: UUID.self), let approval = try await ApprovalRepository(db: req.db).find(id),
              approval.isVisible(to: try req.requireStaff()) else { throw DomainError.notFound(subject: "approval") }
        return approval
    }
}
