import Foundation
import FluentKit
import Fluent
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The login page, logout, one's own password, and the language switch.
struct AuthWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "login", access: .public, summary: "Login page", use: loginPage)
        routes.on(.POST, "login", access: .public, summary: "Log in (form)", use: login)
        routes.on(.POST, "logout", access: .authenticated, summary: "Log out (form)", use: logout)
        routes.on(.GET, "account", "password", access: .authenticated, summary: "Change password page", use: passwordPage)
        routes.on(.POST, "account", "password", access: .authenticated, summary: "Change password (form)", use: changePassword)
        routes.on(.POST, "language", access: .public, summary: "Switch the UI language (form)", use: switchLanguage)
    }

    struct LoginPage: Encodable {
        let shell: PageShell
        let username: String
        let next: String
    }

    struct LoginForm: Content {
        let username: String?
        let password: String?
        let next: String?
    }

    @Sendable func loginPage(req: Request) async throws -> Response {
        if req.staff != nil { return req.redirect(to: "/") }
        let page = LoginPage(shell: PageShell(req, title: req.t("login.title")), username: "",
                             next: Self.safeNext(req.query[String.self, at: "next"]))
        return try await req.view.render("auth/login", page).encodeResponse(for: req)
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let next = Self.safeNext(form.next)
        do {
            let opened = try await LogIn(db: req.db, services: req.services, password: req.passwordHashing)
                .run(username: form.username ?? "", password: form.password ?? "", kind: .web)
            // A new login ends the session this browser had before (no orphaned sessions stay valid).
            if let staff = req.staff { try await RevokeSession(db: req.db, services: req.services).run(tokenID: staff.tokenID, staff: staff) }
            let response = req.redirect(to: next, redirectType: .normal)
            response.cookies[StaffAuthenticator.sessionCookie] = HTTPCookies.Value(
                string: opened.secret, expires: opened.token.expiresAt, path: "/",
                isSecure: req.services.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
            return response
        } catch let refusal as LogIn.Refusal {
            let message = req.t(refusal == .locked ? "auth.locked" : "auth.invalid")
            let page = LoginPage(shell: PageShell(req, title: req.t("login.title"), flashError: message),
                                 username: form.username ?? "", next: next)
            let response = try await req.view.render("auth/login", page).encodeResponse(for: req)
            response.status = refusal == .locked ? .tooManyRequests : .unauthorized
            if refusal == .locked { response.headers.replaceOrAdd(name: .retryAfter, value: "\(Int(LoginThrottle().lockFor))") }
            return response
        }
    }

    @Sendable func logout(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try await RevokeSession(db: req.db, services: req.services).run(tokenID: staff.tokenID, staff: staff)
        let response = req.redirect(to: "/login")
        response.cookies[StaffAuthenticator.sessionCookie] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), path: "/")
        return response
    }

    struct PasswordPage: Encodable {
        let shell: PageShell
        let errors: [String: String]
    }

    @Sendable func passwordPage(req: Request) async throws -> View {
        try await req.view.render("account/password", PasswordPage(shell: PageShell(req, title: req.t("account.password.title")), errors: [:]))
    }

    struct PasswordForm: Content {
        let currentPassword: String?
        let newPassword: String?

        enum CodingKeys: String, CodingKey {
            case currentPassword = "current_password", newPassword = "new_password"
        }
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let form = try req.content.decode(PasswordForm.self)
        do {
            try await ChangePassword(db: req.db, services: req.services, hashing: req.passwordHashing)
                .run(staff: try req.requireStaff(), current: form.currentPassword ?? "", new: form.newPassword ?? "")
            return req.redirect(to: "/account/password?flash=flash.password_changed")
        } catch DomainError.validation(let fields) {
            let page = PasswordPage(shell: PageShell(req, title: req.t("account.password.title")),
                                    errors: fields.mapValues { req.t($0) })
            let response = try await req.view.render("account/password", page).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
    }

    struct LanguageForm: Content {
        let language: String
        let back: String?
    }

    @Sendable func switchLanguage(req: Request) async throws -> Response {
        let form = try req.content.decode(LanguageForm.self)
        guard let language = UILanguage(rawValue: form.language) else { throw Abort(.badRequest) }
        if let staff = req.staff, let user = try await UserRepository(db: req.db).find(staff.id) {
            user.language = language.rawValue
            try await user.save(on: req.db)
        }
        let response = req.redirect(to: Self.safeNext(form.back))
        response.cookies["kefu_lang"] = HTTPCookies.Value(string: language.rawValue, maxAge: 31_536_000, path: "/",
                                                         isSecure: req.services.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// Only local paths made of plain URL characters: never an open redirect to another site (browsers
    /// drop tabs and newlines, so "/\t/evil.example" would otherwise become "//evil.example").
    static func safeNext(_ text: String?) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_.~?=&%-")
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), text.count <= 512,
              text.unicodeScalars.allSatisfy(allowed.contains) else { return "/" }
        return text
    }
}
