import Foundation

/// Issue 20: money is read exactly — a decimal of yuan with at most two decimals, from 0 to `maximum` —
/// and anything else is refused rather than rounded (`1.999` had become `2.00`), padded (`" 100"`) or
/// pushed through binary floating point (`99999999999999999999999.99` had become `…010000000.00`).
public enum Money {
    /// The largest amount Kefu accepts anywhere (README "Input limits").
    public static let maximum = Decimal(string: "999999999.99", locale: Locale(identifier: "en_US_POSIX"))!

    /// `123`, `123.4`, `123.45`: digits, at most nine before the point and two after; nothing else
    /// (no sign, space, exponent or grouping).
    public static func parse(_ text: String) -> Decimal? {
        let bytes = Array(text.utf8)
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let whole = bytes[..<(point ?? bytes.count)]
        let fraction = point.map { bytes[($0 + 1)...] } ?? []
        func digitsOnly(_ part: ArraySlice<UInt8>) -> Bool { part.allSatisfy { (0x30...0x39).contains($0) } }
        guard (1...9).contains(whole.count), digitsOnly(whole),
              point == nil || (1...2).contains(fraction.count), digitsOnly(fraction) else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// `"1280.50"`: two decimals, no grouping, written from the decimal's own digits (a NumberFormatter
    /// may go through `Double`).
    public static func text(_ value: Decimal) -> String {
        var rounded = Decimal(), input = value
        NSDecimalRound(&rounded, &input, 2, .plain)
        var text = rounded.description
        if let point = text.firstIndex(of: ".") {
            text += String(repeating: "0", count: max(0, 2 - text[text.index(after: point)...].count))
        } else {
            text += ".00"
        }
        return text
    }

    /// An amount that arrived as a number (a JSON number decoded exactly into `Decimal`): accepted when it
    /// has at most two decimals and lies within 0…`maximum`.
    public static func accept(_ value: Decimal) -> Decimal? {
        guard !value.isNaN, value >= 0, value <= maximum else { return nil }
        var scaled = value * 100, rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return rounded == scaled ? value : nil
    }
}
