import Fluent
import FluentKit
import Foundation
import KefuCore
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
        // A name that cannot exist is refused after the same bcrypt work as a real one (no timing hint)
        // and leaves no guard row behind.
        guard Credentials.isValidUsername(username), plain.count <= 128 else {
            _ = try await password.verify(String(plain.prefix(128)), created: try await password.dummyHash())
            throw Refusal.invalid
        }
        guard let failures = try await auth.chargeAttempt(username: username, at: now, throttle: throttle) else {
            throw Refusal.locked
        }
        let user = try await UserRepository(db: db).find(username: username)
        let digest: String
        if let user { digest = user.passwordHash } else { digest = try await password.dummyHash() }
        let matches = try await password.verify(plain, created: digest)
        guard let user, matches, user.active else {
            if failures >= throttle.maxFailures { try await auth.lock(username: username, at: now, throttle: throttle) }
            throw Refusal.invalid
        }
        try await auth.clearFailures(username: username)
        let secret = TokenSecret.make()
        let lifetime: TimeInterval = kind == .web ? 12 * 3600 : 30 * 86_400
        let token = AuthTokenRecord(tokenHash: TokenSecret.hash(secret), kind: kind.rawValue, userID: user.id!,
                                    csrfToken: kind == .web ? TokenSecret.make() : nil,
                                    createdAt: now, expiresAt: now.addingTimeInterval(lifetime))
        let version = services.rulebook.versionShort
        try await db.transaction { db in
            try await AuthRepository(db: db).insert(token)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: user.id, actorName: user.username, action: "auth.login", subjectType: "user",
                subjectID: user.id!, summary: "login (\(kind.rawValue))", rulebookVersion: version))
        }
        return Opened(user: user, secret: secret, token: token)
    }
}
