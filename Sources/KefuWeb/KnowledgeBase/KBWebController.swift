import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/kb`: the knowledge base with search and catalog tabs, the editing queue (`?state=`), "unread for me",
/// the entry page with its versions and the form of each next step, the new-entry form, and the phrase
/// library (`/kb/phrases`). Refused forms re-render with the reason.
struct KBWebController: RouteCollection {
    let attachmentLimit: ByteCount

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "kb", access: .permission(.kbRead), summary: "Knowledge base page (q, catalog, state)", use: index)
        routes.on(.GET, "kb", "unread", access: .permission(.kbRead), summary: "Entries I have not acknowledged (KB-12/13)", use: unread)
        routes.on(.GET, "kb", "new", access: .permission(.kbEdit), summary: "New entry form", use: newForm)
        routes.on(.POST, "kb", access: .permission(.kbEdit), summary: "Register an entry (form)", use: create)
        routes.on(.GET, "kb", "phrases", access: .permission(.kbRead), summary: "Phrase library page", use: phrases)
        routes.on(.POST, "kb", "phrases", access: .permission(.kbEdit), summary: "Add a phrase (form)", use: addPhrase)
        routes.on(.POST, "kb", "phrases", ":key", access: .permission(.kbEdit), summary: "Change or retire a phrase (form)", use: editPhrase)
        routes.on(.GET, "kb", ":id", access: .permission(.kbRead), summary: "Knowledge-base entry page", use: show)
        routes.on(.POST, "kb", ":id", "edit", access: .permission(.kbEdit), summary: "Change an entry's wording (form)", use: edit)
        routes.on(.POST, "kb", ":id", "acknowledge", access: .permission(.kbRead), summary: "Acknowledge an entry (form)", use: acknowledge)
        for action in KBAction.allCases {
            routes.on(.POST, "kb", ":id", .constant(action.rawValue), access: .authenticated, summary: "KB editing step: \(action.rawValue) (form)") { req in
                try await perform(action, req: req)
            }
        }
        routes.on(.GET, "kb", ":id", "attachments", ":document", access: .permission(.kbRead), summary: "Download an original document",
                  use: KBAPIController(attachmentLimit: ByteCount(value: 0)).download)
        routes.on(.POST, "kb", ":id", "attachments", access: .permission(.kbEdit), summary: "Attach the original document (form, KB-09)",
                  body: .collect(maxSize: attachmentLimit), use: attach)
        routes.on(.POST, "cases", ":id", "kb-uses", access: .permission(.casesRead), summary: "Record the KB entry used on a case (form)", use: recordUse)
    }

    @Sendable func index(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let filter: KBRepository.Filter
        do { filter = try KBAPIController.filter(req, staff: staff) } catch { filter = KBRepository.Filter(liveOnly: !staff.has(.kbEdit)) }
        var effective = filter
        if !staff.has(.kbEdit) { effective.inForceAt = req.services.now() }
        let page = try await KBRepository(db: req.db).list(effective, after: try? Cursor.decode(req.query[String.self, at: "cursor"]), limit: 50)
        let query = req.query[String.self, at: "q"] ?? ""
        let q = query.isEmpty ? "" : "&q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        let tabs = [KBPages.Tab(label: req.t("kb.all"), href: "/kb?\(q)", active: filter.catalog == nil)]
            + req.services.rulebook.knowledgeBase.catalogs.map {
                KBPages.Tab(label: req.t("kb.catalog.\($0.rawValue)"), href: "/kb?catalog=\($0.rawValue)\(q)", active: filter.catalog == $0)
            }
        let states = staff.has(.kbEdit) ? KBEntryState.allCases.map {
            KBPages.Tab(label: req.t("kb.state.\($0.rawValue)"), href: "/kb?state=\($0.rawValue)", active: filter.state == $0)
        } : []
        return try await req.view.render("kb/index", KBPages.ListPage(
            shell: PageShell(req, title: req.t("kb.title")), heading: req.t("kb.title"), query: query, tabs: tabs, states: states,
            rows: try await KBPages.rows(page.items, req: req), canEdit: staff.has(.kbEdit),
            nextHref: page.nextCursor.map { "/kb?cursor=\($0)\(q)" }))
    }

    @Sendable func unread(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let page = try await KBRepository(db: req.db).list(.init(inForceAt: req.services.now(), unreadBy: staff.id), after: nil, limit: 200)
        return try await req.view.render("kb/index", KBPages.ListPage(
            shell: PageShell(req, title: req.t("kb.unread")), heading: req.t("kb.unread"), query: "", tabs: [], states: [],
            rows: try await KBPages.rows(page.items, req: req), canEdit: false, nextHref: nil))
    }

    struct NewPage: Encodable {
        let shell: PageShell
        let form: [String: String]
        let catalogs: [SelectOption], departments: [SelectOption]
    }

    struct EntryForm: Content {
        var catalog: String?, title: String?, question: String?, answer: String?, issuingDepartmentID: String?, noticeRef: String?
        var noticeSummary: String?, effectiveFrom: String?, effectiveTo: String?, version: Int?

        enum CodingKeys: String, CodingKey {
            case catalog, title, question, answer, version
            case issuingDepartmentID = "issuing_department_id", noticeRef = "notice_ref", noticeSummary = "notice_summary"
            case effectiveFrom = "effective_from", effectiveTo = "effective_to"
        }

        var fields: [String: String] {
            ["catalog": catalog ?? "", "title": title ?? "", "question": question ?? "", "answer": answer ?? "",
             "issuing_department_id": issuingDepartmentID ?? "", "notice_ref": noticeRef ?? "", "notice_summary": noticeSummary ?? "",
             "effective_from": effectiveFrom ?? "", "effective_to": effectiveTo ?? ""]
        }

        /// The API body; dates (`YYYY-MM-DD`) start at midnight in the organization's time zone.
        func request(_ req: Request) throws -> KBEntryRequest {
            var errors = FieldErrors()
            let calendar = req.services.rulebook.calendar
            func date(_ text: String?, _ field: String) -> Date? {
                guard let text = text?.nilIfBlank else { return nil }
                guard let day = LocalDate(text) else { errors.add(field, "error.field.invalid_value"); return nil }
                return calendar.startOfDay(day)
            }
            var input = KBEntryRequest()
            if let text = catalog?.nilIfBlank {
                input.catalog = KBCatalog(rawValue: text)
                if input.catalog == nil { errors.add("catalog", "error.field.choice") }
            }
            input.title = title; input.question = question; input.answer = answer
            input.noticeRef = noticeRef; input.noticeSummary = noticeSummary
            if let text = issuingDepartmentID?.nilIfBlank {
                input.issuingDepartmentID = UUID(uuidString: text)
                if input.issuingDepartmentID == nil { errors.add("issuing_department_id", "error.field.invalid_value") }
            }
            input.effectiveFrom = date(effectiveFrom, "effective_from")
            input.effectiveTo = date(effectiveTo, "effective_to")
            input.clearEffectiveTo = effectiveTo?.nilIfBlank == nil
            input.version = version
            try errors.check()
            return input
        }
    }

    @Sendable func newForm(req: Request) async throws -> View {
        try await renderNew(req, form: ["catalog": KBCatalog.information.rawValue], error: nil)
    }

    private func renderNew(_ req: Request, form: [String: String], error: String?) async throws -> View {
        let departments = try await OrganizationRepository(db: req.db).departments()
        return try await req.view.render("kb/new", NewPage(
            shell: PageShell(req, title: req.t("kb.new"), flashError: error), form: form,
            catalogs: KBPages.catalogOptions(req, chosen: form["catalog"]),
            departments: KBPages.departmentOptions(departments, chosen: form["issuing_department_id"] ?? "", req: req)))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(EntryForm.self)
        do {
            let record = try await KBEntries(db: req.db, services: req.services).create(try form.request(req), by: try req.requireStaff())
            return req.redirect(to: "/kb/\(record.id!)")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await renderNew(req, form: form.fields, error: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func show(req: Request) async throws -> View {
        try await req.view.render("kb/show", try await KBPages.entryPage(try await KBAPIController.readable(req), req: req, flashError: nil))
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let id = try KBAPIController.entryID(req)
        let form = try req.content.decode(EntryForm.self)
        return try await refusing(req, id: id, form: form.fields) {
            let input = try form.request(req)
            _ = try await KBEntries(db: req.db, services: req.services).update(id, input, by: try req.requireStaff(), expectedVersion: input.version)
        }
    }

    @Sendable func acknowledge(req: Request) async throws -> Response {
        let id = try KBAPIController.entryID(req)
        return try await refusing(req, id: id, form: nil) {
            _ = try await KBAPIController.readable(req)
            _ = try await KBEntries(db: req.db, services: req.services).acknowledge(id, by: try req.requireStaff())
        }
    }

    struct UploadForm: Content { var file: File? }

    @Sendable func attach(req: Request) async throws -> Response {
        let id = try KBAPIController.entryID(req)
        return try await refusing(req, id: id, form: nil) {
            guard let file = try req.content.decode(UploadForm.self).file else { throw DomainError.validation(fields: ["file": "error.field.required"]) }
            let type = file.contentType.map { "\($0.type)/\($0.subType)" } ?? "application/octet-stream"
            _ = try await KBEntries(db: req.db, services: req.services).attach(
                id, filename: file.filename, contentType: type, data: Data(file.data.readableBytesView), by: try req.requireStaff())
        }
    }

    func perform(_ action: KBAction, req: Request) async throws -> Response {
        let id = try KBAPIController.entryID(req)
        return try await refusing(req, id: id, form: nil) {
            let body = try req.content.decode(KBActionRequest.self)
            _ = try await KBEntries(db: req.db, services: req.services).perform(action, on: id, by: try req.requireStaff(), expectedVersion: body.version)
        }
    }

    /// Runs a step and goes back to the entry page; a refusal shows the page again with the reason.
    private func refusing(_ req: Request, id: UUID, form: [String: String]?, _ step: () async throws -> Void) async throws -> Response {
        do {
            try await step()
            return req.redirect(to: "/kb/\(id)")
        } catch let error where error is DomainError || error is Failure || error is DecodingError {
            let (message, status) = req.refusal(error)
            let record = try await KBAPIController.readable(req)
            let response = try await req.view.render("kb/show", try await KBPages.entryPage(record, req: req, flashError: message, form: form))
                .encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func recordUse(req: Request) async throws -> Response {
        let caseID = try CasesAPIController.caseID(req)
        do {
            let input = try req.content.decode(KBUseRequest.self)
            guard let entryID = input.entryID else { throw DomainError.validation(fields: ["entry_id": "error.field.required"]) }
            _ = try await KBEntries(db: req.db, services: req.services).recordUse(caseID: caseID, entryID: entryID, by: try req.requireStaff())
            return req.redirect(to: "/cases/\(caseID)#kb-search")
        } catch let error where error is DomainError || error is Failure || error is DecodingError {
            let (message, status) = req.refusal(error)
            let record = try await CasesAPIController.readable(req)
            let response = try await CasePageBuilder(req: req).render(record, flashError: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    // MARK: Phrases

    struct PhrasesPage: Encodable {
        struct Group: Encodable { let label: String; let key: String; let phrases: [Item] }
        struct Item: Encodable { let key: String; let text: String; let rendered: String; let active: Bool; let isDefault: Bool; let version: Int }
        let shell: PageShell
        let organization: String
        let groups: [Group]
        let categories: [SelectOption]
        let canEdit: Bool
    }

    @Sendable func phrases(req: Request) async throws -> View { try await renderPhrases(req, error: nil) }

    private func renderPhrases(_ req: Request, error: String?) async throws -> View {
        let canEdit = req.staff?.has(.kbEdit) == true
        let library = PhraseLibrary(db: req.db, services: req.services)
        let all = try await library.all(includeRetired: canEdit)
        let groups = PhraseCategory.allCases.map { category in
            PhrasesPage.Group(label: req.t("phrase.category.\(category.rawValue)"), key: category.rawValue, phrases: all.filter { $0.category == category }.map {
                PhrasesPage.Item(key: $0.key, text: $0.text, rendered: $0.rendered(organization: library.organization), active: $0.active,
                                 isDefault: $0.isDefault, version: $0.version)
            })
        }
        return try await req.view.render("kb/phrases", PhrasesPage(
            shell: PageShell(req, title: req.t("phrase.title"), flashError: error), organization: library.organization, groups: groups,
            categories: PhraseCategory.allCases.map { SelectOption(value: $0.rawValue, label: req.t("phrase.category.\($0.rawValue)")) },
            canEdit: canEdit))
    }

    struct PhraseForm: Content {
        var category: String?, text: String?, active: String?, version: Int?, retire: String?
    }

    @Sendable func addPhrase(req: Request) async throws -> Response {
        try await refusingPhrase(req) { form in
            let category = form.category.flatMap(PhraseCategory.init(rawValue:))
            _ = try await PhraseLibrary(db: req.db, services: req.services).create(.init(category: category, text: form.text), by: try req.requireStaff())
        }
    }

    @Sendable func editPhrase(req: Request) async throws -> Response {
        let key = try req.textParameter("key")
        return try await refusingPhrase(req) { form in
            let input = PhraseLibrary.Input(text: form.text?.nilIfBlank, active: form.retire == nil ? true : false, version: form.version)
            _ = try await PhraseLibrary(db: req.db, services: req.services).update(key, input, by: try req.requireStaff())
        }
    }

    private func refusingPhrase(_ req: Request, _ step: (PhraseForm) async throws -> Void) async throws -> Response {
        do {
            try await step(try req.content.decode(PhraseForm.self))
            return req.redirect(to: "/kb/phrases")
        } catch let error where error is DomainError || error is Failure || error is DecodingError {
            let (message, status) = req.refusal(error)
            let response = try await renderPhrases(req, error: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }
}
