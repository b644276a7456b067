import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/qa`: the board (quota progress, the sampler's proposals, common problems), the scorecard form, the
/// scorecard page with acknowledgement, dispute and decision, my scorecards, and the weekly and monthly
/// summaries (REQUIREMENTS §7).
struct QualityWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "qa", access: .permission(.qaInspect), summary: "QA board: quota, proposals, common problems", use: board)
        routes.on(.GET, "qa", "mine", access: .authenticated, summary: "My scorecards", use: mine)
        routes.on(.GET, "qa", "inspections", "new", access: .permission(.qaInspect), summary: "Scorecard form for a case", use: newForm)
        routes.on(.POST, "qa", "inspections", access: .permission(.qaInspect), summary: "Score a case (form)", use: create)
        routes.on(.GET, "qa", "inspections", ":id", access: .authenticated, summary: "Scorecard page", use: show)
        for action in QualityInspections.Action.allCases {
            routes.on(.POST, "qa", "inspections", ":id", .constant(action.rawValue), access: .authenticated, summary: "Scorecard action: \(action.rawValue) (form)") { req in
                try await perform(action, req: req)
            }
        }
        routes.on(.GET, "qa", "weekly", access: .permission(.qaInspect), summary: "Weekly QA summary and training plans", use: weekly)
        routes.on(.POST, "qa", "weekly", "plan", access: .permission(.qaInspect), summary: "Save a training plan (form)", use: savePlan)
        routes.on(.GET, "qa", "monthly", access: .permission(.qaInspect), summary: "Monthly QA summary", use: monthly)
    }

    func reports(_ req: Request) -> QualityReports { QualityReports(db: req.db, services: req.services, language: req.language) }

    @Sendable func board(req: Request) async throws -> View {
        let reports = reports(req)
        let quota = try await reports.quota(month: try reports.month(nil))
        let samples = try await reports.samples(agentID: nil)
        let problems = try await reports.commonProblems(days: nil)
        return try await req.view.render("qa/board", QualityPages.BoardPage(
            shell: PageShell(req, title: req.t("qa.title")), month: quota.month, quota: quota.quota, agents: quota.items,
            samples: samples.map { .init(caseID: $0.caseID, caseNumber: $0.caseNumber, subject: $0.subject, agentName: $0.agentName ?? "",
                                         reason: req.t("qa.reason.\($0.reason)") + ($0.flagReason.map { "（\($0)）" } ?? "")) },
            problems: problems.criteria, problemDays: problems.days))
    }

    @Sendable func mine(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        var filter = QualityRepository.Filter()
        filter.agentID = staff.id
        let page = try await QualityRepository(db: req.db).list(filter, after: try? Cursor.decode(req.query[String.self, at: "cursor"]), limit: 50)
        let cards = try await QualityCard.load(page.items, db: req.db)
        return try await req.view.render("qa/mine", QualityPages.ListPage(
            shell: PageShell(req, title: req.t("qa.mine")), rows: try await QualityPages.rows(cards, req: req),
            nextHref: page.nextCursor.map { "/qa/mine?cursor=\($0)" }))
    }

    @Sendable func newForm(req: Request) async throws -> View {
        guard let text = req.query[String.self, at: "case_id"], let id = UUID(uuidString: text) else { throw DomainError.notFound(subject: "case") }
        return try await renderForm(req, caseID: id, values: ["form": req.query[String.self, at: "form"] ?? ""], error: nil)
    }

    private func renderForm(_ req: Request, caseID: UUID, values: [String: String], error: String?) async throws -> View {
        guard let serviceCase = try await CaseRepository(db: req.db).find(caseID) else { throw DomainError.notFound(subject: "case") }
        let rules = req.services.rulebook.quality
        let form = QualityRules.Form(rawValue: values["form"] ?? "") ?? rules.form(forChannel: serviceCase.channel)
        let agentID = serviceCase.assigneeID ?? serviceCase.ownerID
        let names = try await CasePeople.names(of: [agentID], db: req.db)
        let notes = try await CaseRepository(db: req.db).notes(caseID: caseID, includeInternal: true, limit: 50)
        return try await req.view.render("qa/form", QualityPages.FormPage(
            shell: PageShell(req, title: req.t("qa.new"), flashError: error), caseID: caseID, caseNumber: serviceCase.number,
            subject: serviceCase.subject, channel: req.t("case.channel.\(serviceCase.channel)"), agentName: names[agentID] ?? "",
            forms: QualityRules.Form.allCases.map { SelectOption(value: $0.rawValue, label: req.t("qa.form.\($0.rawValue)"), selected: $0 == form) },
            form: form.rawValue, fields: QualityPages.scoreFields(form, rules: rules, req: req, values: values),
            comments: values["comments"] ?? "", correction: values["correction"] ?? "",
            notes: notes.map { .init(who: $0.authorName, at: DisplayTime.format($0.createdAt, req), body: $0.body) }))
    }

    /// The score selects of a form (`score_<criterion>`, `note_<criterion>`) as the API's scores.
    static func scores(_ values: [String: String], form: QualityRules.Form, rules: QualityRules) throws -> [CreateInspectionRequest.Score] {
        var errors = FieldErrors()
        let scores = rules.criteria(of: form).compactMap { c -> CreateInspectionRequest.Score? in
            guard let text = values["score_\(c.code)"]?.nilIfBlank else { errors.add("scores.\(c.code)", "error.field.required"); return nil }
            guard let score = Int(text) else { errors.add("scores.\(c.code)", "error.field.invalid_value"); return nil }
            return .init(criterion: c.code, score: score, note: values["note_\(c.code)"]?.nilIfBlank)
        }
        try errors.check()
        return scores
    }

    @Sendable func create(req: Request) async throws -> Response {
        let values = try req.content.decode([String: String].self)
        guard let caseID = values["case_id"].flatMap(UUID.init(uuidString:)) else { throw DomainError.notFound(subject: "case") }
        do {
            let rules = req.services.rulebook.quality
            var input = CreateInspectionRequest()
            input.caseID = caseID
            input.form = values["form"].flatMap(QualityRules.Form.init(rawValue:))
            guard let form = input.form else { throw DomainError.validation(fields: ["form": "error.field.invalid_value"]) }
            input.scores = try Self.scores(values, form: form, rules: rules)
            input.comments = values["comments"]; input.correction = values["correction"]
            let card = try await QualityInspections(db: req.db, services: req.services).create(input, by: try req.requireStaff())
            return req.redirect(to: "/qa/inspections/\(card.record.id!)?flash=flash.qa_saved")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await renderForm(req, caseID: caseID, values: values, error: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func show(req: Request) async throws -> View {
        let viewer = QualityViewer(staff: try req.requireStaff(), rules: req.services.rulebook.quality)
        let card = try await viewer.readable(try QualityAPIController.inspectionID(req), db: req.db)
        return try await req.view.render("qa/show", try await QualityPages.inspectionPage(card, viewer: viewer, req: req, flashError: nil))
    }

    @Sendable func perform(_ action: QualityInspections.Action, req: Request) async throws -> Response {
        let id = try QualityAPIController.inspectionID(req)
        let staff = try req.requireStaff()
        let viewer = QualityViewer(staff: staff, rules: req.services.rulebook.quality)
        let values = (try? req.content.decode([String: String].self)) ?? [:]
        do {
            var body = InspectionActionRequest()
            body.version = values["version"].flatMap { Int($0) }
            body.reason = values["reason"]
            if let text = values["outcome"]?.nilIfBlank {
                guard let outcome = InspectionActionRequest.Outcome(rawValue: text) else {
                    throw DomainError.validation(fields: ["outcome": "error.field.invalid_value"])
                }
                body.outcome = outcome
            }
            if action == .decide, body.outcome == .corrected {
                let card = try await viewer.readable(id, db: req.db)
                body.scores = try Self.scores(values, form: QualityRules.Form(rawValue: card.record.form) ?? .call, rules: req.services.rulebook.quality)
            }
            _ = try await QualityInspections(db: req.db, services: req.services).perform(action, on: id, body, by: staff, expectedVersion: body.version)
            return req.redirect(to: "/qa/inspections/\(id)?flash=flash.qa_updated")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            guard let card = try? await viewer.readable(id, db: req.db) else { throw error }
            let response = try await req.view.render("qa/show", try await QualityPages.inspectionPage(card, viewer: viewer, req: req, flashError: message))
                .encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func weekly(req: Request) async throws -> View {
        try await renderWeekly(req, week: req.query[String.self, at: "week"], error: nil)
    }

    private func renderWeekly(_ req: Request, week: String?, error: String?) async throws -> View {
        let reports = reports(req)
        let start = (try? reports.weekStart(week)) ?? QualityPeriod.weekStart(of: reports.today)
        let summary = try await reports.weekly(weekStart: start)
        let agents = try await reports.agents()
        return try await req.view.render("qa/weekly", QualityPages.WeeklyPage(
            shell: PageShell(req, title: req.t("qa.weekly"), flashError: error), summary: summary,
            previous: QualityPeriod.adding(-7, to: start).description, next: QualityPeriod.adding(7, to: start).description,
            agents: [SelectOption(value: "", label: req.t("qa.plan.all"))] + agents.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName) }))
    }

    @Sendable func savePlan(req: Request) async throws -> Response {
        let values = try req.content.decode([String: String].self)
        do {
            var input = TrainingPlanRequest()
            input.week = values["week"]?.nilIfBlank
            input.plan = values["plan"]
            if let text = values["agent_id"]?.nilIfBlank {
                guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: ["agent_id": "error.field.invalid_value"]) }
                input.agentID = id
            }
            _ = try await reports(req).savePlan(input, by: try req.requireStaff())
            return req.redirect(to: "/qa/weekly?week=\(input.week ?? "")&flash=flash.qa_plan_saved")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await renderWeekly(req, week: values["week"], error: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func monthly(req: Request) async throws -> View {
        let reports = reports(req)
        let month = (try? reports.month(req.query[String.self, at: "month"])) ?? QualityPeriod.month(of: reports.today)
        let summary = try await reports.monthly(month: month)
        var first = QualityPeriod.firstDay(ofMonth: QualityPeriod.month(of: reports.today))!
        var months: [SelectOption] = []
        for _ in 0..<12 {
            let text = QualityPeriod.month(of: first)
            months.append(SelectOption(value: text, label: text, selected: text == month))
            first = first.month == 1 ? LocalDate(year: first.year - 1, month: 12, day: 1) : LocalDate(year: first.year, month: first.month - 1, day: 1)
        }
        return try await req.view.render("qa/monthly", QualityPages.MonthlyPage(shell: PageShell(req, title: req.t("qa.monthly")), summary: summary, months: months))
    }
}
