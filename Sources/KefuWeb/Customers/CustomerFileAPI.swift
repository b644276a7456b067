import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `GET /api/v1/customers/{id}` with its file (products, notes, cases in the caller's scope) and
/// `POST …/products`, `POST …/notes`.
struct CustomerFileAPI {
    struct ProductRequest: Content {
        let model: String
        let specification: String?
        let purchasedOn: String?
        let purchasePlace: String?

        enum CodingKeys: String, CodingKey {
            case model, specification
            case purchasedOn = "purchased_on", purchasePlace = "purchase_place"
        }
    }

    struct NoteRequest: Content { let body: String }
    struct PhoneRequest: Content { let phone: String }

    struct ProductResponse: Content {
        let id: UUID, model: String, specification: String?, purchasedOn: String?, purchasePlace: String?

        enum CodingKeys: String, CodingKey {
            case id, model, specification
            case purchasedOn = "purchased_on", purchasePlace = "purchase_place"
        }

        init(_ r: CustomerProductRecord) { id = r.id!; model = r.model; specification = r.specification; purchasedOn = r.purchasedOn; purchasePlace = r.purchasePlace }
    }

    struct NoteResponse: Content {
        let id: UUID, body: String, authorName: String, createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, body
            case authorName = "author_name", createdAt = "created_at"
        }

        init(_ r: CustomerNoteRecord) { id = r.id!; body = r.body; authorName = r.authorName; createdAt = r.createdAt }
    }

    struct CaseSummary: Content {
        let id: UUID, number: String, type: String, status: String, subject: String, createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, number, type, status, subject
            case createdAt = "created_at"
        }
    }

    struct DetailResponse: Content {
        let customer: CustomerResponse
        /// Further numbers, masked like the main one.
        let phones: [String]
        let products: [ProductResponse]
        let notes: [NoteResponse]
        let cases: [CaseSummary]
    }

    func boot(_ customers: any RoutesBuilder) {
        customers.on(.POST, ":id", "products", access: .permission(.customersManage), summary: "Add a product the customer owns", request: ProductRequest.self, response: ProductResponse.self, status: .created, use: addProduct)
        customers.on(.POST, ":id", "notes", access: .permission(.customersManage), summary: "Add a note to the customer file", request: NoteRequest.self, response: NoteResponse.self, status: .created, use: addNote)
        customers.on(.POST, ":id", "phones", access: .permission(.customersManage), summary: "Add a further phone number", request: PhoneRequest.self, response: CustomerWithFile.self, status: .created, use: addPhone)
    }

    @Sendable func addProduct(req: Request) async throws -> Response {
        let body = try req.content.decode(ProductRequest.self)
        let record = try await CustomerFile(db: req.db, services: req.services).addProduct(
            .init(model: body.model, specification: body.specification, purchasedOn: body.purchasedOn, purchasePlace: body.purchasePlace),
            to: try Self.customerID(req), by: try req.requireStaff())
        return try await ProductResponse(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func addNote(req: Request) async throws -> Response {
        let body = try req.content.decode(NoteRequest.self)
        let note = try await CustomerFile(db: req.db, services: req.services).addNote(body.body, to: try Self.customerID(req), by: try req.requireStaff())
        return try await NoteResponse(note).encodeResponse(status: .created, for: req)
    }

    @Sendable func addPhone(req: Request) async throws -> Response {
        let body = try req.content.decode(PhoneRequest.self)
        let staff = try req.requireStaff()
        _ = try await CustomerFile(db: req.db, services: req.services).addPhone(body.phone, to: try Self.customerID(req), by: staff)
        guard let customer = try await CustomerRepository(db: req.db).find(try Self.customerID(req)) else { throw DomainError.notFound(subject: "customer") }
        return try await CustomerWithFile(try await Self.detail(customer, req: req, via: "api.customer")).encodeResponse(status: .created, for: req)
    }

    static func customerID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "customer") }
        return id
    }

    /// The customer's cases the caller may see, newest first.
    static func cases(of customerID: UUID, req: Request, limit: Int) async throws -> KeysetPage<CaseRecord> {
        let staff = try req.requireStaff()
        guard staff.has(.casesRead) else { return KeysetPage(items: [], nextCursor: nil) }
        var filter = CaseRepository.Filter()
        filter.customerID = customerID
        let scope = try await CaseScope.of(staff, db: req.db)
        return try await CaseRepository(db: req.db).list(scope: scope.repositoryScope, filter: filter, after: nil, limit: limit)
    }

    /// The customer's file; unmasked only within the reader's reach (SEC-01/02), and then the read is logged
    /// under `via` (SEC-03: the administrator lists who looked at a customer).
    static func detail(_ record: CustomerRecord, req: Request, via: String) async throws -> DetailResponse {
        let repository = CustomerRepository(db: req.db)
        let cases = try await cases(of: record.id!, req: req, limit: 50).items
        let privacy = CustomerPrivacy(db: req.db, staff: try req.requireStaff(), services: req.services)
        let unmasked = try await privacy.unmasked(record)
        if unmasked { try await privacy.logRead(record.id!, via: via) }
        return DetailResponse(
            customer: CustomerResponse(record, unmasked: unmasked),
            phones: try await repository.phones(customerID: record.id!).map { extra in
                let number = PhoneNumber(extra.phone)
                return unmasked ? (number?.formatted ?? extra.phone) : (number?.masked ?? "****")
            },
            products: try await repository.products(customerID: record.id!).map(ProductResponse.init),
            notes: try await repository.notes(customerID: record.id!).map(NoteResponse.init),
            cases: cases.map { CaseSummary(id: $0.id!, number: $0.number, type: $0.type, status: $0.status, subject: $0.subject, createdAt: $0.createdAt) })
    }
}
