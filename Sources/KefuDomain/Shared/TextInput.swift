import Foundation

/// Issue 20: text that enters Kefu carries no C0 control character other than tab, line feed and
/// carriage return. PostgreSQL refuses NUL in text (a 500 there, stored on SQLite), and the others
/// have no meaning in a name, a subject or a note; refusing them everywhere keeps both databases alike.
public enum TextInput {
    /// True when the scalar is a C0 control character Kefu refuses (U+0000–U+001F except \t \n \r).
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A && scalar.value != 0x0D
    }

    public static func isAcceptable(_ text: some StringProtocol) -> Bool {
        !text.unicodeScalars.contains(where: isForbidden)
    }

    /// The same rule on UTF-8 bytes (every C0 scalar is one byte in UTF-8).
    public static func isAcceptable(utf8 bytes: some Sequence<UInt8>) -> Bool {
        !bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }
}
