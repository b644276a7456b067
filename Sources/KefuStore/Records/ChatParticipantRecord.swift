import FluentKit
import Foundation

/// Someone invited into a chat beside its agent (issue 9 §3, a team leader): may read and post.
public final class ChatParticipantRecord: Model, @unchecked Sendable {
    public static let schema = "chat_participants"

    @ID(key: .id) public var id: UUID?
    @Field(key: "chat_id") public var chatID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "user_name") public var userName: String
    @Field(key: "invited_by") public var invitedBy: UUID
    @Field(key: "invited_at") public var invitedAt: Date

    public init() {}

    public init(chatID: UUID, userID: UUID, userName: String, invitedBy: UUID, invitedAt: Date) {
        self.id = RowIDs.next(at: invitedAt); self.chatID = chatID; self.userID = userID; self.userName = userName
        self.invitedBy = invitedBy; self.invitedAt = invitedAt
    }
}
