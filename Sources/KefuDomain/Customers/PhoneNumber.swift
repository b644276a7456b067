import Foundation

/// A customer's phone number, parsed once and kept in one normalized form (API.md "Customers").
///
/// Accepted spellings: digits with spaces, dashes and parentheses anywhere, full-width characters
/// (NFKC-normalized), and a leading `+` (or `00`) for international numbers. Three kinds:
/// - Chinese mobiles: 11 digits starting with `1`; a `+86`, `0086` or bare `86` prefix is removed.
/// - Chinese landlines with area code: `010` and `02x` are 3-digit area codes, `03xx`–`09xx` 4-digit;
///   the subscriber part has 7–8 digits and does not start with `0` (`010-12345678`, `0755-1234567`).
///   After `+86` the area code may come with or without its trunk `0` (`+86 755 1234567`).
/// - Other international numbers: `+` or `00`, then 6–15 digits (E.164 length) not starting with `0`.
/// Anything else (letters, other symbols, local numbers without area code, wrong lengths) is refused.
///
/// `description` is the masked form, so a number interpolated into a log line does not leak
/// (STYLE §G); use `formatted` or `digits` where the full number is wanted.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// What kind of number this is; it decides the masking.
    public enum Kind: String, Hashable, Sendable {
        case mobile, landline, international
    }

    public let kind: Kind
    /// Digits only: no prefix for Chinese numbers (`13812345678`, `07551234567` with the trunk `0`),
    /// the country code without `+`/`00` for international ones (`442079460958`).
    public let digits: String
    /// Length of the landline area code (3 or 4, trunk `0` included); 0 for the other kinds.
    private let areaCodeLength: Int

    /// Parses `raw`; `nil` when it is not a phone number this system accepts.
    public init?(_ raw: String) {
        guard let (international, digits) = Self.strip(raw), !digits.isEmpty else { return nil }
        let chinaPrefix = international ? "86" : "0086"
        if digits.hasPrefix(chinaPrefix) {
            guard let parsed = Self.chinese(String(digits.dropFirst(chinaPrefix.count)), afterCountryCode: true)
            else { return nil }
            self = parsed
        } else if international || digits.hasPrefix("00") {
            let number = international ? digits : String(digits.dropFirst(2))
            guard (6...15).contains(number.count), !number.hasPrefix("0") else { return nil }
            self.init(kind: .international, digits: number, areaCodeLength: 0)
        } else if digits.count == 13, digits.hasPrefix("86"), let mobile = Self.mobile(String(digits.dropFirst(2))) {
            self = mobile
        } else if let parsed = Self.chinese(digits, afterCountryCode: false) {
            self = parsed
        } else {
            return nil
        }
    }

    private init(kind: Kind, digits: String, areaCodeLength: Int) {
        self.kind = kind
        self.digits = digits
        self.areaCodeLength = areaCodeLength
    }

    /// The area code of a landline (`0755`), `nil` for the other kinds.
    public var areaCode: String? {
        kind == .landline ? String(digits.prefix(areaCodeLength)) : nil
    }

    /// The full number in one canonical spelling, accepted back by `init`:
    /// `13812345678`, `0755-1234567`, `+442079460958`.
    public var formatted: String {
        switch kind {
        case .mobile: digits
        case .landline: String(digits.prefix(areaCodeLength)) + "-" + String(digits.dropFirst(areaCodeLength))
        case .international: "+" + digits
        }
    }

    /// The number for roles without `customer.pii.read` (ARCHITECTURE §3 "Access"): mobiles keep the
    /// first 3 and last 4 digits (`138****5678`), landlines the area code and last 4 (`0755-****4567`),
    /// international numbers only the last 4 (`+****0958`).
    public var masked: String {
        let lastFour = String(digits.suffix(4))
        switch kind {
        case .mobile: return String(digits.prefix(3)) + "****" + lastFour
        case .landline: return String(digits.prefix(areaCodeLength)) + "-****" + lastFour
        case .international: return "+****" + lastFour
        }
    }

    public var description: String { masked }

    /// Search keys for "a phone suffix finds the customer" (ARCHITECTURE §3 "Search"): the last 4, 5, …
    /// up to 8 digits, shortest first (at most 5 keys; fewer when the number is shorter than 8 digits).
    public var suffixKeys: [String] {
        (4...max(4, min(8, digits.count))).map { String(digits.suffix($0)) }
    }

    /// The digits of a user's partial phone input (`5678`, `138-1234`), when it has 4…11 of them and
    /// nothing but digits and the separators `init` also ignores; otherwise `nil` (the text is then
    /// not a phone search). Up to 8 digits match `suffixKeys` directly; for 9…11 the store matches the
    /// last 8 and then checks that `digits` ends with the whole query.
    public static func suffixQuery(_ text: String) -> String? {
        guard let (international, digits) = strip(text), !international, (4...11).contains(digits.count)
        else { return nil }
        return digits
    }

    // MARK: - Parsing

    /// Separators ignored anywhere: spaces, ASCII and typographic dashes, parentheses.
    private static let separators: Set<Character> = [" ", "\t", "-", "‐", "‑", "‒", "–", "—", "(", ")"]

    /// NFKC-normalizes `raw` and keeps its ASCII digits; `nil` for any other character. A `+` is
    /// allowed only before the first digit and reported as `international`.
    private static func strip(_ raw: String) -> (international: Bool, digits: String)? {
        var international = false
        var digits = ""
        for character in raw.precomposedStringWithCompatibilityMapping {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+", digits.isEmpty, !international {
                international = true
            } else if !separators.contains(character), !character.isWhitespace {
                return nil
            }
        }
        return (international, digits)
    }

    /// A Chinese mobile or landline in national form; after `+86` the landline trunk `0` is optional.
    private static func chinese(_ digits: String, afterCountryCode: Bool) -> PhoneNumber? {
        if let mobile = mobile(digits) { return mobile }
        if let landline = landline(digits) { return landline }
        return afterCountryCode ? landline("0" + digits) : nil
    }

    private static func mobile(_ digits: String) -> PhoneNumber? {
        guard digits.count == 11, digits.hasPrefix("1") else { return nil }
        return PhoneNumber(kind: .mobile, digits: digits, areaCodeLength: 0)
    }

    private static func landline(_ digits: String) -> PhoneNumber? {
        let areaCodeLength: Int
        if digits.hasPrefix("010") || digits.hasPrefix("02") {
            areaCodeLength = 3
        } else if let second = digits.dropFirst().first, digits.hasPrefix("0"), ("3"..."9").contains(second) {
            areaCodeLength = 4
        } else {
            return nil
        }
        let subscriber = digits.dropFirst(areaCodeLength)
        guard (7...8).contains(subscriber.count), subscriber.first != "0" else { return nil }
        return PhoneNumber(kind: .landline, digits: digits, areaCodeLength: areaCodeLength)
    }
}
