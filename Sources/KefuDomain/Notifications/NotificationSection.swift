import Foundation

/// Where a notification belongs in the inbox. "Needs me now": an action waits on the reader (a case assigned to
/// them, an approval waiting for them, a deadline about to breach on their case). "For my information": someone
/// else did something the reader may want to know; these are folded into a daily digest.
public enum NotificationSection: String, CaseIterable, Codable, Sendable {
    case needsMe = "needs_me"
    case forInformation = "fyi"
}
