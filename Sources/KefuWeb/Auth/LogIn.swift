import Fluent
import FluentKit
import Foundation
import KefuDomain
import KefuStore
import Vapor

/// Checks a username and password under the login protection of API.md and opens a session or an API
/// token. The answer never tells whether the username exists.
struct LogIn {
    let db: any Database
    let services: AppServices
    let password: PasswordHashing

    struct Opened {
        let user: UserRecord
        let secret: String
        let token: AuthTokenRecord
    }

    enum Refusal: Error {
        case invalid
        case locked
    }

    func run(username rawUsername: String, password plain: String, kind: TokenKind) async throws -> Opened {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let throttle = LoginThrottle()
        let auth = AuthRepository(db: db)
        let now = services.now()
        let state = try await auth.guardState(username: username)
        guard !throttle.isLocked(state, at: now) else { throw Refusal.locked }
        let user = try await UserRepository(db: db).find(username: username)
        var matches = false
        if let user { matches = try await password.verify(plain, created: user.passwordHash) }
        guard let user, matches, user.active else {
            try await auth.saveGuard(username: username, state: throttle.recordingFailure(state, at: now))
            throw Refusal.invalid
        }
        if state.failures > 0 { try await auth.saveGuard(username: username, state: throttle.recordingSuccess(state)) }
        let secret = TokenSecret.make()
        let lifetime: TimeInterval = kind == .web ? 12 * 3600 : 30 * 86_400
        let token = AuthTokenRecord(tokenHash: TokenSecret.hash(secret), kind: kind.rawValue, userID: user.id!,
                                    csrfToken: kind == .web ? TokenSecret.make() : nil,
                                    createdAt: now, expiresAt: now.addingTimeInterval(lifetime))
        try await auth.insert(token)
        try await AuditRepository(db: db).append(AuditEntry(
            at: now, actorID: user.id, actorName: user.username, action: "auth.login", subjectType: "user",
            subjectID: user.id!, summary: "login (\(kind.rawValue))", rulebookVersion: services.rulebook.versionShort))
        return Opened(user: user, secret: secret, token: token)
    }
}
