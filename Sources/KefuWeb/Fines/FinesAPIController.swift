import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/violations`, `/api/v1/rewards`, `/api/v1/fines-ledger/statement` and the violation catalogue
/// (REQUIREMENTS §14). Recording needs `fines.record`; anyone reads their own violations, rewards and
/// statement, `fines.read` anyone's.
struct FinesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.on(.POST, "violations", access: .permission(.finesRecord),
               summary: "Record a violation from the catalogue; the amount follows the month's occurrence count (ATT-05, ATT-27..31)", request: RecordViolationRequest.self, response: ViolationResponse.self, status: .created, use: recordViolation)
        api.on(.POST, "violations", ":id", "paid", access: .permission(.finesRecord),
               summary: "The fine is paid (ATT-05 罚款当天交完); a dismissal or a paid fine → 409", request: NoBody.self, use: markPaid)
        api.on(.GET, "violations", access: .authenticated, summary: "Violations of a month (user_id, month); one's own without fines.read", use: violations)
        api.on(.POST, "rewards", access: .permission(.finesRecord), summary: "Record a reward: bonus, honour certificate, promotion opportunity, informant (ATT-17/26)", request: RecordRewardRequest.self, response: RewardResponse.self, status: .created,
               use: recordReward)
        api.on(.GET, "rewards", access: .authenticated, summary: "Rewards of a month (user_id, month); one's own without fines.read", use: rewards)
        api.on(.GET, "fines-ledger", "statement", access: .authenticated,
               summary: "A person's monthly statement of fines and rewards (user_id, month; ATT-05)", use: statement)
        api.on(.GET, "violation-catalogue", access: .authenticated, summary: "The rulebook's violation catalogue (fines.catalogue, ATT-31)", use: catalogue)
    }

    @Sendable func recordViolation(req: Request) async throws -> Response {
        let input = try req.content.decode(RecordViolationRequest.self)
        var errors = FieldErrors()
        let userID = errors.require(input.userID, "user_id")
        let code = errors.text(input.code, "code", limit: 100)
        try errors.check()
        let record = try await Violations(db: req.db, services: req.services).record(
            code: code, userID: userID!, at: input.occurredAt ?? req.services.now(), recordedBy: try req.requireStaff(), note: input.note)
        return try await ViolationResponse(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func markPaid(req: Request) async throws -> ViolationResponse {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "violation") }
        return ViolationResponse(try await Violations(db: req.db, services: req.services).markPaid(id, by: try req.requireStaff()))
    }

    @Sendable func violations(req: Request) async throws -> ListResponse<ViolationResponse> {
        let (userID, month) = try Self.scope(req)
        return ListResponse(items: try await Violations(db: req.db, services: req.services).list(month: month, userID: userID).map(ViolationResponse.init))
    }

    @Sendable func recordReward(req: Request) async throws -> Response {
        let input = try req.content.decode(RecordRewardRequest.self)
        let record = try await Rewards(db: req.db, services: req.services).record(
            Rewards.Input(userID: input.userID, kind: input.kind, amount: input.amount?.value, reason: input.reason), by: try req.requireStaff())
        return try await RewardResponse(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func rewards(req: Request) async throws -> ListResponse<RewardResponse> {
        let (userID, month) = try Self.scope(req)
        return ListResponse(items: try await Rewards(db: req.db, services: req.services).list(month: month, userID: userID).map(RewardResponse.init))
    }

    @Sendable func statement(req: Request) async throws -> FineStatement {
        let (userID, month) = try Self.scope(req)
        return try await FineStatement.build(userID: userID ?? req.requireStaff().id, month: month, db: req.db, services: req.services)
    }

    @Sendable func catalogue(req: Request) async throws -> ListResponse<CatalogueItemResponse> {
        ListResponse(items: CatalogueItemResponse.all(req.services.rulebook.fines))
    }

    /// `user_id` and `month` of a read: without `fines.read` only one's own (another's → 403); the month
    /// defaults to the current one. A reader with `fines.read` and no `user_id` gets everyone's.
    static func scope(_ req: Request) throws -> (userID: UUID?, month: String) {
        let staff = try req.requireStaff()
        let month = req.query[String.self, at: "month"] ?? FinesLedger.month(of: req.services.now(), services: req.services)
        guard QualityPeriod.firstDay(ofMonth: month) != nil else { throw DomainError.validation(fields: ["month": "error.field.invalid_value"]) }
        var userID: UUID? = nil
        if let text = req.query[String.self, at: "user_id"] {
            guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: ["user_id": "error.field.invalid_value"]) }
            userID = id
        }
        if !staff.has(.finesRead) {
            guard userID == nil || userID == staff.id else { throw DomainError.forbidden(reason: "error.forbidden") }
            userID = staff.id
        }
        return (userID, month)
    }
}
