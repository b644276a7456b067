import Foundation
import KefuCore

/// RFC 4180 CSV for report exports, with a UTF-8 byte-order mark so Excel opens Chinese text correctly.
/// A cell that a spreadsheet would run as a formula (`=`, `+`, `@`, or `-` before text) gets a leading
/// apostrophe. (No CSV package is in the machine's mirror; writing is all the reports need.)
enum CSVText {
    static func render(header: [String], rows: [[String]]) -> String {
        "\u{FEFF}" + ([header] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+@".contains(first) || (first == "-" && Double(text) == nil) { text = "'" + text }
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
