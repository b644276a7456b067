import Fluent
import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/customers`: find a customer by the last digits of the phone or by name, register a new one, and
/// `/customers/:id` the customer's file. Numbers and addresses are masked for roles without PII access.
struct CustomersWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "customers", access: .permission(.customersRead), summary: "Customers page", use: index)
        routes.on(.POST, "customers", access: .permission(.customersManage), summary: "Register a customer (form)", use: create)
        routes.on(.GET, "customers", ":id", access: .permission(.customersRead), summary: "Customer file", use: show)
        routes.on(.POST, "customers", ":id", "products", access: .permission(.customersManage), summary: "Add a product (form)", use: addProduct)
        routes.on(.POST, "customers", ":id", "notes", access: .permission(.customersManage), summary: "Add a note (form)", use: addNote)
        routes.on(.POST, "customers", ":id", "phones", access: .permission(.customersManage), summary: "Add a phone number (form)", use: addPhone)
    }

    struct CustomersPage: Encodable {
        let shell: PageShell
        let query: String
        let customers: [CustomerResponse]
        /// SEC-02: bulk export needs `customers.export` (and is logged).
        let canExport: Bool
        let canRegister: Bool
        let form: [String: String]
        let member: Bool
        let errors: [String: String]
    }

    struct CustomerForm: Content {
        let name: String?
        let phone: String?
        let address: String?
        let region: String?
        let isMember: String?

        enum CodingKeys: String, CodingKey {
            case name, phone, address, region
            case isMember = "is_member"
        }
    }

    @Sendable func index(req: Request) async throws -> View {
        try await render(req, form: nil, errors: [:])
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(CustomerForm.self)
        do {
            let customer = try await RegisterCustomer(db: req.db, services: req.services).run(
                .init(name: form.name ?? "", phone: form.phone ?? "", address: form.address, region: form.region,
                      isMember: form.isMember == "on" || form.isMember == "true", tier: nil), by: try req.requireStaff())
            return req.redirect(to: "/customers/\(customer.id!)?flash=flash.customer_registered")
        } catch let error as DomainError {
            let errors: [String: String]
            switch error {
            case .validation(let fields): errors = fields.mapValues { req.t($0) }
            case .conflict(let reason): errors = ["phone": req.t(reason)]
            default: throw error
            }
            let response = try await render(req, form: form, errors: errors).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
    }

    private func render(_ req: Request, form: CustomerForm?, errors: [String: String]) async throws -> View {
        let staff = try req.requireStaff()
        let query = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let repository = CustomerRepository(db: req.db)
        var found: [CustomerRecord] = []
        if let suffix = PhoneNumber.suffixQuery(query) {
            found = try await repository.search(phoneSuffix: suffix, limit: 50)
        } else if query.count <= 64 {
            found = try await repository.list(nameContaining: query, after: nil, limit: 50).items
        }
        let open = try await CustomerPrivacy(db: req.db, staff: staff, services: req.services).unmasked(found)
        let page = CustomersPage(
            shell: PageShell(req, title: req.t("customers.title"), flashError: errors.isEmpty ? nil : req.t("error.validation_failed")),
            query: query, customers: found.map { CustomerResponse($0, unmasked: open.contains($0.id!)) },
            canExport: staff.has(.customersExport),
            canRegister: staff.has(.customersManage),
            form: ["name": form?.name ?? "", "phone": form?.phone ?? "", "address": form?.address ?? "", "region": form?.region ?? ""],
            member: form?.isMember == "on", errors: errors)
        return try await req.view.render("customers/index", page)
    }

    struct CustomerPage: Encodable {
        let shell: PageShell
        let customer: CustomerResponse
        let tier: String?
        let registeredAt: String
        let phones: [String]
        let products: [CustomerFileAPI.ProductResponse]
        let notes: [Note]
        let cases: [CaseRow]
        let moreCases: Bool
        let canEdit: Bool
        let canOpenCase: Bool
        /// SEC-03: who read this customer's full record (auditors and administrators).
        let canSeeReads: Bool
        let reads: [Read]
    }

    struct Read: Encodable { let who: String; let via: String; let at: String }

    struct Note: Encodable { let body: String; let author: String; let at: String }

    @Sendable func show(req: Request) async throws -> View { try await renderFile(req, flashError: nil) }

    private func renderFile(_ req: Request, flashError: String?) async throws -> View {
        guard let id = req.parameters.get("id", as: UUID.self), let record = try await CustomerRepository(db: req.db).find(id) else {
            throw DomainError.notFound(subject: "customer")
        }
        let staff = try req.requireStaff()
        let detail = try await CustomerFileAPI.detail(record, req: req, via: "page.customer")
        let customer = detail.customer
        let repository = CustomerRepository(db: req.db)
        let reads = staff.has(.auditRead) ? try await CustomerPrivacy.reads(of: id, db: req.db, after: nil, limit: 20).items : []
        let cases = try await CustomerFileAPI.cases(of: id, req: req, limit: 50)
        return try await req.view.render("customers/show", CustomerPage(
            shell: PageShell(req, title: customer.name, flashError: flashError), customer: customer,
            tier: record.tier.map { req.t("customer.tier.\($0)") }, registeredAt: DisplayTime.format(record.createdAt, req),
            phones: detail.phones,
            products: try await repository.products(customerID: id).map(CustomerFileAPI.ProductResponse.init),
            notes: try await repository.notes(customerID: id).map { Note(body: $0.body, author: $0.authorName, at: DisplayTime.format($0.createdAt, req)) },
            cases: try await CaseRow.rows(cases.items, req: req), moreCases: cases.nextCursor != nil,
            canEdit: staff.has(.customersManage), canOpenCase: staff.has(.casesCreate), canSeeReads: staff.has(.auditRead),
            reads: reads.map { Read(who: $0.userName, via: req.t("customer.read_via.\($0.via)"), at: DisplayTime.format($0.at, req)) }))
    }

    struct ProductForm: Content {
        let model: String?, specification: String?, purchasedOn: String?, purchasePlace: String?, body: String?, phone: String?

        enum CodingKeys: String, CodingKey {
            case model, specification, body, phone
            case purchasedOn = "purchased_on", purchasePlace = "purchase_place"
        }
    }

    @Sendable func addProduct(req: Request) async throws -> Response {
        let form = try req.content.decode(ProductForm.self)
        return try await fileAction(req, done: "flash.customer_product_added") { id, staff in
            _ = try await CustomerFile(db: req.db, services: req.services).addProduct(
                .init(model: form.model ?? "", specification: form.specification, purchasedOn: form.purchasedOn, purchasePlace: form.purchasePlace),
                to: id, by: staff)
        }
    }

    @Sendable func addNote(req: Request) async throws -> Response {
        let form = try req.content.decode(ProductForm.self)
        return try await fileAction(req, done: "flash.customer_note_added") { id, staff in
            _ = try await CustomerFile(db: req.db, services: req.services).addNote(form.body ?? "", to: id, by: staff)
        }
    }

    @Sendable func addPhone(req: Request) async throws -> Response {
        let form = try req.content.decode(ProductForm.self)
        return try await fileAction(req, done: "flash.customer_phone_added") { id, staff in
            _ = try await CustomerFile(db: req.db, services: req.services).addPhone(form.phone ?? "", to: id, by: staff)
        }
    }

    private func fileAction(_ req: Request, done: String, _ body: (UUID, StaffUser) async throws -> Void) async throws -> Response {
        let id = try CustomerFileAPI.customerID(req)
        do {
            try await body(id, try req.requireStaff())
            return req.redirect(to: "/customers/\(id)?flash=\(done)")
        } catch let error as DomainError {
            let (message, status) = req.refusal(error)
            let response = try await renderFile(req, flashError: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }
}
