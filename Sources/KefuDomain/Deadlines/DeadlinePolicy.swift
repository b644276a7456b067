import Foundation

/// What the scanner must do with one clock at `now`.
public enum ScanOutcome: Equatable, Sendable {
    case breach
    case warn
    case nothing
}

/// The scanner's pure rule. Paused, met and cancelled clocks never breach; each clock warns once and
/// breaches once, so running the scan twice changes nothing (idempotent).
public enum DeadlinePolicy {
    public static func evaluate(_ clock: DeadlineClock, at now: Date) -> ScanOutcome {
        guard clock.state == .running else { return .nothing }
        if now >= clock.dueAt { return .breach }
        if clock.warnedAt == nil, now >= clock.warnAt { return .warn }
        return .nothing
    }

    /// Applies an outcome to the clock; `.nothing` leaves it untouched.
    public static func apply(_ outcome: ScanOutcome, to clock: inout DeadlineClock, at now: Date) {
        switch outcome {
        case .breach:
            clock.state = .breached
            clock.breachedAt = now
            if clock.warnedAt == nil { clock.warnedAt = now }
            clock.version += 1
        case .warn:
            clock.warnedAt = now
            clock.version += 1
        case .nothing:
            break
        }
    }
}
