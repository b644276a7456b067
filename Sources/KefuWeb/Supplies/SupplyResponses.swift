import Foundation
import KefuCore
import KefuStore
import Vapor

/// API shapes of the office-supplies resources (snake_case).
struct SupplyItemResponse: Content {
    let id: UUID, name: String, specification: String, unit: String, category: String?, minimumStock: Int, stock: Int, low: Bool
    let active: Bool, version: Int
    enum CodingKeys: String, CodingKey {
        case id, name, specification, unit, category, stock, low, active, version
        case minimumStock = "minimum_stock"
    }
    init(_ r: SupplyItemRecord) {
        id = r.id!; name = r.name; specification = r.specification; unit = r.unit; category = r.category; minimumStock = r.minimumStock
        stock = r.stock; low = r.isLow; active = r.active; version = r.version
    }
}

struct SupplyRequisitionResponse: Content {
    let id: UUID, itemId: UUID, itemName: String, specification: String, quantity: Int, reason: String?, state: String
    let requestedBy: UUID, requesterName: String, approvalId: UUID?, createdAt: Date
    let issuedAt: Date?, issuedBy: String?, collectorName: String?, signed: Bool, version: Int
    enum CodingKeys: String, CodingKey {
        case id, specification, quantity, reason, state, signed, version
        case itemId = "item_id", itemName = "item_name", requestedBy = "requested_by", requesterName = "requester_name"
        case approvalId = "approval_id", createdAt = "created_at", issuedAt = "issued_at", issuedBy = "issued_by", collectorName = "collector_name"
    }
    init(_ r: SupplyRequisitionRecord) {
        id = r.id!; itemId = r.itemID; itemName = r.itemName; specification = r.specification; quantity = r.quantity; reason = r.reason
        state = r.state; requestedBy = r.requestedBy; requesterName = r.requesterName; approvalId = r.approvalID; createdAt = r.createdAt
        issuedAt = r.issuedAt; issuedBy = r.issuedByName; collectorName = r.collectorName; signed = r.collectorSignature != nil; version = r.version
    }
}

struct SupplyPurchaseResponse: Content {
    let id: UUID, itemId: UUID, itemName: String, specification: String, quantity: Int, reason: String, state: String
    let requestedBy: UUID, requesterName: String, approvalId: UUID?, createdAt: Date
    let receivedQuantity: Int?, receivedAt: Date?, version: Int
    enum CodingKeys: String, CodingKey {
        case id, specification, quantity, reason, state, version
        case itemId = "item_id", itemName = "item_name", requestedBy = "requested_by", requesterName = "requester_name"
        case approvalId = "approval_id", createdAt = "created_at", receivedQuantity = "received_quantity", receivedAt = "received_at"
    }
    init(_ r: SupplyPurchaseRecord) {
        id = r.id!; itemId = r.itemID; itemName = r.itemName; specification = r.specification; quantity = r.quantity; reason = r.reason
        state = r.state; requestedBy = r.requestedBy; requesterName = r.requesterName; approvalId = r.approvalID; createdAt = r.createdAt
        receivedQuantity = r.receivedQuantity; receivedAt = r.receivedAt; version = r.version
    }
}

struct SupplyStocktakeResponse: Content {
    struct Line: Content {
        let itemId: UUID, itemName: String, bookQuantity: Int, countedQuantity: Int, variance: Int, explanation: String?
        enum CodingKeys: String, CodingKey {
            case variance, explanation
            case itemId = "item_id", itemName = "item_name", bookQuantity = "book_quantity", countedQuantity = "counted_quantity"
        }
    }
    let id: UUID, takenAt: Date, takenBy: String, note: String?, varianceLines: Int, lines: [Line]?
    enum CodingKeys: String, CodingKey {
        case id, note, lines
        case takenAt = "taken_at", takenBy = "taken_by", varianceLines = "variance_lines"
    }
    init(_ r: SupplyStocktakeRecord, lines: [SupplyStocktakeLineRecord]?) {
        id = r.id!; takenAt = r.takenAt; takenBy = r.takenByName; note = r.note; varianceLines = r.varianceLines
        self.lines = lines?.map { Line(itemId: $0.itemID, itemName: $0.itemName, bookQuantity: $0.bookQuantity, countedQuantity: $0.countedQuantity,
                                       variance: $0.variance, explanation: $0.explanation) }
    }
}
