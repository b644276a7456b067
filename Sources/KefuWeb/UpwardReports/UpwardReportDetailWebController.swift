import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/upward-reports/:id`: the report, its history (the instruction record of ESC-07) and the one form the
/// viewer has to fill next — the superior's instruction (or insistence after an objection), the reporter's
/// acknowledgement/objection, the execution ("先执行后反映" after an insistence).
struct UpwardReportDetailWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "upward-reports", ":id", access: .authenticated, summary: "One report to a superior with its history", use: show)
        routes.on(.POST, "upward-reports", ":id", "instruction", access: .authenticated, summary: "Record the instruction (form, ESC-07)", use: instruct)
        routes.on(.POST, "upward-reports", ":id", "acknowledge", access: .authenticated, summary: "Acknowledge the instruction (form)", use: acknowledge)
        routes.on(.POST, "upward-reports", ":id", "objection", access: .authenticated, summary: "Record an objection (form)", use: object)
        routes.on(.POST, "upward-reports", ":id", "execution", access: .authenticated, summary: "Record the execution (form)", use: execute)
    }

    struct StepRow: Encodable { let kind: String, text: String?, actor: String, ruleKey: String, at: String }
    struct Field: Encodable { let label: String, value: String }
    struct Can: Encodable { let instruct: Bool, insist: Bool, answer: Bool, execute: Bool, executeFirst: Bool }
    struct DetailPage: Encodable {
        let shell: PageShell, report: UpwardReportRow, details: String, proposal: String, instruction: String?, objection: String?
        let execution: String?, caseID: UUID?, caseNumber: String?, fields: [Field], steps: [StepRow], can: Can
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await render(req, id: try UpwardReportsAPIController.id(req), error: nil)
    }

    func render(_ req: Request, id: UUID, error: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let reports = UpwardReports(db: req.db, services: req.services)
        let r = try await UpwardReportAccess(staff: staff, routing: reports.routing).readable(id, db: req.db)
        let steps = try await UpwardReportRepository(db: req.db).steps(of: id)
        let status = UpwardReportStatus(rawValue: r.status)
        let superior = r.superiorID == staff.id, reporter = r.reporterID == staff.id
        var fields = [Field(label: req.t("upward.reporter"), value: r.reporterName),
                      Field(label: req.t("upward.superior"), value: "\(r.superiorName) (\(req.t("role.\(r.superiorRole)")))"),
                      Field(label: req.t("upward.route_rule"), value: r.routeRule)]
        if let skipped = r.skippedName { fields.append(Field(label: req.t("upward.skipped"), value: skipped)) }
        if let forwarded = r.forwardedToName { fields.append(Field(label: req.t("upward.forwarded_to"), value: forwarded)) }
        let can = Can(instruct: superior && (status == .awaitingInstruction || status == .objected), insist: superior && status == .objected,
                      answer: reporter && status == .instructed, execute: reporter && (status == .acknowledged || status == .insisted),
                      executeFirst: status == .insisted)
        let view = try await req.view.render("upwardreports/show", DetailPage(
            shell: PageShell(req, title: r.summary, flashError: error?.message), report: UpwardReportRow(r, req: req), details: r.details,
            proposal: r.proposal, instruction: r.instruction, objection: r.objection, execution: r.execution, caseID: r.caseID,
            caseNumber: r.caseNumber, fields: fields,
            steps: steps.map { StepRow(kind: req.t("upward.step.\($0.kind)"), text: $0.text, actor: $0.actorName, ruleKey: $0.ruleKey,
                                       at: DisplayTime.format($0.at, req)) },
            can: can))
        let response = try await view.encodeResponse(for: req)
        response.status = error?.status ?? .ok
        return response
    }

    struct Form: Content { let instruction: String?, insist: String?, objection: String?, execution: String? }

    private func act(_ req: Request, _ action: (UpwardReports, UUID, Form, StaffUser) async throws -> Void) async throws -> Response {
        let id = try UpwardReportsAPIController.id(req)
        let form = try req.content.decode(Form.self)
        do {
            try await action(UpwardReports(db: req.db, services: req.services), id, form, try req.requireStaff())
            return req.redirect(to: "/upward-reports/\(id)?flash=flash.upward_updated")
        } catch let error as DomainError {
            return try await render(req, id: id, error: req.refusal(error))
        }
    }

    @Sendable func instruct(req: Request) async throws -> Response {
        try await act(req) { _ = try await $0.instruct($1, text: $2.instruction ?? "", insist: $2.insist != nil, by: $3) }
    }

    @Sendable func acknowledge(req: Request) async throws -> Response {
        try await act(req) { _ = try await $0.acknowledge($1, by: $3) }
    }

    @Sendable func object(req: Request) async throws -> Response {
        try await act(req) { _ = try await $0.object($1, text: $2.objection ?? "", by: $3) }
    }

    @Sendable func execute(req: Request) async throws -> Response {
        try await act(req) { _ = try await $0.execute($1, text: $2.execution ?? "", by: $3) }
    }
}
