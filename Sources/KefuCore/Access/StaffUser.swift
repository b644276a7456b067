import FluentKit
import Foundation
import KefuDomain
import KefuStore

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

    public init(_ user: UserRecord, token: AuthTokenRecord) {
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

    public init(_ account: SignedInAccount) {
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

