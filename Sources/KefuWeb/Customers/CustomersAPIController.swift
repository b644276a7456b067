import Fluent
import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `POST /api/v1/customers`, `GET /api/v1/customers?q=`, `GET /api/v1/customers/{id}` (API.md "Customers").
/// Phone numbers and addresses are masked for callers without `customer.pii.read`.
struct CustomersAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let customers = routes.grouped("api", "v1", "customers")
        customers.on(.POST, access: .permission(.customersManage), summary: "Register a customer", request: CreateCustomerRequest.self, response: CustomerResponse.self, status: .created, use: create)
        customers.on(.GET, access: .permission(.customersRead), summary: "Find customers by phone suffix or name", use: list)
        customers.on(.GET, ":id", access: .permission(.customersRead), summary: "One customer with products, notes and cases", response: CustomerWithFile.self, use: show)
        CustomerFileAPI().boot(customers)
    }

    struct CreateCustomerRequest: Content {
        let name: String
        let phone: String
        let address: String?
        let region: String?
        let isMember: Bool?
        let tier: String?

        enum CodingKeys: String, CodingKey {
            case name, phone, address, region, tier
            case isMember = "is_member"
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(CreateCustomerRequest.self)
        let staff = try req.requireStaff()
        let customer = try await RegisterCustomer(db: req.db, services: req.services).run(
            .init(name: input.name, phone: input.phone, address: input.address, region: input.region,
                  isMember: input.isMember ?? false, tier: input.tier), by: staff)
        return try await CustomerResponse(customer, unmasked: staff.has(.customerPIIRead)).encodeResponse(status: .created, for: req)
    }

    /// `q` of 4–11 digits is a phone suffix ("the last four digits"); anything else searches names.
    @Sendable func list(req: Request) async throws -> ListResponse<CustomerResponse> {
        let (cursor, limit) = try req.pagination()
        let staff = try req.requireStaff()
        let repository = CustomerRepository(db: req.db)
        let query = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces)
        if let query, let suffix = PhoneNumber.suffixQuery(query) {
            let found = try await repository.search(phoneSuffix: suffix, limit: limit)
            let open = try await CustomerPrivacy(db: req.db, staff: staff, services: req.services).unmasked(found)
            return ListResponse(items: found.map { CustomerResponse($0, unmasked: open.contains($0.id!)) })
        }
        if let query, query.count > 64 { throw DomainError.validation(fields: ["q": "error.field.too_long"]) }
        let page = try await repository.list(nameContaining: query, after: cursor, limit: limit)
        let open = try await CustomerPrivacy(db: req.db, staff: staff, services: req.services).unmasked(page.items)
        return ListResponse(page.map { CustomerResponse($0, unmasked: open.contains($0.id!)) })
    }

    /// The customer's fields at the top level (as before), with its file under `products`, `notes`, `cases`.
    @Sendable func show(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let customer = try await CustomerRepository(db: req.db).find(id) else {
            throw DomainError.notFound(subject: "customer")
        }
        let detail = try await CustomerFileAPI.detail(customer, req: req, via: "api.customer")
        return try await CustomerWithFile(detail).encodeResponse(for: req)
    }
}

/// API.md: `GET /customers/{id}` "(with cases)" — the customer's own fields plus its file.
struct CustomerWithFile: Content {
    let detail: CustomerFileAPI.DetailResponse

    init(_ detail: CustomerFileAPI.DetailResponse) { self.detail = detail }

    /// The mirror of `encode(to:)` (the customer's fields flat, then the file), so the OpenAPI schema derived
    /// from it describes the answer.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        detail = .init(customer: try CustomerResponse(from: decoder), phones: try container.decode([String].self, forKey: .phones),
                       products: try container.decode([CustomerFileAPI.ProductResponse].self, forKey: .products),
                       notes: try container.decode([CustomerFileAPI.NoteResponse].self, forKey: .notes),
                       cases: try container.decode([CustomerFileAPI.CaseSummary].self, forKey: .cases))
    }

    enum Keys: String, CodingKey { case phones, products, notes, cases }

    func encode(to encoder: any Encoder) throws {
        try detail.customer.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(detail.phones, forKey: .phones)
        try container.encode(detail.products, forKey: .products)
        try container.encode(detail.notes, forKey: .notes)
        try container.encode(detail.cases, forKey: .cases)
    }
}

struct CustomerResponse: Content {
    let id: UUID
    let name: String
    let phone: String
    let address: String?
    let region: String?
    let isMember: Bool
    let tier: String?
    let version: Int
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, phone, address, region, tier, version
        case isMember = "is_member", createdAt = "created_at"
    }

    /// Without PII access the number is masked (138****5678) and the address cut to its first 6 characters.
    init(_ record: CustomerRecord, unmasked: Bool) {
        id = record.id!
        name = record.name
        let number = PhoneNumber(record.phone)
        phone = unmasked ? (number?.formatted ?? record.phone) : (number?.masked ?? "****")
        address = unmasked ? record.address : record.address.map { String($0.prefix(6)) + "****" }
        region = record.region
        isMember = record.isMember
        tier = record.tier
        version = record.version
        createdAt = record.createdAt
    }
}
