import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The service forms of the case page, the printable voucher (服务凭证, print CSS) and the dispatch
/// queue for the department manager (SRV-03, SRV-10 priority first).
struct ServiceWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "cases", ":id", "service", access: .permission(.casesRead), summary: "Register a service job (form)", use: register)
        for action in ["dispatch", "start", "voucher", "countersign", "costs", "file"] {
            routes.on(.POST, "cases", ":id", "service", .constant(action), access: .authenticated, summary: "Service step: \(action) (form)") { req in
                try await perform(action, req: req)
            }
        }
        routes.on(.GET, "cases", ":id", "service", "voucher", access: .authenticated, summary: "Printable service voucher", use: voucher)
        routes.on(.GET, "service", "dispatch", access: .authenticated, summary: "Dispatch queue", use: queue)
    }

    struct Form: Content {
        var category: String?, productModel: String?, specification: String?, purchaseDate: String?, purchasePlace: String?
        var address: String?, offsite: String?, version: Int?, assigneeID: String?, serviceStart: String?, serviceEnd: String?
        var content: String?, signaturePNG: String?, signedOnPaperBy: String?, fee: String?, kind: String?, amount: String?, note: String?

        enum CodingKeys: String, CodingKey {
            case category, specification, address, offsite, version, content, fee, kind, amount, note
            case productModel = "product_model", purchaseDate = "purchase_date", purchasePlace = "purchase_place"
            case assigneeID = "assignee_id", serviceStart = "service_start", serviceEnd = "service_end"
            case signaturePNG = "signature_png", signedOnPaperBy = "signed_on_paper_by"
        }
    }

    @Sendable func register(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        return try await respond(req, done: "register") { staff in
            let record = try await CasesAPIController.readable(req)
            guard CaseAccess.canAct(try await CaseScope.of(staff, db: req.db).viewer, record.parties) else {
                throw DomainError.forbidden(reason: "error.case.not_yours")
            }
            guard let category = ServiceCategory(rawValue: form.category ?? "") else {
                throw DomainError.validation(fields: ["category": "error.field.choice"])
            }
            let order = ServiceOrder(category: category, productModel: form.productModel ?? "", specification: form.specification,
                                     purchaseDate: form.purchaseDate, purchasePlace: form.purchasePlace, address: form.address,
                                     offsite: form.offsite != nil)
            _ = try await ServiceJobs(db: req.db, services: req.services).register(caseRecord: record, order: order, by: staff)
        }
    }

    @Sendable func perform(_ action: String, req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let calendar = req.services.rulebook.calendar
        func money(_ text: String?, _ field: String) throws -> Decimal? {
            guard let text = text?.nilIfBlank else { return nil }
            guard let value = Money.parse(text) else {
                throw DomainError.validation(fields: [field: "error.field.money"])
            }
            return value
        }
        func time(_ text: String?, _ field: String) throws -> Date? {
            guard let text = text?.nilIfBlank else { return nil }
            guard let value = LocalDateTimeField.parse(text, calendar: calendar) else {
                throw DomainError.validation(fields: [field: "error.field.invalid_value"])
            }
            return value
        }
        return try await respond(req, done: action) { staff in
            let body = ServiceActionRequest(
                version: form.version, assigneeID: form.assigneeID.flatMap(UUID.init(uuidString:)),
                serviceStart: try time(form.serviceStart, "service_start"),
                serviceEnd: try time(form.serviceEnd, "service_end"),
                content: form.content, signaturePNG: form.signaturePNG.map { $0.replacingOccurrences(of: "data:image/png;base64,", with: "") },
                signedOnPaperBy: form.signedOnPaperBy, fee: try money(form.fee, "fee").map(MoneyInput.init(value:)),
                kind: form.kind.flatMap(ServiceCost.Kind.init(rawValue:)), amount: try money(form.amount, "amount").map(MoneyInput.init(value:)),
                note: form.note, reason: nil)
            _ = try await ServiceStep(jobs: ServiceJobs(db: req.db, services: req.services))
                .run(action, caseID: try CasesAPIController.caseID(req), staff: staff, body: body)
        }
    }

    /// Runs a form action: back to the case page, or the page again with the reason.
    private func respond(_ req: Request, done: String, _ body: (StaffUser) async throws -> Void) async throws -> Response {
        let id = try CasesAPIController.caseID(req)
        do {
            try await body(try req.requireStaff())
            // Issue 21 §9: each service step says what it did.
            return req.redirect(to: "/cases/\(id)?flash=flash.service.\(done)#service")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            guard let record = try? await CasesAPIController.readable(req) else { throw error }
            let response = try await CasePageBuilder(req: req).render(record, flashError: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    struct VoucherPage: Encodable {
        let shell: PageShell
        let c: CaseRow
        let customer: CustomerResponse?
        let job: ServiceJobResponse
        let categoryLabel: String
        let assigneeName: String
        let start: String
        let end: String
        let signatureData: String?
        let countersignedBy: String
        let organization: String
        let settlementLabel: String
    }

    @Sendable func voucher(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let caseID = try CasesAPIController.caseID(req)
        let (record, job) = try await ServiceJobs(db: req.db, services: req.services).load(caseID: caseID, by: staff, db: req.db)
        guard let caseRecord = try await CaseRepository(db: req.db).find(caseID) else { throw DomainError.notFound(subject: "case") }
        let response = try ServiceJobResponse(record, for: staff, dispatcher: req.services.rulebook.service.dispatcher)
        let names = try await CasePeople.names(of: [job.assigneeID, job.voucher?.countersignedBy].compactMap { $0 }, db: req.db)
        var signature: String?
        if case .captured(let png)? = job.voucher?.signature { signature = "data:image/png;base64," + png.base64EncodedString() }
        return try await req.view.render("service/voucher", VoucherPage(
            shell: PageShell(req, title: req.t("service.voucher")), c: try await CaseRow.rows([caseRecord], req: req)[0],
            customer: try await CustomerRepository(db: req.db).find(caseRecord.customerID).map { CustomerResponse($0, unmasked: staff.has(.customerPIIRead)) },
            job: response, categoryLabel: req.t("service.category.\(response.category)"),
            assigneeName: job.assigneeID.flatMap { names[$0] } ?? "",
            start: job.voucher.map { DisplayTime.format($0.serviceStart, req) } ?? "", end: job.voucher.map { DisplayTime.format($0.serviceEnd, req) } ?? "",
            signatureData: signature, countersignedBy: job.voucher?.countersignedBy.flatMap { names[$0] } ?? "",
            organization: req.services.rulebook.organization.name,
            settlementLabel: response.fee.map { req.t("service.settlement.\($0.settlement)") } ?? ""))
    }

    struct QueuePage: Encodable {
        struct Line: Encodable { let caseID: UUID; let number: String; let subject: String; let product: String; let registeredOn: String; let priority: Bool; let offsite: Bool }
        let shell: PageShell
        let lines: [Line]
    }

    @Sendable func queue(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        guard staff.roles.contains(req.services.rulebook.service.dispatcher) || staff.has(.usersManage) else {
            throw DomainError.forbidden(reason: "service.dispatch_manager_only")
        }
        let jobs = try await ServiceJobRepository(db: req.db).dispatchQueue(limit: 200)
        let cases = Dictionary(try await CaseRepository(db: req.db).find(ids: jobs.map(\.caseID)).map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let lines = try jobs.map { record in
            let job = try record.toDomain()
            return QueuePage.Line(caseID: record.caseID, number: cases[record.caseID]?.number ?? "", subject: cases[record.caseID]?.subject ?? "",
                                  product: job.entry.productModel, registeredOn: record.registeredOn, priority: record.priorityDispatch,
                                  offsite: record.isOffsite)
        }
        return try await req.view.render("service/dispatch", QueuePage(shell: PageShell(req, title: req.t("service.dispatch_queue")), lines: lines))
    }
}
