import Foundation

/// The two UI languages: zh-Hans (default) and English.
public enum UILanguage: String, CaseIterable, Sendable, Codable {
    case zhHans = "zh-Hans"
    case en

    /// Maps an `Accept-Language` header (`zh-CN`, `en-US;q=0.8` …) to a UI language; default zh-Hans.
    public static func from(acceptLanguage header: String?) -> UILanguage {
        guard let header else { return .zhHans }
        // Highest q first (q=0 means "not this one"); equal weights keep the header's order.
        let weighted = header.split(separator: ",").enumerated().compactMap { index, part -> (String, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0 ? (pieces.first?.lowercased() ?? "", q, index) : nil
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }
        for (tag, _, _) in weighted {
            if tag.hasPrefix("zh") { return .zhHans }
            if tag.hasPrefix("en") { return .en }
        }
        return .zhHans
    }

    public static func parse(_ text: String?) -> UILanguage? {
        guard let text else { return nil }
        return UILanguage(rawValue: text) ?? (text.lowercased().hasPrefix("zh") ? .zhHans : text.lowercased().hasPrefix("en") ? .en : nil)
    }
}

/// Every UI label and message, from `Resources/Localization/<lang>.json` (flat "key": "text" maps).
/// `{0}` in a text is replaced by the first argument. A missing key shows the key itself (and a test
/// fails for every key a template or the code uses that a file lacks).
public struct Localization: Sendable {
    public let tables: [UILanguage: [String: String]]

    public init(tables: [UILanguage: [String: String]]) { self.tables = tables }

    public static func load(directory: String) throws -> Localization {
        var tables: [UILanguage: [String: String]] = [:]
        for language in UILanguage.allCases {
            let url = URL(fileURLWithPath: directory).appendingPathComponent("\(language.rawValue).json")
            tables[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        }
        return Localization(tables: tables)
    }

    public func text(_ key: String, _ language: UILanguage, _ arguments: [String] = []) -> String {
        var text = tables[language]?[key] ?? tables[.zhHans]?[key] ?? key
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return text
    }

    public func has(_ key: String, _ language: UILanguage) -> Bool { tables[language]?[key] != nil }
}
