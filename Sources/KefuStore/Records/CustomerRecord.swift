import FluentKit
import Foundation

/// 客户档案 (ORD-01). The phone is stored normalized (`PhoneNumber.digits`); its suffixes live in
/// `customer_phone_keys` so that "the last 4 digits" finds a customer through an index.
public final class CustomerRecord: Model, @unchecked Sendable {
    public static let schema = "customers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "phone") public var phone: String
    @OptionalField(key: "address") public var address: String?
    @OptionalField(key: "region") public var region: String?
    @Field(key: "is_member") public var isMember: Bool
    @OptionalField(key: "tier") public var tier: String?
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}

    public init(name: String, phone: String, address: String?, region: String?, isMember: Bool, tier: String?,
                createdBy: UUID, createdAt: Date) {
        self.id = RowIDs.next(at: createdAt); self.name = name; self.phone = phone; self.address = address; self.region = region
        self.isMember = isMember; self.tier = tier; self.createdBy = createdBy; self.createdAt = createdAt; self.version = 1
    }
}

public final class CustomerPhoneKeyRecord: Model, @unchecked Sendable {
    public static let schema = "customer_phone_keys"

    @ID(key: .id) public var id: UUID?
    @Field(key: "customer_id") public var customerID: UUID
    @Field(key: "phone_key") public var key: String

    public init() {}

    public init(customerID: UUID, key: String, at: Date) { self.id = RowIDs.next(at: at); self.customerID = customerID; self.key = key }
}
