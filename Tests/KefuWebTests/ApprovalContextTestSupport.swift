import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Helpers for the approval-context page tests: people with Chinese display names (so a page showing the
/// user name instead of the name is caught), and a page's visible text (tags and attributes removed).
extension Application {
    func rename(_ staff: TestStaff, _ displayName: String) async throws {
        let user = try #require(try await UserRecord.find(staff.id, on: db))
        user.displayName = displayName
        try await user.save(on: db)
    }
}

enum VisibleText {
    /// The text a reader sees in `html` (optionally only inside the element with `id`): scripts, tags and their
    /// attributes removed, entities of quotes decoded. Tooltips (`title="…"`) are attributes, so not in it.
    static func of(_ html: String, id: String? = nil) -> String {
        var text = html
        if let id, let start = html.range(of: "id=\"\(id)\"") {
            text = String(html[start.upperBound...])
            if let end = text.range(of: "</section>") { text = String(text[..<end.lowerBound]) }
        }
        text = text.replacingOccurrences(of: "<script[^>]*>[\\s\\S]*?</script>", with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Machine words a reader should never see: snake_case, dotted keys (`complaints.approval_bands`), ISO times.
    static func machineWords(in text: String) -> [String] {
        let patterns = ["\\b[a-z]+_[a-z_]+\\b", "\\b[a-z]+\\.[a-z_]+(\\.[a-z_]+)*\\b", "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}", "\\d{2}:\\d{2}:\\d{2}Z"]
        return patterns.flatMap { pattern in
            text.matches(of: try! Regex(pattern)).map { String(text[$0.range]) }
        }
    }
}
