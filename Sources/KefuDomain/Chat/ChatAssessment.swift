import Foundation

/// CHN-16 on the team-leader board: a chat is at risk when its answer is due within `warnWithin` or already
/// overdue. A breach is `first` when no agent had written yet (the first-response clock), else `message`.
public enum ChatAtRisk {
    /// The board warns this long before the answer is due (a third of the 60-second first-response rule).
    public static let warnWithin: TimeInterval = 20

    /// Whole seconds left until `due` (negative: seconds over), rounded toward "less time left".
    public static func secondsLeft(due: Date, now: Date) -> Int { Int(due.timeIntervalSince(now).rounded(.down)) }

    public enum BreachKind: String, Sendable, CaseIterable { case first, message }

    public static func kind(agentHasAnswered: Bool) -> BreachKind { agentHasAnswered ? .message : .first }
}

/// QA-11 / KB-14: whether the agent used the organization's unified greeting and closing in a chat, so the
/// inspector's scorecard starts from what the transcript shows. Spaces and the usual punctuation are ignored
/// (an agent who types the phrase by hand and adds a comma still used it).
public enum ChatPhraseCheck {
    /// The greeting is used when one of the agent's first two messages holds it.
    public static func greetingUsed(_ greeting: String, agentMessages: [String]) -> Bool {
        let wanted = normalized(greeting)
        guard !wanted.isEmpty else { return false }
        return agentMessages.prefix(2).contains { normalized($0).contains(wanted) }
    }

    /// The closing is used when the agent's last message holds it.
    public static func closingUsed(_ closing: String, agentMessages: [String]) -> Bool {
        let wanted = normalized(closing)
        guard !wanted.isEmpty, let last = agentMessages.last else { return false }
        return normalized(last).contains(wanted)
    }

    static func normalized(_ text: String) -> String {
        let ignored = CharacterSet.whitespacesAndNewlines.union(.punctuationCharacters).union(.symbols)
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !ignored.contains($0) }))
    }
}

/// ORG-08/09/11: one typing sample posted by the test page or the console, checked for sane bounds, and the
/// levels of the rulebook (`staff.typing_speed_chars_per_minute`) it reaches.
public enum TypingSample {
    public enum Source: String, Sendable, CaseIterable { case test, console }

    /// No one types Chinese faster than this; a higher figure is a script or a paste the page missed.
    public static let fastestPlausible = 400
    public static let longestSample = 3_600_000

    /// Characters per minute of a sample, or the fields that are out of bounds.
    public static func speed(source: String?, characters: Int?, milliseconds: Int?) -> Result<(Source, Int), FieldProblems> {
        var problems: [String: String] = [:]
        let parsed = source.flatMap(Source.init(rawValue:))
        if parsed == nil { problems["source"] = source == nil ? "error.field.required" : "error.field.choice" }
        guard let characters, (1...100_000).contains(characters) else {
            problems["typed_chars"] = "error.field.invalid_value"; return .failure(FieldProblems(fields: problems))
        }
        guard let milliseconds, (1...longestSample).contains(milliseconds) else {
            problems["typed_ms"] = "error.field.invalid_value"; return .failure(FieldProblems(fields: problems))
        }
        let segment = TypingSpeed.Segment(characters: characters, seconds: Double(milliseconds) / 1000, pasted: false)
        guard let speed = TypingSpeed.charactersPerMinute([segment]) else {
            problems["typed_chars"] = "error.typing.too_short"; return .failure(FieldProblems(fields: problems))
        }
        if speed > fastestPlausible { problems["typed_ms"] = "error.typing.implausible" }
        guard problems.isEmpty, let parsed else { return .failure(FieldProblems(fields: problems)) }
        return .success((parsed, speed))
    }

    public struct FieldProblems: Error, Sendable { public let fields: [String: String] }
}
