import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The periodic stocktake (定期盤點, FDS-06): counted quantity against book quantity per item, every
/// variance explained; the book is set to what was counted and the administrative department hears of
/// any variance. A negative count is a bad input (400); a book that moved during the count → 409.
struct SupplyStocktakes {
    let db: any Database
    let services: AppServices
    static let subject = "supply_stocktake"

    struct Line: Sendable { var itemID: UUID?, counted: Int?, explanation: String? }

    func record(_ lines: [Line], note: String?, by staff: StaffUser) async throws -> (SupplyStocktakeRecord, [SupplyStocktakeLineRecord]) {
        var form = FormFields()
        let note = form.optional(note, "note", limit: 1_000)
        if lines.isEmpty { form.errors["lines"] = "error.field.required" }
        var seen = Set<UUID>()
        for (index, line) in lines.enumerated() {
            if line.itemID == nil || !seen.insert(line.itemID!).inserted { form.errors["lines[\(index)].item_id"] = "error.field.unknown" }
            if line.counted == nil { form.errors["lines[\(index)].counted"] = "error.field.required" }
            if let counted = line.counted, counted < 0 { form.errors["lines[\(index)].counted"] = "error.field.not_negative" }
            _ = form.optional(line.explanation, "lines[\(index)].explanation", limit: 500)
        }
        try form.check()
        let items = try await SupplyItemRecord.query(on: db).filter(\.$id ~~ Array(seen)).all()
        let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.id!, $0) })
        var rows: [SupplyStocktakeLineRecord] = []
        for (index, line) in lines.enumerated() {
            guard let item = byID[line.itemID!] else { form.errors["lines[\(index)].item_id"] = "error.field.unknown"; continue }
            let row = SupplyStocktakeLineRecord()
            row.itemID = item.id!; row.itemName = "\(item.name) \(item.specification)".trimmingCharacters(in: .whitespaces)
            row.bookQuantity = item.stock; row.countedQuantity = line.counted!
            row.variance = SupplyChains.variance(book: item.stock, counted: line.counted!)
            row.explanation = line.explanation?.nilIfBlank
            // FDS-06: a shortage or surplus is investigated; the count records why.
            if row.variance != 0, row.explanation == nil { form.errors["lines[\(index)].explanation"] = "error.supply.explain_variance" }
            rows.append(row)
        }
        try form.check()
        let now = services.now()
        let take = SupplyStocktakeRecord()
        take.takenAt = now; take.takenBy = staff.id; take.takenByName = staff.displayName; take.note = note
        take.varianceLines = rows.filter { $0.variance != 0 }.count
        let supplies = SupplyItems(db: db, services: services)
        let rowsToSave = rows
        // Read before the transaction: on SQLite the transaction holds the only connection.
        let admin = try await supplies.adminDepartmentID()
        try await db.transaction { db in
            try await take.create(on: db)
            for row in rowsToSave {
                row.stocktakeID = take.id!
                try await row.create(on: db)
                if row.variance != 0 {
                    guard try await SupplyStock.recount(db, itemID: row.itemID, book: row.bookQuantity, counted: row.countedQuantity) else {
                        throw DomainError.conflict(reason: "error.supply.stock_moved")
                    }
                }
                try await supplies.checkLow(row.itemID, db: db)
            }
            try await supplies.audit(take.id!, staff, "supply.stocktake", "\(rowsToSave.count) items, \(take.varianceLines) with variance",
                                     subject: Self.subject, ruleKey: "supplies.stocktake_every", db: db)
            if take.varianceLines > 0 {
                let shortages = rowsToSave.filter { $0.variance != 0 }.map { "\($0.itemName) \($0.variance > 0 ? "+" : "")\($0.variance)" }
                try await Notifier(db: db, services: services).notify(
                    role: services.rulebook.supplies.varianceReportTo, departmentID: admin, .init(
                        kind: "supply.stocktake_variance", titleKey: "notice.supply_variance", titleArgument: shortages.joined(separator: ", "),
                        link: "/supplies/stocktakes/\(take.id!)", subjectType: Self.subject, subjectID: take.id!, dedupeKey: "stocktake:\(take.id!)"))
            }
        }
        return (take, rows)
    }

    func find(_ id: UUID) async throws -> (SupplyStocktakeRecord, [SupplyStocktakeLineRecord]) {
        guard let take = try await SupplyStocktakeRecord.find(id, on: db) else { throw DomainError.notFound(subject: Self.subject) }
        let lines = try await SupplyStocktakeLineRecord.query(on: db).filter(\.$stocktakeID == id).sort(\.$itemName).all()
        return (take, lines)
    }

    func recent(limit: Int = 20) async throws -> [SupplyStocktakeRecord] {
        try await SupplyStocktakeRecord.query(on: db).sort(\.$takenAt, .descending).sort(\.$id, .descending).limit(limit).all()
    }

    /// FDS-06: whether the next count is due (none yet, or the last older than `supplies.stocktake_every`).
    func isDue(now: Date) async throws -> Bool {
        guard let last = try await recent(limit: 1).first else { return true }
        return services.rulebook.calendar.deadline(from: last.takenAt, adding: services.rulebook.supplies.stocktakeEvery) <= now
    }
}
