import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

struct UserResponse: Content {
    let id: UUID
    let username: String
    let displayName: String
    let roles: [String]
    let departmentID: UUID?
    let teamID: UUID?
    let grade: String?
    let skill: String?
    let hiredOn: String?
    let active: Bool
    let language: String
    let version: Int
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, username, roles, grade, skill, active, language, version
        case displayName = "display_name", departmentID = "department_id", teamID = "team_id"
        case hiredOn = "hired_on", createdAt = "created_at"
    }

    init(_ user: UserRecord) {
        id = user.id!; username = user.username; displayName = user.displayName; roles = user.roles.map(\.rawValue)
        departmentID = user.departmentID; teamID = user.teamID; grade = user.grade; skill = user.skill
        hiredOn = user.hiredOn; active = user.active; language = user.language; version = user.version
        createdAt = user.createdAt
    }
}

struct CreateUserRequest: Content {
    let username: String
    let displayName: String
    let password: String
    let roles: [Role]
    let departmentID: UUID?
    let teamID: UUID?
    let grade: Grade?
    let skill: Skill?
    let hiredOn: LocalDate?

    enum CodingKeys: String, CodingKey {
        case username, password, roles, grade, skill
        case displayName = "display_name", departmentID = "department_id", teamID = "team_id", hiredOn = "hired_on"
    }
}

struct UpdateUserRequest: Content {
    let displayName: String?
    let roles: [Role]?
    let departmentID: UUID?
    let teamID: UUID?
    let grade: Grade?
    let skill: Skill?
    let active: Bool?
    let version: Int?

    /// Every field the update accepts: anything else (a `password`) is refused by name.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case roles, grade, skill, active, version
        case displayName = "display_name", departmentID = "department_id", teamID = "team_id"
    }
}

struct ListResponse<Item: Content>: Content {
    let items: [Item]
    let nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    init(_ page: KeysetPage<Item>) { items = page.items; nextCursor = page.nextCursor }

    /// API.md "Lists": `next_cursor` is always present, `null` on the last page (issue 20: it was left out).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        if let nextCursor { try container.encode(nextCursor, forKey: .nextCursor) } else { try container.encodeNil(forKey: .nextCursor) }
    }
    init(items: [Item], nextCursor: String? = nil) { self.items = items; self.nextCursor = nextCursor }
}

extension Request {
    /// `?limit=` (default 50, at most 200) and `?cursor=` of API.md "Lists"; a bad value is a 400.
    func pagination() throws -> (cursor: Cursor?, limit: Int) {
        let limitText = query[String.self, at: "limit"]
        var limit = 50
        if let limitText {
            guard let value = Int(limitText), (1...200).contains(value) else {
                throw DomainError.validation(fields: ["limit": "error.field.limit"])
            }
            limit = value
        }
        return (try Cursor.decode(query[String.self, at: "cursor"]), limit)
    }
}
