import Foundation
import KefuDomain
import NIOConcurrencyHelpers

/// The process's source of new row ids (issue 22): the time-ordered id generators behind a lock, so that
/// ids made anywhere in the process, on any thread, sort in the order they were made (RFC 9562 monotonic
/// random) — per clock, when tests run several apps with clocks of their own (`TimeOrderedIDClocks`). `now` is always the caller's clock — the app's `services.now()` or the time the row records —
/// never the system's, so that a server started with `--clock-start` and the tests' fixed clocks stamp
/// their own time.
///
/// Old rows keep their random (v4) ids: the column is still a UUID, nothing is migrated, and ids are only
/// ever tie-breakers after a date in sorts and keyset cursors, so old and new rows page together.
public enum RowIDs {
    private static let generator = NIOLockedValueBox(TimeOrderedIDClocks())

    /// A new id stamped with `now`.
    public static func next(at now: Date) -> UUID {
        var random = SystemRandomNumberGenerator()
        return generator.withLockedValue { $0.next(at: now, using: &random) }
    }
}
