import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The return-visit station's pages: the queue by state, one visit with the script branches (RTV-12), the
/// attempt form with the 4 × 4 survey, and the weekly satisfaction analysis (RTV-06) with its CSV.
struct ReturnVisitsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "return-visits", access: .permission(.returnVisitsWork), summary: "Return-visit queue", use: queue)
        routes.on(.GET, "return-visits", "weekly", access: .permission(.returnVisitsWork), summary: "Weekly satisfaction analysis (RTV-06)", use: weekly)
        routes.on(.GET, "return-visits", "weekly.csv", access: .permission(.returnVisitsWork), summary: "Weekly satisfaction analysis as CSV", use: weeklyCSV)
        routes.on(.GET, "return-visits", ":visit", access: .permission(.returnVisitsWork), summary: "One return visit", use: show)
        routes.on(.POST, "return-visits", ":visit", "attempts", access: .permission(.returnVisitsWork), summary: "Log a call attempt (form)", use: attempt)
        routes.on(.POST, "return-visits", ":visit", "close", access: .permission(.returnVisitsWork), summary: "Close as unreachable (form)", use: close)
        routes.on(.POST, "cases", ":id", "survey-link", access: .permission(.casesRead), summary: "Make a customer survey link (form)", use: link)
    }

    struct Row: Encodable {
        let id: UUID, caseID: UUID, number: String, subject: String, customer: String, phone: String, due: String, callFrom: String
        let booked: String?, overdue: Bool, failed: Int, state: String, stateLabel: String, satisfaction: String?
    }
    struct QueuePage: Encodable { let shell: PageShell, view: String, views: [SelectOption], rows: [Row], nextURL: String? }

    @Sendable func queue(req: Request) async throws -> View {
        let text = req.query[String.self, at: "view"] ?? "due"
        let view = ReturnVisitQueries.View(rawValue: text) ?? .due
        let (cursor, _) = try req.pagination()
        let now = req.services.now()
        let page = try await ReturnVisitQueries(db: req.db).page(view, now: now, after: cursor, limit: 50)
        let rows = try await rows(page.items, req: req)
        return try await req.view.render("returnvisits/queue", QueuePage(
            shell: PageShell(req, title: req.t("rtv.title")), view: view.rawValue,
            views: ReturnVisitQueries.View.allCases.map { SelectOption(value: $0.rawValue, label: req.t("rtv.view.\($0.rawValue)"), selected: $0 == view) },
            rows: rows, nextURL: page.nextCursor.map { "/return-visits?view=\(view.rawValue)&cursor=\($0)" }))
    }

    func rows(_ visits: [ReturnVisitRecord], req: Request) async throws -> [Row] {
        let cases = Dictionary(try await CaseRepository(db: req.db).find(ids: visits.map(\.caseID)).map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let customers = Dictionary(try await CustomerRepository(db: req.db).find(ids: visits.map(\.customerID)).map { ($0.id!, $0) },
                                   uniquingKeysWith: { a, _ in a })
        let unmasked = try req.requireStaff().has(.customerPIIRead)
        let now = req.services.now()
        return visits.map { visit in
            let customer = customers[visit.customerID]
            let response = ReturnVisitResponse(visit, attempts: [], now: now)
            return Row(id: visit.id!, caseID: visit.caseID, number: cases[visit.caseID]?.number ?? "", subject: cases[visit.caseID]?.subject ?? "",
                       customer: customer?.name ?? "", phone: customer.map { CustomerResponse($0, unmasked: unmasked).phone } ?? "",
                       due: DisplayTime.format(visit.dueAt, req), callFrom: DisplayTime.format(visit.callFrom, req),
                       booked: visit.bookedAt.map { DisplayTime.format($0, req) }, overdue: response.state == "overdue", failed: visit.failedAttempts,
                       state: response.state, stateLabel: req.t("rtv.state.\(response.state)"),
                       satisfaction: visit.satisfaction.map { req.t("rtv.satisfaction.\($0)") })
        }
    }

    struct AttemptView: Encodable { let outcome: String, at: String, by: String, note: String? }
    struct Level: Encodable { let value: String, label: String }
    struct ShowPage: Encodable {
        let shell: PageShell, visit: Row, attempts: [AttemptView], scripts: [Field], outcomes: [SelectOption], satisfactions: [SelectOption]
        let items: [Field], levels: [Level], canClose: Bool, isOpen: Bool, maxAttempts: Int, version: Int, resolution: String, doNotCall: String
    }
    struct Field: Encodable { let label: String, value: String }

    @Sendable func show(req: Request) async throws -> View { try await render(req, flashError: nil) }

    func render(_ req: Request, flashError: String?) async throws -> View {
        let visit = try await ReturnVisitsAPIController.visit(req)
        let attempts = try await ReturnVisitQueries(db: req.db).attempts(of: [visit.id!])[visit.id!] ?? []
        let row = try await rows([visit], req: req)[0]
        let rules = req.services.rulebook
        let organization = rules.organization.name
        let caseRecord = try await CaseRepository(db: req.db).find(visit.caseID)
        let open = visit.state == ReturnVisitState.open.rawValue
        return try await req.view.render("returnvisits/show", ShowPage(
            shell: PageShell(req, title: "\(req.t("rtv.visit")) \(row.number)", flashError: flashError), visit: row,
            attempts: attempts.map { AttemptView(outcome: req.t("rtv.outcome.\($0.outcome)"), at: DisplayTime.format($0.at, req), by: $0.byName, note: $0.note) },
            scripts: try await scripts(req, organization: organization),
            outcomes: ReturnVisitAttemptOutcome.allCases.map { SelectOption(value: $0.rawValue, label: req.t("rtv.outcome.\($0.rawValue)")) },
            satisfactions: ReturnVisitSatisfaction.allCases.map { SelectOption(value: $0.rawValue, label: req.t("rtv.satisfaction.\($0.rawValue)")) },
            items: SurveyAnswers.items.map { Field(label: req.t("survey.item.\($0)"), value: $0) },
            levels: rules.surveys.scale.levels.map { Level(value: $0, label: req.t("survey.level.\($0)")) },
            canClose: open && (visit.wrongNumber || visit.failedAttempts >= rules.returnVisits.maxAttempts), isOpen: open,
            maxAttempts: rules.returnVisits.maxAttempts, version: visit.version, resolution: caseRecord?.resolution ?? "",
            doNotCall: rules.returnVisits.doNotCall.map(\.description).joined(separator: ", ")))
    }

    /// RTV-12: the opening and closing, and the phrase library's branch for each outcome (§27, KB editors keep them).
    private func scripts(_ req: Request, organization: String) async throws -> [Field] {
        let library = PhraseLibrary(db: req.db, services: req.services)
        let agent = try req.requireStaff().displayName
        var fields = [Field(label: req.t("rtv.script_label.opening"), value: req.t("rtv.script.opening", [organization]))]
        for (key, category) in [("satisfied", PhraseCategory.returnVisitSatisfied), ("average", .returnVisitAverage), ("unsatisfied", .returnVisitUnsatisfied)] {
            let phrases = try await library.rendered([category], agent: agent)
            fields.append(Field(label: req.t("rtv.script_label.\(key)"), value: phrases.isEmpty ? req.t("rtv.script.\(key)") : phrases.joined(separator: " / ")))
        }
        fields.append(Field(label: req.t("rtv.script_label.closing"), value: req.t("rtv.script.closing")))
        return fields
    }

    struct AttemptForm: Content {
        var outcome: String?, note: String?, satisfaction: String?, resolved: String?, escalate: String?, bookAt: String?, version: Int?
        var attitude: String?, technical: String?, arrivalTime: String?, promise: String?
        enum CodingKeys: String, CodingKey {
            case outcome, note, satisfaction, resolved, escalate, version, attitude, technical, promise
            case bookAt = "book_at", arrivalTime = "arrival_time"
        }
    }

    @Sendable func attempt(req: Request) async throws -> Response {
        let form = try req.content.decode(AttemptForm.self)
        return try await act(req) { staff, visit in
            guard let outcome = form.outcome.flatMap(ReturnVisitAttemptOutcome.init(rawValue:)) else {
                throw DomainError.validation(fields: ["outcome": "error.field.choice"])
            }
            var book: Date?
            if let text = form.bookAt?.nilIfBlank {
                guard let date = LocalDateTimeField.parse(text, calendar: req.services.rulebook.calendar) else {
                    throw DomainError.validation(fields: ["book_at": "error.field.date"])
                }
                book = date
            }
            let anyRating = [form.attitude, form.technical, form.arrivalTime, form.promise].contains { $0?.nilIfBlank != nil }
            let survey = anyRating ? SurveyRequest(attitude: form.attitude, technical: form.technical, arrivalTime: form.arrivalTime, promise: form.promise) : nil
            let outcomeWords = req.t("rtv.outcome.\(outcome.rawValue)")
            _ = try await ReturnVisits(db: req.db, services: req.services).attempt(visitID: visit, ReturnVisits.AttemptRequest(
                outcome: outcome, note: form.note, satisfaction: form.satisfaction.flatMap(ReturnVisitSatisfaction.init(rawValue:)),
                resolved: outcome == .reached ? form.resolved != nil : nil, escalate: form.escalate != nil, bookAt: book, survey: survey,
                version: form.version), by: staff)
            return book.map { Confirmation("done.return_visit.booked", [outcomeWords, DisplayTime.format($0, req)]) }
                ?? Confirmation("done.return_visit.recorded", [outcomeWords])
        }
    }

    @Sendable func close(req: Request) async throws -> Response {
        try await act(req) { staff, visit in
            _ = try await ReturnVisits(db: req.db, services: req.services).closeUnreachable(visitID: visit, by: staff)
            return Confirmation("done.return_visit.closed_unreachable")
        }
    }

    private func act(_ req: Request, _ body: (StaffUser, UUID) async throws -> Confirmation) async throws -> Response {
        let visit = try await ReturnVisitsAPIController.visit(req)
        do {
            return try await body(try req.requireStaff(), visit.id!).redirect(req, to: "/return-visits/\(visit.id!)")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await render(req, flashError: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    struct WeeklyPage: Encodable {
        struct ItemRow: Encodable { let label: String; let counts: [Int] }
        let shell: PageShell, stats: ReturnVisitWeeks.Stats, levels: [String], rows: [ItemRow], previous: String, next: String
        let bars: [Bar]
    }
    struct Bar: Encodable { let label: String, count: Int, width: Int, y: Int, css: String }

    @Sendable func weekly(req: Request) async throws -> View {
        let week = try ReturnVisitsAPIController.week(req)
        let stats = try await ReturnVisitWeeks(db: req.db, services: req.services).stats(weekStart: week)
        let calendar = req.services.rulebook.calendar
        let start = calendar.startOfDay(week)
        let total = max(1, stats.satisfied + stats.average + stats.unsatisfied)
        let bars = [("satisfied", stats.satisfied), ("average", stats.average), ("unsatisfied", stats.unsatisfied)].enumerated().map { index, pair in
            Bar(label: req.t("rtv.satisfaction.\(pair.0)"), count: pair.1, width: pair.1 * 300 / total, y: index * 28, css: pair.0)
        }
        return try await req.view.render("returnvisits/weekly", WeeklyPage(
            shell: PageShell(req, title: req.t("rtv.weekly")), stats: stats,
            levels: req.services.rulebook.surveys.scale.levels.map { req.t("survey.level.\($0)") },
            rows: stats.items.map { .init(label: req.t("survey.item.\($0.item)"), counts: $0.counts) },
            previous: calendar.localDate(of: start.addingTimeInterval(-6.5 * 86_400)).description,
            next: calendar.localDate(of: start.addingTimeInterval(7.5 * 86_400)).description, bars: bars))
    }

    @Sendable func weeklyCSV(req: Request) async throws -> Response {
        let week = try ReturnVisitsAPIController.week(req)
        let stats = try await ReturnVisitWeeks(db: req.db, services: req.services).stats(weekStart: week)
        let response = Response(status: .ok, body: .init(string: ReturnVisitWeeks.csv(stats, levels: req.services.rulebook.surveys.scale.levels)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"return-visits-\(stats.weekStart).csv\"")
        return response
    }

    struct LinkPage: Encodable { let shell: PageShell, url: String, expires: String, caseID: UUID }

    @Sendable func link(req: Request) async throws -> Response {
        let id = try CasesAPIController.caseID(req)
        do {
            let (token, expires) = try await Surveys(db: req.db, services: req.services).link(caseID: id, by: try req.requireStaff())
            let base = req.services.settings.publicURL ?? ""
            return try await req.view.render("returnvisits/link", LinkPage(
                shell: PageShell(req, title: req.t("survey.link_title")), url: "\(base)/survey/\(token)", expires: DisplayTime.format(expires, req),
                caseID: id)).encodeResponse(for: req)
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            guard let record = try? await CasesAPIController.readable(req) else { throw error }
            let response = try await CasePageBuilder(req: req).render(record, flashError: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }
}
