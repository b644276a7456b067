import FluentKit
import Fluent
import Foundation
import KefuDomain
import KefuStore
import Vapor

/// The signed-in staff member of a request, with what their roles allow.
public struct StaffUser: Sendable {
    public let id: UUID
    public let username: String
    public let displayName: String
    public let roles: Set<Role>
    public let departmentID: UUID?
    public let teamID: UUID?
    public let language: UILanguage
    public let permissions: Set<Permission>
    /// The session or token this request came with (logout revokes it).
    public let tokenID: UUID
    /// The CSRF token of a web session; nil for API bearer tokens.
    public let csrfToken: String?

    init(_ user: UserRecord, token: AuthTokenRecord) {
        id = user.id!
        username = user.username
        displayName = user.displayName
        roles = Set(user.roles)
        departmentID = user.departmentID
        teamID = user.teamID
        language = UILanguage(rawValue: user.language) ?? .zhHans
        permissions = RolePermissions.permissions(of: user.roles)
        tokenID = token.id!
        csrfToken = token.csrfToken
    }

    init(_ account: SignedInAccount) {
        id = account.userID
        username = account.username
        displayName = account.displayName
        roles = Set(account.roles)
        departmentID = account.departmentID
        teamID = account.teamID
        language = UILanguage(rawValue: account.language) ?? .zhHans
        permissions = RolePermissions.permissions(of: account.roles)
        tokenID = account.tokenID
        csrfToken = account.csrfToken
    }

    public func has(_ permission: Permission) -> Bool { permissions.contains(permission) }

    public var decider: Decider { Decider(userID: id, roles: roles, departmentID: departmentID) }
}

extension Request {
    private struct StaffKey: StorageKey { typealias Value = StaffUser }

    public internal(set) var staff: StaffUser? {
        get { storage[StaffKey.self] }
        set { storage[StaffKey.self] = newValue }
    }

    /// The signed-in staff member; 401 when there is none.
    public func requireStaff() throws -> StaffUser {
        guard let staff else { throw Abort(.unauthorized) }
        return staff
    }

    /// API requests live under /api; everything else is the web UI.
    var isAPI: Bool { url.path.hasPrefix("/api/") }
}
