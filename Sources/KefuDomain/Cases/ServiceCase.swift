import Foundation

/// A case (工单): every contact with a customer, whatever its type and channel. Its first-contact owner
/// (首问负责人, CHN-12) is fixed when it is created; the assignee is whoever works on it now.
/// (`case` is a Swift keyword, hence the name.)
public struct ServiceCase: Sendable, Hashable {
    public let id: UUID
    public let number: String
    public let type: CaseType
    public let channel: CaseChannel
    public var status: CaseStatus
    public var priority: CasePriority
    /// CHN-12: the agent who first received the request owns it; assignment never changes this.
    public let ownerID: UUID
    public var assigneeID: UUID?
    public let createdAt: Date
    public var resolvedAt: Date?
    public var closedAt: Date?
    public var version: Int

    public init(id: UUID = UUID(), number: String, type: CaseType, channel: CaseChannel, priority: CasePriority = .normal,
                ownerID: UUID, createdAt: Date) {
        self.id = id; self.number = number; self.type = type; self.channel = channel; self.status = .new
        self.priority = priority; self.ownerID = ownerID; self.assigneeID = nil; self.createdAt = createdAt
        self.version = 1
    }

    public var queue: CaseQueue { type.queue }
}

extension ServiceCase {
    /// A stored case as it was saved.
    public init(id: UUID, number: String, type: CaseType, channel: CaseChannel, status: CaseStatus, priority: CasePriority,
                ownerID: UUID, assigneeID: UUID?, createdAt: Date, resolvedAt: Date?, closedAt: Date?, version: Int) {
        self.init(id: id, number: number, type: type, channel: channel, priority: priority, ownerID: ownerID, createdAt: createdAt)
        self.status = status
        self.assigneeID = assigneeID
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
        self.version = version
    }
}
