import Foundation

/// Issue 9 "an agent reading a chat not assigned to them": the one place that says who may read a chat, post
/// in it, and hand it on. Reading: the assigned agent, invited participants, a leader of the agent's (or the
/// chat's) team, a department-scoped leader of the agent's department, and center-wide roles (QA reads chat
/// logs for QA-11). Posting: the assigned agent and invited participants only — a reader is not a writer.
/// Handing on (transfer, invite, linking the case): the assigned agent or a leader who may read it.
public enum ChatAccess {
    public struct Viewer: Sendable, Equatable {
        public let userID: UUID
        public let scope: DataScope
        public let departmentID: UUID?
        public let teamsLed: Set<UUID>
        /// Works the queue (front line): may look at a chat nobody holds yet, to take it.
        public let takesChats: Bool

        public init(userID: UUID, scope: DataScope, departmentID: UUID?, teamsLed: Set<UUID>, takesChats: Bool) {
            self.userID = userID; self.scope = scope; self.departmentID = departmentID; self.teamsLed = teamsLed
            self.takesChats = takesChats
        }
    }

    public struct Parties: Sendable, Equatable {
        public let agentID: UUID?
        public let agentTeamID: UUID?
        public let agentDepartmentID: UUID?
        /// The team whose queue the chat is in (routing or a transfer to a team).
        public let chatTeamID: UUID?
        public let participantIDs: Set<UUID>
        public let queued: Bool

        public init(agentID: UUID?, agentTeamID: UUID?, agentDepartmentID: UUID?, chatTeamID: UUID?, participantIDs: Set<UUID>, queued: Bool) {
            self.agentID = agentID; self.agentTeamID = agentTeamID; self.agentDepartmentID = agentDepartmentID
            self.chatTeamID = chatTeamID; self.participantIDs = participantIDs; self.queued = queued
        }
    }

    public static func mayRead(_ viewer: Viewer, _ chat: Parties) -> Bool {
        if mayPost(viewer, chat) { return true }
        if chat.queued, viewer.takesChats { return true }
        return isLeader(viewer, chat)
    }

    public static func mayPost(_ viewer: Viewer, _ chat: Parties) -> Bool {
        chat.agentID == viewer.userID || chat.participantIDs.contains(viewer.userID)
    }

    /// Transfer, invite a leader, continue another case: the agent, or a leader over the chat.
    public static func mayHandOn(_ viewer: Viewer, _ chat: Parties) -> Bool {
        (chat.agentID != nil && chat.agentID == viewer.userID) || isLeader(viewer, chat)
    }

    static func isLeader(_ viewer: Viewer, _ chat: Parties) -> Bool {
        switch viewer.scope {
        case .all: return true
        case .department: return viewer.departmentID != nil && viewer.departmentID == chat.agentDepartmentID
        case .team: return [chat.agentTeamID, chat.chatTeamID].contains { $0.map(viewer.teamsLed.contains) ?? false }
        case .own: return false
        }
    }
}
