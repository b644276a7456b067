import Foundation

/// What the service desk records when a customer asks for after-sales service (SRV-02).
///
/// WHY these rules: the product model identifies what to repair and which parts to bring,
/// so it is required; the address is required only when someone must travel to the
/// customer (`onSite`); everything else helps but must not block registration. Length
/// limits mirror the storage columns so the database never truncates silently.
public struct ServiceRegisterEntry: Codable, Equatable, Sendable {
    public var customerName: String?
    public var address: String?
    public var phone: String?
    public var productModel: String
    public var specification: String?
    /// Local purchase date as typed, "YYYY-MM-DD"; see `purchaseDay`.
    public var purchaseDate: String?
    public var purchasePlace: String?
    /// The service person visits the customer, so an address is needed.
    public var onSite: Bool

    public static let maxModelLength = 64
    public static let maxSpecificationLength = 64
    public static let maxPurchasePlaceLength = 64
    public static let maxAddressLength = 200
    public static let maxCustomerNameLength = 64
    public static let maxPhoneLength = 32

    public init(
        customerName: String? = nil,
        address: String? = nil,
        phone: String? = nil,
        productModel: String,
        specification: String? = nil,
        purchaseDate: String? = nil,
        purchasePlace: String? = nil,
        onSite: Bool = true
    ) {
        self.customerName = customerName
        self.address = address
        self.phone = phone
        self.productModel = productModel
        self.specification = specification
        self.purchaseDate = purchaseDate
        self.purchasePlace = purchasePlace
        self.onSite = onSite
    }

    /// The parsed purchase date, nil when absent or malformed.
    public var purchaseDay: LocalDay? {
        guard let text = Self.trimmed(purchaseDate) else { return nil }
        return LocalDay(iso: text)
    }

    /// Field name → message key; empty when the entry is acceptable (SRV-02).
    ///
    /// - Parameter today: when given, a purchase date after `today` is rejected too.
    /// Keys: `error.field.required`, `error.field.too_long`, `error.field.date`.
    public func validate(today: LocalDay? = nil) -> [String: String] {
        var errors: [String: String] = [:]
        Self.check(productModel, "productModel", max: Self.maxModelLength, required: true, into: &errors)
        Self.check(address, "address", max: Self.maxAddressLength, required: onSite, into: &errors)
        Self.check(specification, "specification", max: Self.maxSpecificationLength, into: &errors)
        Self.check(purchasePlace, "purchasePlace", max: Self.maxPurchasePlaceLength, into: &errors)
        Self.check(customerName, "customerName", max: Self.maxCustomerNameLength, into: &errors)
        Self.check(phone, "phone", max: Self.maxPhoneLength, into: &errors)
        if Self.trimmed(purchaseDate) != nil {
            if let day = purchaseDay {
                if let today, day > today { errors["purchaseDate"] = "error.field.date" }
            } else {
                errors["purchaseDate"] = "error.field.date"
            }
        }
        return errors
    }

    /// Blank (only whitespace) counts as missing.
    static func trimmed(_ value: String?) -> String? {
        guard let value else { return nil }
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    private static func check(
        _ value: String?, _ field: String, max: Int, required: Bool = false,
        into errors: inout [String: String]
    ) {
        guard let text = trimmed(value) else {
            if required { errors[field] = "error.field.required" }
            return
        }
        if text.count > max { errors[field] = "error.field.too_long" }
    }
}
