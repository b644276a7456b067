import FluentKit
import Foundation

public final class CustomerProductRecord: Model, @unchecked Sendable {
    public static let schema = "customer_products"

    @ID(key: .id) public var id: UUID?
    @Field(key: "customer_id") public var customerID: UUID
    @Field(key: "model") public var model: String
    @OptionalField(key: "specification") public var specification: String?
    /// YYYY-MM-DD
    @OptionalField(key: "purchased_on") public var purchasedOn: String?
    @OptionalField(key: "purchase_place") public var purchasePlace: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(customerID: UUID, model: String, specification: String?, purchasedOn: String?, purchasePlace: String?, createdAt: Date) {
        self.id = RowIDs.next(at: createdAt); self.customerID = customerID; self.model = model; self.specification = specification
        self.purchasedOn = purchasedOn; self.purchasePlace = purchasePlace; self.createdAt = createdAt
    }
}

public final class CustomerNoteRecord: Model, @unchecked Sendable {
    public static let schema = "customer_notes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "customer_id") public var customerID: UUID
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "author_name") public var authorName: String
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(customerID: UUID, authorID: UUID, authorName: String, body: String, createdAt: Date) {
        self.id = RowIDs.next(at: createdAt); self.customerID = customerID; self.authorID = authorID; self.authorName = authorName; self.body = body
        self.createdAt = createdAt
    }
}

public final class CustomerPhoneRecord: Model, @unchecked Sendable {
    public static let schema = "customer_phones"

    @ID(key: .id) public var id: UUID?
    @Field(key: "customer_id") public var customerID: UUID
    /// Normalized digits, like `customers.phone`.
    @Field(key: "phone") public var phone: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(customerID: UUID, phone: String, createdAt: Date) {
        self.id = RowIDs.next(at: createdAt); self.customerID = customerID; self.phone = phone; self.createdAt = createdAt
    }
}
