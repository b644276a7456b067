import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Office-supply items and their stock (FDS-01/02): the desk keeps the catalogue (name, specification,
/// unit, minimum stock); stock changes only through issues, receipts and stocktakes, and an item falling
/// below its minimum raises one low-stock alert until it is restocked.
struct SupplyItems {
    let db: any Database
    let services: AppServices
    static let subject = "supply_item"

    struct Input: Sendable { var name: String?, specification: String?, unit: String?, category: String?, minimumStock: Int?, stock: Int? }

    func create(_ input: Input, by staff: StaffUser) async throws -> SupplyItemRecord {
        var form = FormFields()
        let record = SupplyItemRecord()
        record.name = form.required(input.name, "name", limit: 100)
        record.specification = form.optional(input.specification, "specification", limit: 100) ?? ""
        record.unit = form.required(input.unit, "unit", limit: 20)
        record.category = form.optional(input.category, "category", limit: 60)
        record.minimumStock = input.minimumStock ?? 0
        record.stock = input.stock ?? 0
        if record.minimumStock < 0 { form.errors["minimum_stock"] = "error.field.not_negative" }
        if record.stock < 0 { form.errors["stock"] = "error.field.not_negative" }
        try form.check()
        if try await SupplyItemRecord.query(on: db).filter(\.$name == record.name).filter(\.$specification == record.specification).first() != nil {
            throw DomainError.conflict(reason: "error.supply.duplicate")
        }
        let now = services.now()
        record.active = true; record.version = 1; record.createdAt = now
        return try await db.transaction { db in
            try await record.create(on: db)
            try await audit(record.id!, staff, "supply.item_created", "\(record.name) \(record.specification) stock \(record.stock) min \(record.minimumStock)", db: db)
            try await checkLow(record.id!, db: db)
            return record
        }
    }

    /// Catalogue details (not the stock): name, specification, unit, category, minimum; `version` guards it.
    func update(_ id: UUID, _ input: Input, active: Bool?, version: Int?, by staff: StaffUser) async throws -> SupplyItemRecord {
        guard let record = try await SupplyItemRecord.find(id, on: db) else { throw DomainError.notFound(subject: Self.subject) }
        var form = FormFields()
        if input.name != nil { record.name = form.required(input.name, "name", limit: 100) }
        if input.specification != nil { record.specification = form.optional(input.specification, "specification", limit: 100) ?? "" }
        if input.unit != nil { record.unit = form.required(input.unit, "unit", limit: 20) }
        if input.category != nil { record.category = form.optional(input.category, "category", limit: 60) }
        if let minimum = input.minimumStock { record.minimumStock = minimum; if minimum < 0 { form.errors["minimum_stock"] = "error.field.not_negative" } }
        if input.stock != nil { form.errors["stock"] = "error.supply.stock_by_movement" }
        if let active { record.active = active }
        try form.check()
        return try await db.transaction { db in
            try await VersionGuard.claim(db, table: SupplyItemRecord.schema, id: id, expected: version ?? record.version)
            record.version = (version ?? record.version) + 1
            try await record.save(on: db)
            try await audit(id, staff, "supply.item_updated", "\(record.name) \(record.specification) min \(record.minimumStock)", db: db)
            try await checkLow(id, db: db)
            return record
        }
    }

    func find(_ id: UUID) async throws -> SupplyItemRecord {
        guard let record = try await SupplyItemRecord.find(id, on: db) else { throw DomainError.notFound(subject: Self.subject) }
        return record
    }

    /// The catalogue by name (small: a front desk keeps tens of items), optionally only low ones.
    func list(lowOnly: Bool = false, activeOnly: Bool = true) async throws -> [SupplyItemRecord] {
        var query = SupplyItemRecord.query(on: db)
        if activeOnly { query = query.filter(\.$active == true) }
        let rows = try await query.sort(\.$name).sort(\.$specification).limit(1000).all()
        return lowOnly ? rows.filter(\.isLow) : rows
    }

    /// After any stock change: an item below its minimum alerts once (`low_since` set-if-null); one back at
    /// or above its minimum is re-armed.
    func checkLow(_ id: UUID, db: any Database) async throws {
        guard let item = try await SupplyItemRecord.find(id, on: db) else { return }
        let now = services.now()
        if item.isLow, item.active {
            guard try await VersionGuard.setIfNull(db, table: SupplyItemRecord.schema, column: "low_since", id: id, to: now) else { return }
            let notifier = Notifier(db: db, services: services)
            for role in services.rulebook.supplies.lowStockNotify {
                try await notifier.notify(role: role, departmentID: nil, .init(
                    kind: "supply.low_stock", titleKey: "notice.supply_low", titleArgument: "\(item.name) \(item.specification) · \(item.stock) \(item.unit)",
                    link: "/supplies", subjectType: Self.subject, subjectID: id, dedupeKey: "supply_low:\(id):\(Int(now.timeIntervalSince1970))"))
            }
        } else if item.lowSince != nil {
            item.lowSince = nil
            try await item.save(on: db)
        }
    }

    func audit(_ id: UUID, _ staff: StaffUser, _ action: String, _ summary: String, subject: String = SupplyItems.subject, ruleKey: String? = nil,
               db: any Database) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: subject,
            subjectID: id, summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }

    /// FDS-03 / FDS-07: the administrative department (first of the rulebook's kind), whose head approves.
    func adminDepartmentID() async throws -> UUID? {
        try await DepartmentRecord.query(on: db).filter(\.$kind == services.rulebook.supplies.adminDepartmentKind.rawValue)
            .filter(\.$active == true).sort(\.$name).first()?.id
    }
}
