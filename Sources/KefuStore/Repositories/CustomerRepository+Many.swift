import FluentKit
import Foundation
import SQLKit

/// Customers registered together when cases are opened together (group commit, issue 22).
extension CustomerRepository {
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

/// Lean reads for opening cases (issue 22): one statement in explicit columns, decoded by name without
/// Fluent's per-row reflection. The records are for reading — to change a customer, load it with `find`.
extension CustomerRepository {
    static let columns = "c.id, c.name, c.phone, c.address, c.region, c.is_member, c.tier, c.created_by, c.created_at, c.version"

    /// The customer `id`, or nil.
    public func customer(id: UUID) async throws -> CustomerRecord? {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(CustomerRecord.schema) }
        return try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM customers c WHERE c.id = \(bind: id)").first().map(Self.customer(from:))
    }

    /// The customers registered with these exact numbers — as their main or a further number — by number.
    public func customers(phones digits: [String]) async throws -> [String: CustomerRecord] {
        let wanted = Array(Set(digits))
        guard !wanted.isEmpty else { return [:] }
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(CustomerRecord.schema) }
        let list = SQLList(wanted.map { SQLBind($0) })
        let rows = try await sql.raw("""
            SELECT 0 AS further, c.phone AS matched, \(unsafeRaw: Self.columns) FROM customers c WHERE c.phone IN (\(list))
            UNION ALL
            SELECT 1 AS further, p.phone AS matched, \(unsafeRaw: Self.columns) FROM customer_phones p JOIN customers c ON c.id = p.customer_id
            WHERE p.phone IN (\(list))
            """).all()
        var found: [String: (further: Int, customer: CustomerRecord)] = [:]
        for row in rows {
            let matched = try row.decode(column: "matched", as: String.self), further = try row.decode(column: "further", as: Int.self)
            if let known = found[matched], known.further <= further { continue }  // a main number wins over a further one
            found[matched] = (further, try Self.customer(from: row))
        }
        return found.mapValues(\.customer)
    }

    static func customer(from row: any SQLRow) throws -> CustomerRecord {
        let customer = CustomerRecord(
            name: try row.decode(column: "name", as: String.self), phone: try row.decode(column: "phone", as: String.self),
            address: try row.decode(column: "address", as: String?.self), region: try row.decode(column: "region", as: String?.self),
            isMember: try row.decode(column: "is_member", as: Bool.self), tier: try row.decode(column: "tier", as: String?.self),
            createdBy: try row.decode(column: "created_by", as: UUID.self), createdAt: try row.decode(column: "created_at", as: Date.self))
        customer.id = try row.decode(column: "id", as: UUID.self)
        customer.version = try row.decode(column: "version", as: Int.self)
        customer.$id.exists = true
        return customer
    }
}
