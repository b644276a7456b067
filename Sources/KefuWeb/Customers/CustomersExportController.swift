import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// SEC-01..03: bulk export of the customer register as CSV (`customers.export`, the center's directors and
/// administrators), masked by the same rule as every page, and logged in the audit trail with its size.
/// `GET /api/v1/customers/{id}/reads` and the customer page list who read a customer's full record.
struct CustomersExportController: RouteCollection {
    /// The most rows one export carries; a larger register is exported by name ranges (`?q=`).
    static let maxRows = 100_000

    func boot(routes: any RoutesBuilder) throws {
        let export = Access.permission(.customersExport)
        routes.on(.GET, "api", "v1", "customers", "export.csv", access: export, summary: "Export customers as CSV (logged, SEC-02)", use: csv)
        routes.on(.GET, "customers", "export.csv", access: export, summary: "Export customers as CSV (web, logged)", use: csv)
        routes.on(.GET, "api", "v1", "customers", ":id", "reads", access: .permission(.auditRead),
                  summary: "Who read this customer's full record (SEC-03)", use: reads)
    }

    struct ReadResponse: Content {
        let userId: UUID, userName: String, via: String, at: Date
        enum CodingKeys: String, CodingKey { case via, at, userId = "user_id", userName = "user_name" }
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let text = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces)
        if let text, text.count > 64 { throw DomainError.validation(fields: ["q": "error.field.too_long"]) }
        let privacy = CustomerPrivacy(db: req.db, staff: staff, services: req.services)
        let repository = CustomerRepository(db: req.db)
        var out = "\u{FEFF}" + ["name", "phone", "address", "region", "member", "tier", "registered_at"].joined(separator: ",") + "\r\n"
        var cursor: Cursor?, count = 0
        repeat {
            let page = try await repository.list(nameContaining: text, after: cursor, limit: 200)
            let open = try await privacy.unmasked(page.items)
            for record in page.items where count < Self.maxRows {
                let shown = CustomerResponse(record, unmasked: open.contains(record.id!))
                out += [shown.name, shown.phone, shown.address ?? "", shown.region ?? "", shown.isMember ? "1" : "0", shown.tier ?? "",
                        ISO8601DateFormatter().string(from: shown.createdAt)].map(Self.field).joined(separator: ",") + "\r\n"
                count += 1
            }
            cursor = try Cursor.decode(page.nextCursor)
        } while cursor != nil && count < Self.maxRows
        try await AuditRepository(db: req.db).append(AuditEntry(
            at: req.services.now(), actorID: staff.id, actorName: staff.username, action: "customers.exported", subjectType: "user",
            subjectID: staff.id, summary: "\(count) customer(s) exported as CSV" + (text.map { " (filter \($0.count) chars)" } ?? ""),
            ruleKey: nil, rulebookVersion: req.services.rulebook.versionShort))
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"customers.csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: out))
    }

    @Sendable func reads(req: Request) async throws -> ListResponse<ReadResponse> {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "customer") }
        let (cursor, limit) = try req.pagination()
        let page = try await CustomerPrivacy.reads(of: id, db: req.db, after: cursor, limit: limit)
        return ListResponse(items: page.items.map { ReadResponse(userId: $0.userID, userName: $0.userName, via: $0.via, at: $0.at) },
                            nextCursor: page.nextCursor)
    }

    /// A CSV field, quoted when needed; a leading =, +, - or @ is neutralised so a spreadsheet does not run it.
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
