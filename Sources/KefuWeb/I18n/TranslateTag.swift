import Foundation
import KefuCore
import KefuDomain
import FluentKit
import Fluent
import Leaf
import LeafKit
import Vapor

/// `#t("nav.dashboard")` or `#t("dashboard.greeting", name)` in templates: the label in the request's language.
struct TranslateTag: UnsafeUnescapedLeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw LeafError(.unknownError("#t needs a key"))
        }
        let arguments = ctx.parameters.dropFirst().map { $0.string ?? "" }
        guard let request = ctx.request else { return .string(key.htmlEscaped()) }
        // Labels are ours, arguments may come from users: escape both.
        return .string(request.t(key, arguments).htmlEscaped())
    }
}

extension Request {
    /// The language of this request. API: `Accept-Language` (default zh-CN, API.md). Web UI: the signed-in
    /// user's choice or the language cookie; otherwise zh-Hans, the product's default, whatever the browser
    /// sends (a call-center PC set up in English still gets the Chinese UI until someone switches).
    var language: UILanguage {
        if isAPI { return UILanguage.from(acceptLanguage: headers.first(name: .acceptLanguage)) }
        if let staff = staff { return staff.language }
        return UILanguage.parse(cookies["kefu_lang"]?.string) ?? .zhHans
    }

    func t(_ key: String, _ arguments: [String] = []) -> String {
        application.services.localization.text(key, language, arguments)
    }
}
