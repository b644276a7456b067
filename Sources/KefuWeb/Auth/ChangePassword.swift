import Foundation
import FluentKit
import KefuCore
import KefuDomain
import KefuStore

/// A user changes their own password: the current one must match; every other session and token is
/// revoked (the one in use stays), and the change is audited.
struct ChangePassword {
    let db: any Database
    let services: AppServices
    let hashing: PasswordHashing

    func run(staff: StaffUser, current: String, new: String) async throws {
        guard Credentials.isAcceptablePassword(new) else {
            throw DomainError.validation(fields: ["new_password": "error.field.password_short"])
        }
        guard let user = try await UserRepository(db: db).find(staff.id),
              try await hashing.verify(current, created: user.passwordHash) else {
            throw DomainError.validation(fields: ["current_password": "error.field.password_wrong"])
        }
        let hash = try await hashing.hash(new)
        let now = services.now()
        try await db.transaction { db in
            user.passwordHash = hash
            user.passwordChangedAt = now
            try await UserRepository(db: db).update(user, expectedVersion: user.version)
            try await AuthRepository(db: db).revokeAll(userID: staff.id, except: staff.tokenID, at: now)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "user.password_changed",
                subjectType: "user", subjectID: staff.id, summary: "password changed",
                rulebookVersion: services.rulebook.versionShort))
        }
    }
}

/// Logout: revokes the session or token in use.
struct RevokeSession {
    let db: any Database
    let services: AppServices

    func run(tokenID: UUID, staff: StaffUser) async throws {
        let now = services.now(), version = services.rulebook.versionShort
        try await db.transaction { db in
            guard let token = try await AuthTokenRecord.find(tokenID, on: db) else { return }
            try await AuthRepository(db: db).revoke(token, at: now)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "auth.logout",
                subjectType: "user", subjectID: staff.id, summary: "logout", rulebookVersion: version))
        }
    }
}
