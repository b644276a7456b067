import Foundation
import KefuCore
import Vapor

/// What an action did, said in words on the next page (issue 21 §9): "已登记 王芳 领取包裹 SF1234".
///
/// A form action that succeeds redirects (post/redirect/get); the message — a localization key and its
/// arguments, made when the action succeeded — travels once in a short-lived cookie and the layout of
/// the next page shows it. Only keys under `done.` are shown and the arguments are escaped like every
/// other text, so a forged cookie can at most show a confirmation the system could itself have said.
struct Confirmation: Codable, Sendable, Equatable {
    static let cookieName = "kefu_done"
    static let argumentLimit = 120

    let key: String
    let arguments: [String]

    init(_ key: String, _ arguments: [String] = []) {
        precondition(key.hasPrefix("done."), "confirmation keys live under done.")
        self.key = key
        self.arguments = arguments.map { String($0.prefix(Self.argumentLimit)) }
    }

    /// The redirect after a successful action, carrying this confirmation.
    func redirect(_ req: Request, to path: String) -> Response {
        let response = req.redirect(to: path)
        if let data = try? JSONEncoder().encode(self) {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: data.base64URLEncodedString(), maxAge: 60, path: "/", isSecure: req.services.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    /// The confirmation a request carries, if its cookie holds a valid one.
    static func carried(by req: Request) -> Confirmation? {
        guard let text = req.cookies[cookieName]?.string, text.count < 4_000, let data = Data(base64URLEncoded: text),
              let decoded = try? JSONDecoder().decode(Confirmation.self, from: data), decoded.key.hasPrefix("done."),
              decoded.arguments.count <= 6 else { return nil }
        return Confirmation(decoded.key, decoded.arguments.map { String($0.unicodeScalars.filter { $0.properties.generalCategory != .control }) })
    }

    /// The words, in the request's language.
    func text(_ req: Request) -> String { req.t(key, arguments) }
}

/// Clears the confirmation cookie once a page has shown it (a redirect passes it on untouched).
struct ConfirmationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let carried = request.cookies[Confirmation.cookieName] != nil
        let response = try await next.respond(to: request)
        let isRedirect = (300..<400).contains(response.status.code)
        if carried, !isRedirect, response.cookies[Confirmation.cookieName] == nil {
            response.cookies[Confirmation.cookieName] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/")
        }
        return response
    }
}

extension Data {
    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}
