import Foundation

/// When to retry a failed webhook delivery.
///
/// Attempts are 1-based. Delay before attempt k: 2 → 30 s, 3 → 2 min, 4 → 10 min,
/// 5 → 30 min, 6 → 2 h; attempts beyond the table reuse its last entry.
public struct WebhookRetryPolicy: Sendable, Hashable, Codable {
    public static let defaultDelays: [TimeInterval] = [30, 120, 600, 1_800, 7_200]
    public static let `default` = WebhookRetryPolicy()

    /// Total attempts including the first (≥ 1).
    public var maxAttempts: Int
    /// `delays[i]` is the wait before attempt `i + 2`.
    public var delays: [TimeInterval]

    public init(maxAttempts: Int = 6, delays: [TimeInterval] = WebhookRetryPolicy.defaultDelays) {
        self.maxAttempts = max(1, maxAttempts)
        self.delays = delays
    }

    /// Wait before attempt `attempt` (nil for the first attempt or beyond `maxAttempts`).
    public func delay(beforeAttempt attempt: Int) -> TimeInterval? {
        guard attempt >= 2, attempt <= maxAttempts else { return nil }
        guard let last = delays.last else { return 0 }
        return attempt - 2 < delays.count ? delays[attempt - 2] : last
    }

    /// When to make the attempt following `attempt` (which ended at `date`);
    /// nil when the budget is exhausted. `attempt < 1` means "not tried yet" → `date`.
    public func nextAttempt(after attempt: Int, at date: Date) -> Date? {
        if attempt < 1 { return date }
        return delay(beforeAttempt: attempt + 1).map { date.addingTimeInterval($0) }
    }

    /// Whether an HTTP outcome is worth retrying: nil (network error/timeout), 408, 429
    /// and 5xx → true; 2xx (done) and every other status (give up) → false.
    /// A 2xx with a robot `errcode` ≠ 0 is judged by `WebhookResponseCheck`.
    public func isRetryable(statusCode: Int?) -> Bool {
        guard let statusCode else { return true }
        switch statusCode {
        case 408, 429, 500...599: return true
        default: return false
        }
    }
}
