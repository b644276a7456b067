/// One key that differs between two rulebook versions, with both entries (GOV-02): the staff's reading of the
/// rules tells what the last version changed in words, which needs each side's value with its form, not only
/// the text `RulebookDifference` carries.
public struct RulebookChange: Sendable, Equatable {
    public let key: String
    /// Nil for a key the earlier version did not have.
    public let before: RulebookEntry?
    /// Nil for a key the later version no longer has.
    public let after: RulebookEntry?

    public init(key: String, before: RulebookEntry?, after: RulebookEntry?) {
        self.key = key
        self.before = before
        self.after = after
    }
}

extension Rulebook {
    /// The keys whose value differs from `before` to `after`, in `after`'s order, then the keys `after` no
    /// longer has — the same keys as `compare`, with their entries.
    public static func changes(from before: Rulebook, to after: Rulebook) -> [RulebookChange] {
        let old = Dictionary(before.entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let kept = Set(after.entries.map(\.key))
        let changed = after.entries.compactMap { entry -> RulebookChange? in
            old[entry.key]?.value == entry.value ? nil : RulebookChange(key: entry.key, before: old[entry.key], after: entry)
        }
        return changed + before.entries.filter { !kept.contains($0.key) }.map { RulebookChange(key: $0.key, before: $0, after: nil) }
    }
}
