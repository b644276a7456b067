import FluentKit
import Foundation

/// A web session or an API bearer token. Only the SHA-256 of the secret is stored, so a stolen
/// database does not hand out sessions; sessions live here so that several nodes share them.
public final class AuthTokenRecord: Model, @unchecked Sendable {
    public static let schema = "auth_tokens"

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "kind") public var kind: String
    @Field(key: "user_id") public var userID: UUID
    /// The CSRF token of a web session (synchronizer token pattern); nil for API tokens.
    @OptionalField(key: "csrf_token") public var csrfToken: String?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    public init(id: UUID = UUID(), tokenHash: String, kind: String, userID: UUID, csrfToken: String?,
                createdAt: Date, expiresAt: Date) {
        self.id = id; self.tokenHash = tokenHash; self.kind = kind; self.userID = userID
        self.csrfToken = csrfToken; self.createdAt = createdAt; self.expiresAt = expiresAt
    }
}

/// Failed-login bookkeeping per username (API.md "Login protection"); kept even for unknown usernames
/// so that the answer never reveals whether an account exists.
public final class LoginGuardRecord: Model, @unchecked Sendable {
    public static let schema = "login_guards"

    @ID(key: .id) public var id: UUID?
    @Field(key: "username") public var username: String
    @Field(key: "failures") public var failures: Int
    @OptionalField(key: "window_started_at") public var windowStartedAt: Date?
    @OptionalField(key: "locked_until") public var lockedUntil: Date?

    public init() {}

    public init(username: String) {
        self.id = UUID(); self.username = username; self.failures = 0
    }
}
