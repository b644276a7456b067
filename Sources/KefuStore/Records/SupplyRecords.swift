import FluentKit
import Foundation

/// An office-supply item with its book stock (FDS-01/02). `stock` changes only through `SupplyStock`.
public final class SupplyItemRecord: Model, @unchecked Sendable {
    public static let schema = "supply_items"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "specification") public var specification: String
    @Field(key: "unit") public var unit: String
    @OptionalField(key: "category") public var category: String?
    @Field(key: "minimum_stock") public var minimumStock: Int
    @Field(key: "stock") public var stock: Int
    /// Set when the stock fell below the minimum and the alert went out; cleared when restocked.
    @OptionalField(key: "low_since") public var lowSince: Date?
    @Field(key: "active") public var active: Bool
    @Field(key: "version") public var version: Int
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var isLow: Bool { stock < minimumStock }
}

/// A requisition (辦公用品領用申請表, FDS-02): approved by the administrative head (FDS-03), then issued
/// from stock against the collector's signature (FDS-04). States: pending, approved, rejected, withdrawn, issued.
public final class SupplyRequisitionRecord: Model, @unchecked Sendable {
    public static let schema = "supply_requisitions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "item_id") public var itemID: UUID
    @Field(key: "item_name") public var itemName: String
    @Field(key: "specification") public var specification: String
    @Field(key: "quantity") public var quantity: Int
    @OptionalField(key: "reason") public var reason: String?
    @Field(key: "state") public var state: String
    @Field(key: "requested_by") public var requestedBy: UUID
    @Field(key: "requester_name") public var requesterName: String
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "issued_at") public var issuedAt: Date?
    @OptionalField(key: "issued_by_name") public var issuedByName: String?
    /// Who at the desk issued it (RPT-15 counts the desk's issues per person).
    @OptionalField(key: "issued_by") public var issuedBy: UUID?
    @OptionalField(key: "collector_name") public var collectorName: String?
    @OptionalField(key: "collector_signature") public var collectorSignature: String?
    @Field(key: "version") public var version: Int

    public init() {}
}

/// A stocktake (辦公用品盤點表, FDS-06): one line per item counted.
public final class SupplyStocktakeRecord: Model, @unchecked Sendable {
    public static let schema = "supply_stocktakes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "taken_at") public var takenAt: Date
    @Field(key: "taken_by") public var takenBy: UUID
    @Field(key: "taken_by_name") public var takenByName: String
    @OptionalField(key: "note") public var note: String?
    @Field(key: "variance_lines") public var varianceLines: Int

    public init() {}
}

public final class SupplyStocktakeLineRecord: Model, @unchecked Sendable {
    public static let schema = "supply_stocktake_lines"

    @ID(key: .id) public var id: UUID?
    @Field(key: "stocktake_id") public var stocktakeID: UUID
    @Field(key: "item_id") public var itemID: UUID
    @Field(key: "item_name") public var itemName: String
    @Field(key: "book_quantity") public var bookQuantity: Int
    @Field(key: "counted_quantity") public var countedQuantity: Int
    /// counted − book: negative is a shortage.
    @Field(key: "variance") public var variance: Int
    @OptionalField(key: "explanation") public var explanation: String?

    public init() {}
}

/// A purchase request (辦公用品采購申請表, FDS-07): reviewed by the administrative head, approved by company
/// leadership, then received into stock. States: pending, approved, rejected, withdrawn, received.
public final class SupplyPurchaseRecord: Model, @unchecked Sendable {
    public static let schema = "supply_purchases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "item_id") public var itemID: UUID
    @Field(key: "item_name") public var itemName: String
    @Field(key: "specification") public var specification: String
    @Field(key: "quantity") public var quantity: Int
    @Field(key: "reason") public var reason: String
    @Field(key: "state") public var state: String
    @Field(key: "requested_by") public var requestedBy: UUID
    @Field(key: "requester_name") public var requesterName: String
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "received_quantity") public var receivedQuantity: Int?
    @OptionalField(key: "received_at") public var receivedAt: Date?
    @OptionalField(key: "received_by_name") public var receivedByName: String?
    @Field(key: "version") public var version: Int

    public init() {}
}
