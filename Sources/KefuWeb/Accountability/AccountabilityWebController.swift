import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/accountability`: my cases (and every case a manager may see), the new-case form, the case page with
/// the form for each next step, and the printable written decision (书面问责决定, ACC-09).
struct AccountabilityWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "accountability", access: .authenticated, summary: "Accountability cases page", use: index)
        routes.on(.GET, "accountability", "new", access: .permission(.accountabilityManage), summary: "New accountability case form", use: newForm)
        routes.on(.POST, "accountability", access: .permission(.accountabilityManage), summary: "Open an accountability case (form)", use: create)
        routes.on(.GET, "accountability", ":id", access: .authenticated, summary: "Accountability case page", use: show)
        routes.on(.GET, "accountability", ":id", "decision", access: .authenticated, summary: "Printable written decision", use: decision)
        for step in AccountabilityCases.Step.allCases {
            routes.on(.POST, "accountability", ":id", .constant(step.rawValue), access: .authenticated, summary: "Accountability step: \(step.rawValue) (form)") { req in
                try await perform(step, req: req)
            }
        }
    }

    @Sendable func index(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let viewer = AccountabilityViewer(staff: staff, rules: req.services.rulebook.accountability)
        let visibility = try await viewer.visibility(db: req.db)
        let seesMore = viewer.isManager || viewer.isReviewer
        // Without the right to see more, the visibility filter already limits the list to one's own cases.
        let mine = seesMore && req.query[String.self, at: "mine"] == "true"
        var filter = AccountabilityRepository.Filter(visibility: visibility)
        if mine { filter.personID = staff.id }
        if let state = req.query[String.self, at: "state"].flatMap(AccountabilityState.init(rawValue:)) { filter.state = state }
        let page = try await AccountabilityRepository(db: req.db).list(filter, after: try? Cursor.decode(req.query[String.self, at: "cursor"]), limit: 50)
        let files = try await AccountabilityFile.load(page.items, db: req.db)
        return try await req.view.render("accountability/index", AccountabilityPages.ListPage(
            shell: PageShell(req, title: req.t("accountability.title")), rows: try await AccountabilityPages.rows(files, req: req),
            mine: mine, seesMore: seesMore, canOpen: viewer.isManager,
            nextHref: page.nextCursor.map { "/accountability?\(mine ? "mine=true&" : "")cursor=\($0)" }))
    }

    struct NewPage: Encodable {
        let shell: PageShell
        let form: [String: String]
        let origins: [SelectOption], triggers: [SelectOption], people: [SelectOption], investigators: [SelectOption], departments: [SelectOption]
        let joint: Bool
    }

    struct NewForm: Content {
        var title: String?, origin: String?, trigger: String?, facts: String?, personIDs: [String]?, departmentID: String?
        var investigatorID: String?, sourceType: String?, sourceID: String?, jointLiability: String?

        enum CodingKeys: String, CodingKey {
            case title, origin, trigger, facts
            case personIDs = "person_ids", departmentID = "department_id", investigatorID = "investigator_id"
            case sourceType = "source_type", sourceID = "source_id", jointLiability = "joint_liability"
        }
    }

    /// `?origin=complaint&source_type=case&source_id=…&title=…` prefills the form (the complaint page links here).
    @Sendable func newForm(req: Request) async throws -> View {
        var form = NewForm()
        form.origin = req.query[String.self, at: "origin"]
        form.trigger = req.query[String.self, at: "trigger"]
        form.sourceType = req.query[String.self, at: "source_type"]
        form.sourceID = req.query[String.self, at: "source_id"]
        form.title = req.query[String.self, at: "title"]
        return try await renderNew(req, form: form, error: nil)
    }

    private func renderNew(_ req: Request, form: NewForm, error: String?) async throws -> View {
        let staff = try req.requireStaff()
        let users = try await UserRepository(db: req.db).list(scope: .all, query: nil, role: nil, after: nil, limit: 200).items.filter(\.active)
        let chosen = Set(form.personIDs ?? [])
        let investigator = form.investigatorID ?? staff.id.uuidString
        func option(_ value: String, _ label: String, _ selected: Bool) -> SelectOption { SelectOption(value: value, label: label, selected: selected) }
        return try await req.view.render("accountability/new", NewPage(
            shell: PageShell(req, title: req.t("accountability.new"), flashError: error),
            form: ["title": form.title ?? "", "facts": form.facts ?? "", "source_type": form.sourceType ?? "", "source_id": form.sourceID ?? ""],
            origins: AccountabilityOrigin.allCases.map { option($0.rawValue, req.t("accountability.origin.\($0.rawValue)"), form.origin == $0.rawValue) },
            triggers: AccountabilityTrigger.allCases.map {
                option($0.rawValue, "\($0.ruleID) " + req.t("accountability.trigger.\($0.rawValue)"), form.trigger == $0.rawValue)
            },
            people: users.filter { $0.id != staff.id }.map { option($0.id!.uuidString, "\($0.displayName) (\($0.username))", chosen.contains($0.id!.uuidString)) },
            investigators: users.map { option($0.id!.uuidString, "\($0.displayName) (\($0.username))", investigator == $0.id!.uuidString) },
            departments: try await OrganizationRepository(db: req.db).departments().map { option($0.id!.uuidString, $0.name, form.departmentID == $0.id!.uuidString) },
            joint: form.jointLiability != nil))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(NewForm.self)
        do {
            var errors = FieldErrors()
            func uuid(_ text: String?, _ field: String) -> UUID? {
                guard let text = text?.nilIfBlank else { return nil }
                guard let id = UUID(uuidString: text) else { errors.add(field, "error.field.invalid_value"); return nil }
                return id
            }
            var input = OpenAccountabilityRequest()
            input.title = form.title; input.facts = form.facts
            input.origin = form.origin.flatMap(AccountabilityOrigin.init(rawValue:))
            input.trigger = form.trigger.flatMap(AccountabilityTrigger.init(rawValue:))
            input.personIDs = (form.personIDs ?? []).compactMap { uuid($0, "person_ids") }
            input.departmentID = uuid(form.departmentID, "department_id")
            input.investigatorID = uuid(form.investigatorID, "investigator_id")
            input.sourceType = form.sourceType?.nilIfBlank
            input.sourceID = uuid(form.sourceID, "source_id")
            input.jointLiability = form.jointLiability != nil
            try errors.check()
            let file = try await AccountabilityCases(db: req.db, services: req.services).open(input, by: try req.requireStaff())
            return req.redirect(to: "/accountability/\(file.record.id!)?flash=flash.accountability_opened")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await renderNew(req, form: form, error: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func show(req: Request) async throws -> View {
        let viewer = AccountabilityViewer(staff: try req.requireStaff(), rules: req.services.rulebook.accountability)
        let file = try await viewer.readable(try AccountabilityAPIController.caseID(req), db: req.db)
        return try await req.view.render("accountability/show", try await AccountabilityPages.casePage(file, viewer: viewer, req: req, flashError: nil))
    }

    @Sendable func decision(req: Request) async throws -> View {
        let viewer = AccountabilityViewer(staff: try req.requireStaff(), rules: req.services.rulebook.accountability)
        let file = try await viewer.readable(try AccountabilityAPIController.caseID(req), db: req.db)
        guard file.record.decidedAt != nil else { throw DomainError.notFound(subject: "accountability_decision") }
        return try await req.view.render("accountability/decision", try await AccountabilityPages.casePage(file, viewer: viewer, req: req, flashError: nil))
    }

    @Sendable func perform(_ step: AccountabilityCases.Step, req: Request) async throws -> Response {
        let id = try AccountabilityAPIController.caseID(req)
        let staff = try req.requireStaff()
        do {
            let body = try AccountabilityStepForm.decode(req)
            _ = try await AccountabilityCases(db: req.db, services: req.services).perform(step, on: id, body, by: staff, expectedVersion: body.version)
            return req.redirect(to: "/accountability/\(id)?flash=flash.accountability_updated")
        } catch let error where error is DomainError || error is Failure || error is DecodingError {
            let (message, status) = req.refusal(error)
            let viewer = AccountabilityViewer(staff: staff, rules: req.services.rulebook.accountability)
            guard let file = try? await viewer.readable(id, db: req.db) else { throw error }
            let response = try await req.view.render("accountability/show", try await AccountabilityPages.casePage(file, viewer: viewer, req: req, flashError: message))
                .encodeResponse(for: req)
            response.status = status
            return response
        }
    }
}

/// The step forms of the case page, turned into the API's action body.
struct AccountabilityStepForm: Content {
    var version: Int?, personID: String?, body: String?, plan: String?, cause: String?, solution: String?, contingencyPlan: String?
    var facts: String?, reasons: String?, basis: String?, sanctions: [String]?, fineAmount: String?, circumstanceKind: String?
    var circumstanceDescription: String?, reason: String?, outcome: String?, comment: String?, replacementID: String?
    var evidenceType: String?, evidenceID: String?, evidenceNote: String?

    enum CodingKeys: String, CodingKey {
        case version, body, plan, cause, solution, facts, reasons, basis, sanctions, reason, outcome, comment
        case personID = "person_id", contingencyPlan = "contingency_plan", fineAmount = "fine_amount"
        case circumstanceKind = "circumstance_kind", circumstanceDescription = "circumstance_description", replacementID = "replacement_id"
        case evidenceType = "evidence_type", evidenceID = "evidence_id", evidenceNote = "evidence_note"
    }

    static func decode(_ req: Request) throws -> AccountabilityActionRequest {
        let form = try req.content.decode(AccountabilityStepForm.self)
        var errors = FieldErrors()
        func uuid(_ text: String?, _ field: String) -> UUID? {
            guard let text = text?.nilIfBlank else { return nil }
            guard let id = UUID(uuidString: text) else { errors.add(field, "error.field.invalid_value"); return nil }
            return id
        }
        var body = AccountabilityActionRequest()
        body.version = form.version
        body.personID = uuid(form.personID, "person_id")
        body.body = form.body; body.plan = form.plan; body.cause = form.cause; body.solution = form.solution
        body.contingencyPlan = form.contingencyPlan; body.facts = form.facts; body.reasons = form.reasons; body.basis = form.basis
        body.sanctions = form.sanctions; body.reason = form.reason; body.comment = form.comment
        body.replacementID = uuid(form.replacementID, "replacement_id")
        if let text = form.fineAmount?.nilIfBlank {
            if let value = Money.parse(text) {
                body.fineAmount = MoneyInput(value: value)
            } else { errors.add("fine_amount", "error.field.money") }
        }
        if let text = form.outcome?.nilIfBlank {
            body.outcome = AccountabilityReviewOutcome(rawValue: text)
            if body.outcome == nil { errors.add("outcome", "error.field.invalid_value") }
        }
        if let text = form.circumstanceDescription?.nilIfBlank {
            if let kind = AccountabilityCircumstance(rawValue: form.circumstanceKind ?? "") {
                body.circumstances = [.init(kind: kind, description: text)]
            } else { errors.add("circumstance_kind", "error.field.invalid_value") }
        }
        if let text = form.evidenceID?.nilIfBlank {
            if let kind = AccountabilityEvidenceKind(rawValue: form.evidenceType ?? ""), let id = UUID(uuidString: text) {
                body.evidence = [.init(type: kind, id: id, note: form.evidenceNote?.nilIfBlank)]
            } else { errors.add("evidence_id", "error.field.invalid_value") }
        }
        try errors.check()
        return body
    }
}
