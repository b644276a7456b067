import FluentKit
import Foundation

public final class DepartmentRecord: Model, @unchecked Sendable {
    public static let schema = "departments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: String
    @Field(key: "active") public var active: Bool
    @Field(key: "version") public var version: Int
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID = UUID(), name: String, kind: String, createdAt: Date) {
        self.id = id; self.name = name; self.kind = kind; self.active = true; self.version = 1
        self.createdAt = createdAt
    }
}

public final class TeamRecord: Model, @unchecked Sendable {
    public static let schema = "teams"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "department_id") public var departmentID: UUID
    @OptionalField(key: "leader_id") public var leaderID: UUID?
    @Field(key: "active") public var active: Bool
    @Field(key: "version") public var version: Int
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID = UUID(), name: String, departmentID: UUID, leaderID: UUID?, createdAt: Date) {
        self.id = id; self.name = name; self.departmentID = departmentID; self.leaderID = leaderID
        self.active = true; self.version = 1; self.createdAt = createdAt
    }
}
