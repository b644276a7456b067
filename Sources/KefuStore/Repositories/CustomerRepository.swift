import FluentKit
import SQLKit
import Foundation
import KefuDomain

/// Customers: insert with their phone keys, find by id or number, search by phone suffix or name.
public struct CustomerRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Inserts the customer and the suffix keys of its number in one transaction.
    public func insert(_ customer: CustomerRecord, phoneKeys: [String]) async throws {
        try await db.transaction { db in
            try await customer.create(on: db)
            try await phoneKeys.map { CustomerPhoneKeyRecord(customerID: customer.id!, key: $0, at: customer.createdAt) }.create(on: db)
        }
    }

    public func find(_ id: UUID) async throws -> CustomerRecord? { try await CustomerRecord.find(id, on: db) }

    /// Customers of a page (at most 200 ids).
    public func find(ids: [UUID]) async throws -> [CustomerRecord] {
        guard !ids.isEmpty else { return [] }
        let list = SQLList(Array(Set(ids).prefix(200)).map { SQLBind($0) })
        return try await db.sqlKit.listed(CustomerRecord.self, "SELECT \(unsafeRaw: CustomerRecord.selectList("c")) FROM customers c WHERE c.id IN (\(list))")
    }

    /// The customer already registered with exactly this number (duplicate detection).
    public func find(phone digits: String) async throws -> CustomerRecord? {
        if let customer = try await CustomerRecord.query(on: db).filter(\.$phone == digits).first() { return customer }
        guard let extra = try await CustomerPhoneRecord.query(on: db).filter(\.$phone == digits).first() else { return nil }
        return try await find(extra.customerID)
    }

    /// A further number for the customer, with its suffix keys (the caller checked it is unused).
    public func addPhone(_ phone: CustomerPhoneRecord, phoneKeys: [String]) async throws {
        try await phone.create(on: db)
        try await phoneKeys.map { CustomerPhoneKeyRecord(customerID: phone.customerID, key: $0, at: phone.createdAt) }.create(on: db)
    }

    public func phones(customerID: UUID) async throws -> [CustomerPhoneRecord] {
        try await CustomerPhoneRecord.query(on: db).filter(\.$customerID == customerID).sort(\.$createdAt).limit(20).all()
    }

    /// Customers whose number ends with `suffix` (4–11 digits): the index finds the last ≤ 8 digits,
    /// longer suffixes are then checked on the full number. At most `limit` rows.
    public func search(phoneSuffix suffix: String, limit: Int) async throws -> [CustomerRecord] {
        let key = String(suffix.suffix(8))
        let ids = try await CustomerPhoneKeyRecord.query(on: db).filter(\.$key == key).limit(limit * 2).all().map(\.customerID)
        guard !ids.isEmpty else { return [] }
        let extra = try await CustomerPhoneRecord.query(on: db).filter(\.$customerID ~~ ids).all()
        let numbers = Dictionary(grouping: extra, by: \.customerID)
        return try await CustomerRecord.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all()
            .filter { customer in
                customer.phone.hasSuffix(suffix) || (numbers[customer.id!] ?? []).contains { $0.phone.hasSuffix(suffix) }
            }.prefix(limit).map { $0 }
    }

    /// Customers by name (contains), keyset-paginated by (name, id).
    public func list(nameContaining text: String?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<CustomerRecord> {
        var query = CustomerRecord.query(on: db)
        if let text, !text.isEmpty { query = query.filter(\.$name ~~ text) }
        if let cursor {
            query = query.group(.or) { group in
                group.filter(\.$name > cursor.key).group(.and) { $0.filter(\.$name == cursor.key).filter(\.$id > cursor.id) }
            }
        }
        let rows = try await query.sort(\.$name).sort(\.$id).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: $0.name, id: $0.id!).encoded } : nil)
    }

    // MARK: The customer file: products and notes (bounded lists, newest first)

    public func addProduct(_ product: CustomerProductRecord) async throws { try await product.create(on: db) }

    public func products(customerID: UUID) async throws -> [CustomerProductRecord] {
        try await CustomerProductRecord.query(on: db).filter(\.$customerID == customerID).sort(\.$createdAt, .descending).limit(100).all()
    }

    public func addNote(_ note: CustomerNoteRecord) async throws { try await note.create(on: db) }

    public func notes(customerID: UUID) async throws -> [CustomerNoteRecord] {
        try await CustomerNoteRecord.query(on: db).filter(\.$customerID == customerID).sort(\.$createdAt, .descending).limit(100).all()
    }

    /// Who looked at a customer in full, newest first (SEC-03: every full read is logged).
    public func reads(customerID: UUID, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<CustomerReadRecord> {
        try await CustomerReadRecord.query(on: db).filter(\.$customerID == customerID).keysetPage(by: \.$at, after: cursor, limit: limit)
    }

    /// SEC-03: one full read of a customer's details, logged.
    public func logRead(_ row: CustomerReadRecord) async throws { try await row.create(on: db) }
}
