import FluentKit
import Foundation
import KefuDomain

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

    public func guardState(username: String) async throws -> LoginThrottle.State {
        guard let row = try await guardRecord(username) else { return .init() }
        return .init(failures: row.failures, windowStartedAt: row.windowStartedAt, lockedUntil: row.lockedUntil)
    }

    public func saveGuard(username: String, state: LoginThrottle.State) async throws {
        let row = try await guardRecord(username) ?? LoginGuardRecord(username: username)
        row.failures = state.failures
        row.windowStartedAt = state.windowStartedAt
        row.lockedUntil = state.lockedUntil
        try await row.save(on: db)
    }

    private func guardRecord(_ username: String) async throws -> LoginGuardRecord? {
        try await LoginGuardRecord.query(on: db).filter(\.$username == username).first()
    }
}
