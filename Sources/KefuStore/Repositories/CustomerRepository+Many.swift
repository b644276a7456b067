import FluentKit
import Foundation
import SQLKit

/// Customers registered together when cases are opened together (group commit, issue 22).
extension CustomerRepository {
    /// The customers already registered with these exact numbers (main or further number), by number.
    public func find(phones digits: [String]) async throws -> [String: CustomerRecord] {
        let wanted = Array(Set(digits))
        guard !wanted.isEmpty else { return [:] }
        var found: [String: CustomerRecord] = [:]
        for customer in try await CustomerRecord.query(on: db).filter(\.$phone ~~ wanted).allListed() { found[customer.phone] = customer }
        let rest = wanted.filter { found[$0] == nil }
        guard !rest.isEmpty else { return found }
        let extras = try await CustomerPhoneRecord.query(on: db).filter(\.$phone ~~ rest).all()
        let owners = Dictionary(try await find(ids: extras.map(\.customerID)).map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        for extra in extras { if let owner = owners[extra.customerID] { found[extra.phone] = owner } }
        return found
    }

    /// New customers with their phone suffix keys, a statement per table.
    public func insert(_ customers: [(customer: CustomerRecord, phoneKeys: [String])]) async throws {
        guard !customers.isEmpty else { return }
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(CustomerRecord.schema) }
        try await sql.insertRows(
            into: CustomerRecord.schema,
            columns: ["id", "name", "phone", "address", "region", "is_member", "tier", "created_by", "created_at", "version"],
            rows: customers.map { entry in
                let c = entry.customer
                if c.id == nil { c.id = RowIDs.next(at: c.createdAt) }
                return [SQLBind(c.id!), SQLBind(c.name), SQLBind(c.phone), bindOrNull(c.address), bindOrNull(c.region), SQLBind(c.isMember),
                        bindOrNull(c.tier), SQLBind(c.createdBy), SQLBind(c.createdAt), SQLBind(c.version)]
            })
        try await sql.insertRows(
            into: CustomerPhoneKeyRecord.schema, columns: ["id", "customer_id", "phone_key"],
            rows: customers.flatMap { entry in
                entry.phoneKeys.map { [SQLBind(RowIDs.next(at: entry.customer.createdAt)), SQLBind(entry.customer.id!), SQLBind($0)] }
            })
    }
}
