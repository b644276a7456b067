import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Requisitions (領用申請, FDS-02..04): anyone files one for an item and quantity; it waits for the
/// administrative head (FDS-03); once approved the desk issues it from stock against the collector's
/// signature (FDS-04). Asking for more than is in stock is a conflict with the current stock (409), at
/// filing and again at issue, where the conditional stock UPDATE makes the last unit go to one issue only.
struct SupplyRequisitions {
    let db: any Database
    let services: AppServices
    static let subject = "supply_requisition"

    enum State: String { case pending, approved, rejected, withdrawn, issued }

    func file(itemID: UUID?, quantity: Int?, reason: String?, by staff: StaffUser) async throws -> SupplyRequisitionRecord {
        var form = FormFields()
        let reason = form.optional(reason, "reason", limit: 500)
        if itemID == nil { form.errors["item_id"] = "error.field.required" }
        if (quantity ?? 0) < 1 { form.errors["quantity"] = "error.field.positive" } else if !InputLimits.acceptsQuantity(quantity) { form.errors["quantity"] = "error.field.out_of_range" }
        try form.check()
        let items = SupplyItems(db: db, services: services)
        guard let itemID, let quantity, let item = try await SupplyItemRecord.find(itemID, on: db), item.active else {
            throw DomainError.validation(fields: ["item_id": "error.field.unknown"])
        }
        guard quantity <= item.stock else { throw DomainError.conflict(reason: "error.supply.insufficient_stock") }
        let admin = try await items.adminDepartmentID()
        let record = SupplyRequisitionRecord()
        record.itemID = itemID; record.itemName = item.name; record.specification = item.specification; record.quantity = quantity
        record.reason = reason; record.state = State.pending.rawValue; record.requestedBy = staff.id; record.requesterName = staff.displayName
        record.departmentID = staff.departmentID; record.createdAt = services.now(); record.version = 1
        return try await db.transaction { db in
            try await record.create(on: db)
            let approval = try await ApprovalEngine(db: db, services: services).start(
                chain: SupplyChains.requisition(services.rulebook.supplies, adminDepartmentID: admin), subjectType: Self.subject,
                subjectID: record.id!, requestedBy: staff.id, requesterName: staff.username)
            record.approvalID = approval.id
            try await record.save(on: db)
            try await items.audit(record.id!, staff, "supply.requisition_filed", "\(item.name) × \(quantity)", subject: Self.subject,
                                  ruleKey: "supplies.requisition_approver", db: db)
            return record
        }
    }

    /// FDS-04: the desk issues an approved requisition; the collector signs (name, and a drawn signature when given).
    func issue(_ id: UUID, collectorName: String?, signature: String?, by staff: StaffUser) async throws -> SupplyRequisitionRecord {
        var form = FormFields()
        let collector = form.required(collectorName, "collector_name", limit: 100)
        let drawn = form.signature(signature, "signature")
        try form.check()
        let record = try await find(id, for: staff)
        guard record.state == State.approved.rawValue else { throw DomainError.conflict(reason: "error.supply.not_approved") }
        let items = SupplyItems(db: db, services: services)
        return try await db.transaction { db in
            guard try await VersionGuard.transition(db, table: SupplyRequisitionRecord.schema, id: id, from: State.approved.rawValue, to: State.issued.rawValue) else {
                throw DomainError.conflict(reason: "error.supply.not_approved")
            }
            // Never below zero: short stock refuses the issue and the transaction undoes the state change.
            guard let left = try await SupplyStock.take(db, itemID: record.itemID, quantity: record.quantity) else {
                throw DomainError.conflict(reason: "error.supply.insufficient_stock")
            }
            record.state = State.issued.rawValue; record.version += 1; record.issuedAt = services.now(); record.issuedByName = staff.displayName; record.issuedBy = staff.id
            record.collectorName = collector; record.collectorSignature = drawn
            try await record.save(on: db)
            try await items.audit(id, staff, "supply.issued", "\(record.itemName) × \(record.quantity) to \(collector); stock left \(left)", subject: Self.subject, db: db)
            try await items.checkLow(record.itemID, db: db)
            return record
        }
    }

    /// The requester, the desk and the approvers (FDS-03: they judge by stock and need) read a requisition.
    func find(_ id: UUID, for staff: StaffUser) async throws -> SupplyRequisitionRecord {
        guard let record = try await SupplyRequisitionRecord.find(id, on: db),
              record.requestedBy == staff.id || staff.has(.frontDeskWork) || staff.roles.contains(services.rulebook.supplies.requisitionApprover)
        else { throw DomainError.notFound(subject: Self.subject) }
        return record
    }

    /// Newest first; `requesterID` limits to one person's requisitions.
    func page(state: State?, requesterID: UUID?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<SupplyRequisitionRecord> {
        var query = SupplyRequisitionRecord.query(on: db)
        if let state { query = query.filter(\.$state == state.rawValue) }
        if let requesterID { query = query.filter(\.$requestedBy == requesterID) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$createdAt < date).group(.and) { $0.filter(\.$createdAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.createdAt), id: $0.id!).encoded } : nil)
    }
}
