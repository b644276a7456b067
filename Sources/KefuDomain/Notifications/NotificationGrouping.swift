import Foundation

/// The page shows one line per case or subject: all of a reader's notifications about case KS-… together,
/// newest first. A notification without a subject (a queue-wide one, a digest) groups with its kind.
public enum NotificationGrouping {
    /// `case:<id>` for a subject, `kind:<kind>` without one.
    public static func key(subjectType: String?, subjectID: UUID?, kind: String) -> String {
        if let subjectType, let subjectID { return "\(subjectType):\(subjectID.uuidString.lowercased())" }
        return "kind:\(kind)"
    }

    /// What a group key names, to mark a group read.
    public enum Target: Sendable, Equatable {
        case subject(type: String, id: UUID)
        case kind(String)
    }

    public static func target(of key: String) -> Target? {
        guard let colon = key.firstIndex(of: ":") else { return nil }
        let head = String(key[..<colon]), tail = String(key[key.index(after: colon)...])
        guard !head.isEmpty, !tail.isEmpty, key.count <= 200 else { return nil }
        if head == "kind" { return .kind(tail) }
        guard let id = UUID(uuidString: tail) else { return nil }
        return .subject(type: head, id: id)
    }

    /// Groups `items` (already newest first) by `key`, in the order each group's newest item comes; items keep
    /// their order inside a group.
    public static func group<Item>(_ items: [Item], by key: (Item) -> String) -> [(key: String, items: [Item])] {
        var order: [String] = []
        var groups: [String: [Item]] = [:]
        for item in items {
            let name = key(item)
            if groups[name] == nil { order.append(name) }
            groups[name, default: []].append(item)
        }
        return order.map { ($0, groups[$0]!) }
    }
}
