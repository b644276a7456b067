import Foundation

/// ORG-08/09/11: an agent's effective input speed — Chinese characters (and other letters) per minute over
/// what was typed, not pasted. The console reports segments of typing; pasted text and long pauses are left
/// out so a paste or a coffee break neither helps nor hurts.
public enum TypingSpeed {
    public struct Segment: Sendable, Equatable {
        public let characters: Int
        public let seconds: TimeInterval
        public let pasted: Bool

        public init(characters: Int, seconds: TimeInterval, pasted: Bool) {
            self.characters = characters; self.seconds = seconds; self.pasted = pasted
        }
    }

    /// A pause longer than this inside a segment is not typing time (the console splits segments there).
    public static let longestPause: TimeInterval = 10

    /// Characters per minute over the typed segments; nil until at least 20 characters and 10 seconds were typed.
    public static func charactersPerMinute(_ segments: [Segment]) -> Int? {
        let typed = segments.filter { !$0.pasted && $0.seconds > 0 && $0.characters > 0 }
        let characters = typed.reduce(0) { $0 + $1.characters }
        let seconds = typed.reduce(0) { $0 + $1.seconds }
        guard characters >= 20, seconds >= 10 else { return nil }
        return Int((Double(characters) * 60 / seconds).rounded(.down))
    }

    /// ORG-11: whether `speed` reaches what `grade` must type (rulebook `staff.typing_speed_chars_per_minute`).
    public static func meets(_ speed: Int, grade: Grade, rules: StaffRules) -> Bool {
        speed >= rules.typingSpeed(for: grade)
    }
}
