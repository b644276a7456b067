import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/fines`: the month's violations and rewards with the forms to record them (fines.read / fines.record),
/// and `/fines/statement`, a person's printable monthly statement (one's own for everyone).
struct FinesWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "fines", access: .permission(.finesRead), summary: "Fines and rewards of a month, with the recording forms", use: overview)
        routes.on(.POST, "fines", "violations", access: .permission(.finesRecord), summary: "Record a violation (form)", use: recordViolation)
        routes.on(.POST, "fines", "violations", ":id", "paid", access: .permission(.finesRecord), summary: "Mark a fine paid (form, ATT-05)", use: markPaid)
        routes.on(.POST, "fines", "rewards", access: .permission(.finesRecord), summary: "Record a reward (form)", use: recordReward)
        routes.on(.GET, "fines", "statement", access: .authenticated, summary: "A person's printable monthly statement (ATT-05)", use: statement)
    }

    @Sendable func overview(req: Request) async throws -> View {
        try await render(req, values: [:], error: nil)
    }

    private func render(_ req: Request, values: [String: String], error: String?) async throws -> View {
        let (_, month) = try FinesAPIController.scope(req)
        let staff = try req.requireStaff()
        let violations = try await Violations(db: req.db, services: req.services).list(month: month, userID: nil)
        let rewards = try await Rewards(db: req.db, services: req.services).list(month: month, userID: nil)
        let names = try await FinesPages.names(violations.map(\.userID) + rewards.map(\.userID), db: req.db)
        let rules = req.services.rulebook.fines
        let (previous, next) = FinesPages.neighbours(of: month)
        return try await req.view.render("fines/index", FinesPages.OverviewPage(
            shell: PageShell(req, title: req.t("fines.title"), flashError: error), month: month, previous: previous, next: next,
            canRecord: staff.has(.finesRecord), people: try await FinesPages.people(db: req.db, selected: values["user_id"]),
            codes: CatalogueItemResponse.all(rules).map {
                SelectOption(value: $0.code, label: "\($0.name)（\($0.amounts.joined(separator: " → "))\($0.afterLast == "dismissal" ? " → " + req.t("fines.dismissal") : "")）",
                             selected: $0.code == values["code"])
            },
            kinds: RewardKind.allCases.map { SelectOption(value: $0.rawValue, label: req.t("fines.reward_kind.\($0.rawValue)"), selected: $0.rawValue == values["kind"]) },
            informantReward: MoneyInput.text(rules.informantReward),
            violations: FinesPages.violationRows(violations, names: names, req: req), rewards: FinesPages.rewardRows(rewards, names: names, req: req),
            values: values))
    }

    @Sendable func recordViolation(req: Request) async throws -> Response {
        let values = try req.content.decode([String: String].self)
        return try await refusing(req, values) {
            var occurredAt = req.services.now()
            if let text = values["occurred_at"]?.nilIfBlank {
                guard let date = LocalDateTimeField.parse(text, calendar: req.services.rulebook.calendar) else {
                    throw DomainError.validation(fields: ["occurred_at": "error.field.date"])
                }
                occurredAt = date
            }
            guard let userID = values["user_id"].flatMap(UUID.init(uuidString:)) else { throw DomainError.validation(fields: ["user_id": "error.field.required"]) }
            let record = try await Violations(db: req.db, services: req.services).record(
                code: values["code"] ?? "", userID: userID, at: occurredAt, recordedBy: try req.requireStaff(), note: values["note"])
            return req.redirect(to: "/fines?month=\(record.month)&flash=flash.fines_violation_recorded")
        }
    }

    @Sendable func markPaid(req: Request) async throws -> Response {
        try await refusing(req, [:]) {
            guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "violation") }
            let record = try await Violations(db: req.db, services: req.services).markPaid(id, by: try req.requireStaff())
            return req.redirect(to: "/fines?month=\(record.month)&flash=flash.fines_paid")
        }
    }

    @Sendable func recordReward(req: Request) async throws -> Response {
        let values = try req.content.decode([String: String].self)
        return try await refusing(req, values) {
            var amount: Decimal?
            if let text = values["amount"]?.nilIfBlank {
                guard let value = Money.parse(text) else {
                    throw DomainError.validation(fields: ["amount": "error.field.money"])
                }
                amount = value
            }
            let input = Rewards.Input(userID: values["user_id"].flatMap(UUID.init(uuidString:)), kind: values["kind"].flatMap(RewardKind.init(rawValue:)),
                                      amount: amount, reason: values["reason"])
            let record = try await Rewards(db: req.db, services: req.services).record(input, by: try req.requireStaff())
            return req.redirect(to: "/fines?month=\(record.month)&flash=flash.fines_reward_recorded")
        }
    }

    /// Runs a form action; a refusal re-renders the overview with the message and the entered values.
    private func refusing(_ req: Request, _ values: [String: String], _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await render(req, values: values, error: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func statement(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let (userID, month) = try FinesAPIController.scope(req)
        let statement = try await FineStatement.build(userID: userID ?? staff.id, month: month, db: req.db, services: req.services)
        let names = [statement.userID: statement.userName]
        let violations = try await Violations(db: req.db, services: req.services).list(month: month, userID: statement.userID)
        let rewards = try await Rewards(db: req.db, services: req.services).list(month: month, userID: statement.userID)
        let rows = statement.entries.map {
            FinesPages.EntryRow(at: DisplayTime.format($0.createdAt, req), kind: req.t("fines.source.\($0.sourceType)"), reason: $0.reason,
                                amount: $0.amount, negative: $0.amount.hasPrefix("-"), recordedBy: FinesPages.recorder($0.recordedByName, req))
        }
        let (previous, next) = FinesPages.neighbours(of: month)
        return try await req.view.render("fines/statement", FinesPages.StatementPage(
            shell: PageShell(req, title: req.t("fines.statement_title")), organization: req.services.rulebook.organization.name,
            statement: statement, rows: rows, violations: FinesPages.violationRows(violations, names: names, req: req),
            otherRewards: FinesPages.rewardRows(rewards.filter { $0.amount == nil }, names: names, req: req),
            previous: previous, next: next, backHref: staff.has(.finesRead) ? "/fines?month=\(month)" : nil))
    }
}
