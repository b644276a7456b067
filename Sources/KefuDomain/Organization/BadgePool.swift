/// FDA-03/04: the temporary visitor cards. A card is issued from the pool in the rulebook's order, skipping
/// the cards that are out (with a visitor in the building, or lost and not yet found).
public enum BadgePool {
    /// The first free card, or nil when every card is out (the visitor cannot be let in with a card).
    public static func next(_ pool: [String], out: Set<String>) -> String? {
        pool.first { !out.contains($0) }
    }
}

/// Where a visit stands (FDV-03/04, FDA-04).
public enum VisitState: String, CaseIterable, Sendable, Codable {
    /// Pre-registered by the host; not arrived yet.
    case expected
    /// In the building with a temporary card.
    case inside = "in"
    /// Gone; the card was returned or reported lost.
    case left
    /// The host was not in and the visitor left a message instead of waiting (FDV-04).
    case messageLeft = "message_left"
}
