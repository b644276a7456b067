import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `GET /api/v1/approvals?state=pending&mine=true`, `GET /api/v1/approvals/{id}`,
/// `POST /api/v1/approvals/{id}/approve|reject` (API.md "Approvals").
struct ApprovalsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let approvals = routes.grouped("api", "v1", "approvals")
        approvals.on(.GET, access: .permission(.approvalsDecide), summary: "List approvals (mine=true: waiting for me)", use: list)
        approvals.on(.GET, ":id", access: .permission(.approvalsDecide), summary: "One approval with its steps", use: show)
        approvals.on(.POST, ":id", "approve", access: .permission(.approvalsDecide), summary: "Approve the current step", use: approve)
        approvals.on(.POST, ":id", "reject", access: .permission(.approvalsDecide), summary: "Reject (comment required)", use: reject)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<ApprovalResponse> {
        let staff = try req.requireStaff()
        let (cursor, limit) = try req.pagination()
        var filter = ApprovalRepository.Filter()
        if let text = req.query[String.self, at: "state"] {
            guard let state = ApprovalState(rawValue: text) else { throw DomainError.validation(fields: ["state": "error.field.invalid_value"]) }
            filter.state = state
        }
        let mine = req.query[String.self, at: "mine"]
        guard mine == nil || mine == "true" || mine == "false" else { throw DomainError.validation(fields: ["mine": "error.field.invalid_value"]) }
        if mine == "true", let state = filter.state, state != .pending {
            // What waits for me is pending by definition.
            throw DomainError.validation(fields: ["state": "error.field.invalid_value"])
        }
        if mine == "true" {
            filter.state = .pending
            filter.pendingRoles = Array(staff.roles)
            filter.departmentID = staff.departmentID
            filter.excludingRequester = staff.id
        } else if !staff.has(.approvalsReadAll) {
            filter.requestedBy = staff.id
        }
        let page = try await ApprovalRepository(db: req.db).list(filter, after: cursor, limit: limit)
        return ListResponse(page.map(ApprovalResponse.init))
    }

    @Sendable func show(req: Request) async throws -> ApprovalResponse {
        ApprovalResponse(try await visibleApproval(req))
    }

    @Sendable func approve(req: Request) async throws -> ApprovalResponse {
        try await decide(req, .approve)
    }

    @Sendable func reject(req: Request) async throws -> ApprovalResponse {
        try await decide(req, .reject)
    }

    private func decide(_ req: Request, _ decision: ApprovalDecision) async throws -> ApprovalResponse {
        let input = req.body.data == nil ? DecideApprovalRequest(comment: nil, version: nil) : try req.content.decode(DecideApprovalRequest.self)
        let comment = try ApprovalComment.check(input.comment, for: decision)
        // Deciding is not hidden behind visibility: without the step's role the answer is 403 (API.md).
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "approval") }
        let decided = try await ApprovalEngine(db: req.db, services: req.services).decide(
            id: id, decision, by: try req.requireStaff(), comment: comment,
            expectedVersion: try req.expectedVersion(body: input.version))
        return ApprovalResponse(decided)
    }

    private func visibleApproval(_ req: Request) async throws -> Approval {
        guard let id = req.parameters.get("id", as: UUID.self),
              let approval = try await ApprovalRepository(db: req.db).find(id) else { throw DomainError.notFound(subject: "approval") }
        guard approval.isVisible(to: try req.requireStaff()) else {
            throw DomainError.notFound(subject: "approval")
        }
        return approval
    }
}
