import FluentKit
import Foundation
import KefuDomain

public final class UserRecord: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "username") public var username: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "password_hash") public var passwordHash: String
    /// Roles as ",agent,team_leader," so that one role is found with LIKE '%,role,%' on both databases.
    @Field(key: "roles") public var rolesText: String
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @OptionalField(key: "team_id") public var teamID: UUID?
    @OptionalField(key: "grade") public var grade: String?
    @OptionalField(key: "skill") public var skill: String?
    @OptionalField(key: "hired_on") public var hiredOn: String?
    @Field(key: "language") public var language: String
    @Field(key: "active") public var active: Bool
    @Field(key: "version") public var version: Int
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "password_changed_at") public var passwordChangedAt: Date?

    public init() {}

    public init(id: UUID = UUID(), username: String, displayName: String, passwordHash: String, roles: [Role],
                departmentID: UUID?, teamID: UUID?, grade: Grade?, skill: Skill?, hiredOn: LocalDate?,
                language: String = "zh-Hans", createdAt: Date) {
        self.id = id; self.username = username; self.displayName = displayName; self.passwordHash = passwordHash
        self.rolesText = Self.encode(roles); self.departmentID = departmentID; self.teamID = teamID
        self.grade = grade?.rawValue; self.skill = skill?.rawValue; self.hiredOn = hiredOn?.description
        self.language = language; self.active = true; self.version = 1; self.createdAt = createdAt
    }

    public var roles: [Role] {
        get { Self.roles(from: rolesText) }
        set { rolesText = Self.encode(newValue) }
    }

    static func roles(from text: String) -> [Role] { text.split(separator: ",").compactMap { Role(rawValue: String($0)) } }

    static func encode(_ roles: [Role]) -> String {
        let ordered = Role.allCases.filter(Set(roles).contains)
        return "," + ordered.map(\.rawValue).joined(separator: ",") + ","
    }
}
