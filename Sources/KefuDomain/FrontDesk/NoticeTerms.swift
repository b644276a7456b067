import Foundation

/// How a notice reaches its recipients (FDN-03): general notices through the in-app inbox or the
/// group chat (a WeCom/DingTalk webhook), important ones printed and handed over in person.
public enum NoticeChannel: String, CaseIterable, Sendable, Codable {
    case inApp = "in_app"
    case group
    case printed
}

/// Who a notice is for (FDN-02): named people, whole teams, whole departments, or everyone. Resolved to
/// a list of people once, at publication, so later moves between teams do not change who received it.
public struct NoticeAudience: Sendable, Equatable {
    public var userIDs: [UUID]
    public var teamIDs: [UUID]
    public var departmentIDs: [UUID]
    public var everyone: Bool

    public init(userIDs: [UUID] = [], teamIDs: [UUID] = [], departmentIDs: [UUID] = [], everyone: Bool = false) {
        self.userIDs = userIDs; self.teamIDs = teamIDs; self.departmentIDs = departmentIDs; self.everyone = everyone
    }

    public var isEmpty: Bool { !everyone && userIDs.isEmpty && teamIDs.isEmpty && departmentIDs.isEmpty }

    /// The largest explicit list a form or request may name; "everyone" covers the rest.
    public static let maxListed = 500

    public var listedCount: Int { userIDs.count + teamIDs.count + departmentIDs.count }
}

/// Where a recipient stands with a notice that asks for confirmation (FDN-05).
public enum NoticeConfirmation: Equatable, Sendable {
    case notRequired, confirmed, waiting, overdue

    public static func of(required: Bool, confirmBy: Date?, confirmedAt: Date?, now: Date) -> NoticeConfirmation {
        guard required else { return .notRequired }
        if confirmedAt != nil { return .confirmed }
        if let confirmBy, now > confirmBy { return .overdue }
        return .waiting
    }
}
