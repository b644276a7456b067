import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/upward-reports`: 待我批示 first (the superior's queue, oldest first), then my own reports, then everything
/// else I may read; `/upward-reports/new` files one (`?case=ID` prefills from a case). A refused form
/// re-renders with the message, the rule key and what was typed.
struct UpwardReportsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "upward-reports", access: .authenticated, summary: "Reports to a superior: awaiting me, mine, all I may read", use: list)
        routes.on(.GET, "upward-reports", "new", access: .authenticated, summary: "File a report to one's superior (form)", use: newForm)
        routes.on(.POST, "upward-reports", access: .authenticated, summary: "File a report to one's superior (form)", use: file)
        try UpwardReportDetailWebController().boot(routes: routes)
    }

    struct ListPage: Encodable {
        let shell: PageShell, awaiting: [UpwardReportRow], mine: [UpwardReportRow], all: [UpwardReportRow], nextURL: String?
    }

    @Sendable func list(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let lists = UpwardReportLists(db: req.db, services: req.services)
        let (cursor, limit) = try req.pagination()
        let awaiting = try await lists.awaitingMe(staff, limit: 50)
        let mine = cursor == nil ? try await lists.page(box: "mine", open: false, for: staff, after: nil, limit: 20).items : []
        let all = try await lists.page(box: nil, open: false, for: staff, after: cursor, limit: min(limit, 50))
        let shown = Set((awaiting + mine).compactMap(\.id))
        return try await req.view.render("upwardreports/list", ListPage(
            shell: PageShell(req, title: req.t("upward.title")), awaiting: awaiting.map { UpwardReportRow($0, req: req) },
            mine: mine.map { UpwardReportRow($0, req: req) },
            all: all.items.filter { !shown.contains($0.id!) }.map { UpwardReportRow($0, req: req) },
            nextURL: all.nextCursor.map { "/upward-reports?cursor=\($0)" }))
    }

    struct Draft: Encodable {
        var category = "", summary = "", details = "", proposal = "", emergency = false, skipLevel = false
        var caseID = "", caseNumber = ""
    }
    struct NewPage: Encodable { let shell: PageShell, categories: [SelectOption], draft: Draft, chain: String }

    @Sendable func newForm(req: Request) async throws -> Response {
        var draft = Draft()
        if let caseID = req.query[UUID.self, at: "case"] {
            let staff = try req.requireStaff()
            let record = try await CaseScope.of(staff, db: req.db).readable(caseID, db: req.db)
            draft.caseID = caseID.uuidString; draft.caseNumber = record.number
            draft.summary = "\(record.number) \(record.subject)"; draft.category = UpwardReportCategory.cannotHandle.rawValue
        }
        return try await render(req, draft: draft, error: nil)
    }

    func render(_ req: Request, draft: Draft, error: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let chain = req.services.rulebook.escalation.chain.map { req.t("role.\($0.rawValue)") }.joined(separator: " → ")
        let view = try await req.view.render("upwardreports/new", NewPage(
            shell: PageShell(req, title: req.t("upward.new"), flashError: error?.message),
            categories: UpwardReportRow.categoryOptions(req, selected: draft.category), draft: draft, chain: chain))
        let response = try await view.encodeResponse(for: req)
        response.status = error?.status ?? .ok
        return response
    }

    @Sendable func file(req: Request) async throws -> Response {
        struct Form: Content {
            let category: String?, summary: String?, details: String?, proposal: String?, emergency: String?, skip_level: String?
            let case_id: String?, case_number: String?
        }
        let form = try req.content.decode(Form.self)
        let draft = Draft(category: form.category ?? "", summary: form.summary ?? "", details: form.details ?? "", proposal: form.proposal ?? "",
                          emergency: form.emergency != nil, skipLevel: form.skip_level != nil, caseID: form.case_id ?? "",
                          caseNumber: form.case_number ?? "")
        do {
            let record = try await UpwardReports(db: req.db, services: req.services).file(.init(
                category: draft.category, summary: draft.summary, details: draft.details, proposal: draft.proposal,
                emergency: draft.emergency, skipLevel: draft.skipLevel, caseID: UUID(uuidString: draft.caseID)), by: req.requireStaff())
            return req.redirect(to: "/upward-reports/\(record.id!)?flash=flash.upward_filed")
        } catch let error as DomainError {
            return try await render(req, draft: draft, error: req.refusal(error))
        }
    }
}
