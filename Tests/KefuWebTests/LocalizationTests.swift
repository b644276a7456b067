import Fluent
import Foundation
import KefuCore
import KefuTestSupport
@testable import KefuWeb
import Testing

@Suite("Both languages: every label exists in zh-Hans and English")
struct LocalizationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Keys written literally in templates (`#t("…")`) and in Swift (`t("…")`, message keys such as "error.…").
    static func usedKeys() throws -> Set<String> {
        var keys = Set<String>()
        let patterns = [#"#t\("([a-z_.]+)""#, #"\bt\("([a-z_.]+)""#, #"(?:reason|messageKey|titleKey): "([a-z_.]+)""#,
                        #""(error\.[a-z_.]+)""#]
        for folder in ["Resources/Views", "Sources/KefuWeb", "Sources/KefuDomain"] {
            let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard ["leaf", "swift"].contains(url.pathExtension) else { continue }
                let text = try String(contentsOf: url, encoding: .utf8)
                for pattern in patterns {
                    let regex = try NSRegularExpression(pattern: pattern)
                    for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                        keys.insert((text as NSString).substring(with: match.range(at: 1)))
                    }
                }
            }
        }
        // Prefixes completed at run time ("role." + rawValue …) are checked by their own test below.
        return keys.filter { !$0.hasSuffix(".") && $0 != "error.field" }
    }

    @Test("Every key used by a template or the code has a zh-Hans and an English text")
    func allKeysPresent() throws {
        let localization = try Localization.load(directory: Self.root.appendingPathComponent("Resources/Localization").path)
        let used = try Self.usedKeys()
        #expect(used.count > 50)
        for language in UILanguage.allCases {
            let missing = used.filter { !localization.has($0, language) }.sorted()
            #expect(missing.isEmpty, "\(language.rawValue) lacks \(missing)")
        }
    }

    @Test("Roles, department kinds, grades and approval states are labelled in both languages")
    func enumsLabelled() throws {
        let localization = try Localization.load(directory: Self.root.appendingPathComponent("Resources/Localization").path)
        var keys = KefuDomainLabels.all
        keys += ["approval.state.pending", "approval.state.approved", "approval.state.rejected", "approval.state.withdrawn"]
        for language in UILanguage.allCases {
            #expect(keys.filter { !localization.has($0, language) }.isEmpty)
        }
        #expect(localization.tables[.zhHans]?.count == localization.tables[.en]?.count)
    }

    @Test("Accept-Language picks the language; default is zh-Hans", arguments: [
        ("zh-CN", UILanguage.zhHans), ("en-US,en;q=0.9", .en), (nil, .zhHans), ("fr", .zhHans),
    ] as [(String?, UILanguage)])
    func acceptLanguage(header: String?, expected: UILanguage) {
        #expect(UILanguage.from(acceptLanguage: header) == expected)
    }
}

import KefuDomain

enum KefuDomainLabels {
    static var all: [String] {
        Role.allCases.map { "role.\($0.rawValue)" } + DepartmentKind.allCases.map { "department_kind.\($0.rawValue)" }
            + Grade.allCases.map { "grade.\($0.rawValue)" } + ApprovalStepState.allCases.map { "approval.step.\($0.rawValue)" }
            + Skill.allCases.map { "skill.\($0.rawValue)" }
    }
}
