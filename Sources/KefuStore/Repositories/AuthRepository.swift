import FluentKit
import Foundation
import KefuDomain
import SQLKit

/// What a request needs of its session or token and of the user it belongs to.
public struct SignedInAccount: Sendable {
    public let tokenID: UUID
    public let csrfToken: String?
    public let userID: UUID
    public let username: String
    public let displayName: String
    public let roles: [Role]
    public let departmentID: UUID?
    public let teamID: UUID?
    public let language: String
}

/// Sessions, API tokens and the per-username login guard.
public struct AuthRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func insert(_ token: AuthTokenRecord) async throws { try await token.create(on: db) }

    /// An unrevoked, unexpired token by the hash of its secret.
    public func activeToken(hash: String, at now: Date) async throws -> AuthTokenRecord? {
        try await AuthTokenRecord.query(on: db).filter(\.$tokenHash == hash).filter(\.$revokedAt == nil)
            .filter(\.$expiresAt > now).first()
    }

    /// The signed-in account of a request: an unrevoked, unexpired token of `kind` joined with its user,
    /// if that user is active — one statement with the columns a request needs (issue 22; it was two
    /// reads of whole rows). Nothing is cached, so a revoked session, a changed password (which revokes
    /// every token) or a deactivated account is refused at the very next request.
    public func signedIn(hash: String, kind: String, at now: Date) async throws -> SignedInAccount? {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(AuthTokenRecord.schema) }
        let token = { (column: String) in SQLColumn(column, table: AuthTokenRecord.schema) }
        let user = { (column: String) in SQLColumn(column, table: UserRecord.schema) }
        guard let row = try await sql.select()
            .column(token("id"), as: "token_id").column(token("csrf_token"))
            .column(user("id"), as: "user_id").column(user("username")).column(user("display_name"))
            .column(user("roles")).column(user("department_id")).column(user("team_id")).column(user("language"))
            .from(AuthTokenRecord.schema)
            .join(UserRecord.schema, on: user("id"), .equal, token("user_id"))
            .where(token("token_hash"), .equal, SQLBind(hash))  // the unique index auth_tokens' token_hash
            .where(token("kind"), .equal, SQLBind(kind))
            .where(token("revoked_at"), .is, SQLLiteral.null)
            .where(token("expires_at"), .greaterThan, SQLBind(now))
            .where(user("active"), .equal, SQLBind(true))
            .limit(1)
            .first()
        else { return nil }
        return SignedInAccount(
            tokenID: try row.decode(column: "token_id", as: UUID.self),
            csrfToken: try row.decode(column: "csrf_token", as: String?.self),
            userID: try row.decode(column: "user_id", as: UUID.self),
            username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            roles: UserRecord.roles(from: try row.decode(column: "roles", as: String.self)),
            departmentID: try row.decode(column: "department_id", as: UUID?.self),
            teamID: try row.decode(column: "team_id", as: UUID?.self),
            language: try row.decode(column: "language", as: String.self))
    }

    public func revoke(_ token: AuthTokenRecord, at now: Date) async throws {
        token.revokedAt = now
        try await token.save(on: db)
    }

    /// Revokes every session and token of a user (password changed, account deactivated).
    public func revokeAll(userID: UUID, except keep: UUID? = nil, at now: Date) async throws {
        var query = AuthTokenRecord.query(on: db).filter(\.$userID == userID).filter(\.$revokedAt == nil)
        if let keep { query = query.filter(\.$id != keep) }
        try await query.set(\.$revokedAt, to: now).update()
    }

    /// Charges one login attempt to `username` before its password is checked, in single atomic
    /// statements, so that parallel guesses all count (API.md "Login protection"). Returns nil when the
    /// account is locked (nothing charged), else the failures counted in the current window, this one included.
    public func chargeAttempt(username: String, at now: Date, throttle: LoginThrottle) async throws -> Int? {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("login_guards") }
        try await sql.insert(into: LoginGuardRecord.schema)
            .columns("id", "username", "failures")
            .values(SQLBind(UUID()), SQLBind(username), SQLBind(0))
            .ignoringConflicts(with: ["username"])
            .run()
        let lockedUntil = try await sql.select().column("locked_until").from(LoginGuardRecord.schema)
            .where("username", .equal, SQLBind(username)).first(decodingColumn: "locked_until", as: Date?.self) ?? nil
        if let lockedUntil, now < lockedUntil { return nil }
        let cutoff = now.addingTimeInterval(-throttle.window)
        let fresh = SQLRaw("(window_started_at IS NULL OR window_started_at <= ")
        let rows = try await sql.update(LoginGuardRecord.schema)
            .set("failures", to: SQLList([SQLRaw("CASE WHEN "), fresh, SQLBind(cutoff), SQLRaw(") THEN 1 ELSE failures + 1 END")], separator: SQLRaw("")))
            .set("window_started_at", to: SQLList([SQLRaw("CASE WHEN "), fresh, SQLBind(cutoff), SQLRaw(") THEN "), SQLBind(now), SQLRaw(" ELSE window_started_at END")], separator: SQLRaw("")))
            .where("username", .equal, SQLBind(username))
            .returning("failures")
            .all(decodingColumn: "failures", as: Int.self)
        return rows.first ?? 1
    }

    /// A failed attempt that reached the limit locks the account for `throttle.lockFor`.
    public func lock(username: String, at now: Date, throttle: LoginThrottle) async throws {
        try await LoginGuardRecord.query(on: db).filter(\.$username == username)
            .set(\.$lockedUntil, to: now.addingTimeInterval(throttle.lockFor))
            .set(\.$failures, to: 0).set(\.$windowStartedAt, to: nil).update()
    }

    /// The right password clears the count of failures.
    public func clearFailures(username: String) async throws {
        try await LoginGuardRecord.query(on: db).filter(\.$username == username)
            .set(\.$failures, to: 0).set(\.$windowStartedAt, to: nil).update()
    }

    private func guardRecord(_ username: String) async throws -> LoginGuardRecord? {
        try await LoginGuardRecord.query(on: db).filter(\.$username == username).first()
    }
}
