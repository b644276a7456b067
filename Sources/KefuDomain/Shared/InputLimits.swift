/// Issue 20: the ranges of numeric input (README "Input limits"); outside them a request is a 400 naming
/// the field. Money is `Money` (0–999,999,999.99, two decimals), dates `StrictTime.years`.
public enum InputLimits {
    /// Any count of goods or items: defective, returned, received, requested quantities.
    public static let quantity = 0...1_000_000

    /// True when an optional quantity is absent or within `quantity`.
    public static func acceptsQuantity(_ value: Int?) -> Bool { value.map(quantity.contains) ?? true }
}
