import Foundation
import FluentKit
import Fluent
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/me`, `POST /api/v1/me/password`.
struct AuthAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.on(.POST, "auth", "login", access: .public, summary: "Log in; returns a bearer token", request: LoginRequest.self, use: login)
        api.on(.POST, "auth", "logout", access: .authenticated, summary: "Revoke the token of this request", request: NoBody.self, use: logout)
        api.on(.GET, "me", access: .authenticated, summary: "The signed-in user", use: me)
        api.on(.POST, "me", "password", access: .authenticated, summary: "Change one's own password", request: ChangePasswordRequest.self, use: changePassword)
    }

    struct LoginRequest: Content {
        let username: String
        let password: String
    }

    struct LoginResponse: Content {
        let token: String
        let user: UserResponse
    }

    @Sendable func login(req: Request) async throws -> LoginResponse {
        let input = try req.content.decode(LoginRequest.self)
        do {
            let opened = try await LogIn(db: req.db, services: req.services, password: req.passwordHashing)
                .run(username: input.username, password: input.password, kind: .api)
            return LoginResponse(token: opened.secret, user: UserResponse(opened.user))
        } catch LogIn.Refusal.locked {
            throw Failure(status: .tooManyRequests, code: "rate_limited", messageKey: "auth.locked", retryAfter: Int(LoginThrottle().lockFor))
        } catch LogIn.Refusal.invalid {
            throw Failure(status: .unauthorized, code: "unauthorized", messageKey: "auth.invalid")
        }
    }

    @Sendable func logout(req: Request) async throws -> HTTPStatus {
        let staff = try req.requireStaff()
        try await RevokeSession(db: req.db, services: req.services).run(tokenID: staff.tokenID, staff: staff)
        return .noContent
    }

    @Sendable func me(req: Request) async throws -> UserResponse {
        guard let user = try await UserRepository(db: req.db).find(try req.requireStaff().id) else { throw Abort(.unauthorized) }
        return UserResponse(user)
    }

    struct ChangePasswordRequest: Content {
        let currentPassword: String
        let newPassword: String

        enum CodingKeys: String, CodingKey {
            case currentPassword = "current_password", newPassword = "new_password"
        }
    }

    @Sendable func changePassword(req: Request) async throws -> HTTPStatus {
        let input = try req.content.decode(ChangePasswordRequest.self)
        try await ChangePassword(db: req.db, services: req.services, hashing: req.passwordHashing)
            .run(staff: try req.requireStaff(), current: input.currentPassword, new: input.newPassword)
        return .noContent
    }
}
