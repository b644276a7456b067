import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Purchase requests (辦公用品采購申請表, FDS-07): the desk asks for an item, quantity and reason; the
/// administrative head reviews, company leadership approves (two steps); the desk then receives the goods
/// into stock.
struct SupplyPurchases {
    let db: any Database
    let services: AppServices
    static let subject = "supply_purchase"

    enum State: String { case pending, approved, rejected, withdrawn, received }

    func request(itemID: UUID?, quantity: Int?, reason: String?, by staff: StaffUser) async throws -> SupplyPurchaseRecord {
        var form = FormFields()
        let reason = form.required(reason, "reason", limit: 500)
        if itemID == nil { form.errors["item_id"] = "error.field.required" }
        if (quantity ?? 0) < 1 { form.errors["quantity"] = "error.field.positive" } else if !InputLimits.acceptsQuantity(quantity) { form.errors["quantity"] = "error.field.out_of_range" }
        try form.check()
        guard let itemID, let quantity, let item = try await SupplyItemRecord.find(itemID, on: db) else {
            throw DomainError.validation(fields: ["item_id": "error.field.unknown"])
        }
        let items = SupplyItems(db: db, services: services)
        let admin = try await items.adminDepartmentID()
        let record = SupplyPurchaseRecord()
        record.itemID = itemID; record.itemName = item.name; record.specification = item.specification; record.quantity = quantity
        record.reason = reason; record.state = State.pending.rawValue; record.requestedBy = staff.id; record.requesterName = staff.displayName
        record.createdAt = services.now(); record.version = 1
        return try await db.transaction { db in
            try await record.create(on: db)
            let approval = try await ApprovalEngine(db: db, services: services).start(
                chain: SupplyChains.purchase(services.rulebook.supplies, adminDepartmentID: admin), subjectType: Self.subject,
                subjectID: record.id!, requestedBy: staff.id, requesterName: staff.username)
            record.approvalID = approval.id
            try await record.save(on: db)
            try await items.audit(record.id!, staff, "supply.purchase_requested", "\(item.name) × \(quantity): \(reason)", subject: Self.subject,
                                  ruleKey: "supplies.purchase_approver", db: db)
            return record
        }
    }

    /// The approved goods arrive: stock goes up by what was received (default the quantity asked for).
    func receive(_ id: UUID, quantity: Int?, by staff: StaffUser) async throws -> SupplyPurchaseRecord {
        guard let record = try await SupplyPurchaseRecord.find(id, on: db) else { throw DomainError.notFound(subject: Self.subject) }
        let received = quantity ?? record.quantity
        guard received >= 1 else { throw DomainError.validation(fields: ["quantity": "error.field.positive"]) }
        guard InputLimits.quantity.contains(received) else { throw DomainError.validation(fields: ["quantity": "error.field.out_of_range"]) }
        guard record.state == State.approved.rawValue else { throw DomainError.conflict(reason: "error.supply.not_approved") }
        let items = SupplyItems(db: db, services: services)
        return try await db.transaction { db in
            guard try await VersionGuard.transition(db, table: SupplyPurchaseRecord.schema, id: id, from: State.approved.rawValue, to: State.received.rawValue) else {
                throw DomainError.conflict(reason: "error.supply.not_approved")
            }
            guard let stock = try await SupplyStock.add(db, itemID: record.itemID, quantity: received) else { throw DomainError.notFound(subject: SupplyItems.subject) }
            record.state = State.received.rawValue; record.version += 1
            record.receivedQuantity = received; record.receivedAt = services.now(); record.receivedByName = staff.displayName
            try await record.save(on: db)
            try await items.audit(id, staff, "supply.received", "\(record.itemName) + \(received) → \(stock)", subject: Self.subject, db: db)
            try await items.checkLow(record.itemID, db: db)
            return record
        }
    }

    func page(state: State?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<SupplyPurchaseRecord> {
        var query = SupplyPurchaseRecord.query(on: db)
        if let state { query = query.filter(\.$state == state.rawValue) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$createdAt < date).group(.and) { $0.filter(\.$createdAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.createdAt), id: $0.id!).encoded } : nil)
    }
}
