import Foundation

/// Makes time-ordered row ids in the UUIDv7 layout of RFC 9562 §5.7 (issue 22): 48 bits of Unix
/// milliseconds, the version (7), 12 bits, the variant (10), 62 bits.
///
/// Why: with random (v4) ids every insert lands on a random page of the primary-key index and of every
/// index that holds the id (`subject_id`, `case_id`, `customer_id` …); with ids that grow with time,
/// new rows append to the right-hand pages that are already in memory (docs/PERFORMANCE.md).
///
/// The 74 bits after the timestamp follow RFC 9562 §6.2 method 2 ("monotonic random"): a new millisecond
/// starts them at a random value whose top bit is clear (room for increments), and each further id in the
/// same millisecond adds a random step of 1…2³², so ids made one after the other always sort after each
/// other and the next one is still not guessable.
///
/// A pure value: the time is the caller's (the app's clock, `services.now()`) and so is the random source,
/// so tests drive it with a fixed clock and a seeded generator. Ordering holds in the stored form on both
/// databases: PostgreSQL compares `uuid` values bytewise, and SQLite stores Fluent's UUIDs as their
/// 36-character upper-case text, whose byte order (0-9 < A-F, hyphens at fixed places) is the bytes' order.
public struct TimeOrderedIDGenerator: Sendable {
    /// A clock that moves back by at most this much keeps counting on from the last id's millisecond
    /// (ordering and uniqueness kept); beyond it the generator starts over from the new time with fresh
    /// random bits (uniqueness then rests on 74 random bits, as v4 rests on 122), so that a clock once set
    /// a year ahead and corrected does not stamp a year-ahead time on every id until a restart.
    public static let maximumRollback: TimeInterval = 10

    private(set) var lastMilliseconds: UInt64?
    /// The 74 bits after the timestamp: `high` holds the 12 bits before the variant, `low` the 62 after it.
    private var high: UInt16 = 0
    private var low: UInt64 = 0

    private static let lowLimit: UInt64 = 1 << 62
    private static let highLimit: UInt16 = 1 << 12
    private static let maximumMilliseconds: UInt64 = (1 << 48) - 1

    public init() {}

    /// The next id at `now`: greater than every id this generator made before, unless the clock went back
    /// by more than `maximumRollback`.
    public mutating func next<Random: RandomNumberGenerator>(at now: Date, using random: inout Random) -> UUID {
        let clock = Self.milliseconds(of: now)
        if let last = lastMilliseconds, clock <= last, last - clock <= UInt64(Self.maximumRollback * 1000) {
            // Same millisecond, or a small step back: count on from the last id.
            if !increment(by: UInt64.random(in: 1...(1 << 32), using: &random)) {
                // 2⁷³ ids in one millisecond cannot happen in practice; if it did, borrow the next one.
                start(at: min(last + 1, Self.maximumMilliseconds), using: &random)
            }
        } else {
            start(at: clock, using: &random)
        }
        return makeID()
    }

    /// The Unix time in the id's first 48 bits, or nil when `id` is not a version 7 UUID (old random rows).
    public static func timestamp(of id: UUID) -> Date? {
        let bytes = id.uuid
        guard bytes.6 >> 4 == 7, bytes.8 >> 6 == 0b10 else { return nil }
        let milliseconds = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    private mutating func start<Random: RandomNumberGenerator>(at milliseconds: UInt64, using random: inout Random) {
        lastMilliseconds = milliseconds
        // The top bit of the 74 stays clear so that increments have room (RFC 9562 §6.2, "counter rollover").
        high = UInt16.random(in: 0..<(Self.highLimit / 2), using: &random)
        low = UInt64.random(in: 0..<Self.lowLimit, using: &random)
    }

    /// Adds `step` to the 74 bits; false when they would overflow.
    private mutating func increment(by step: UInt64) -> Bool {
        let sum = low + step  // low < 2⁶² and step ≤ 2³²: no UInt64 overflow
        guard sum >= Self.lowLimit else { low = sum; return true }
        guard high + 1 < Self.highLimit else { return false }
        high += 1
        low = sum - Self.lowLimit
        return true
    }

    private func makeID() -> UUID {
        let ms = lastMilliseconds ?? 0
        return UUID(uuid: (
            UInt8(truncatingIfNeeded: ms >> 40), UInt8(truncatingIfNeeded: ms >> 32), UInt8(truncatingIfNeeded: ms >> 24),
            UInt8(truncatingIfNeeded: ms >> 16), UInt8(truncatingIfNeeded: ms >> 8), UInt8(truncatingIfNeeded: ms),
            0x70 | UInt8(truncatingIfNeeded: high >> 8), UInt8(truncatingIfNeeded: high),
            0x80 | UInt8(truncatingIfNeeded: low >> 56), UInt8(truncatingIfNeeded: low >> 48),
            UInt8(truncatingIfNeeded: low >> 40), UInt8(truncatingIfNeeded: low >> 32), UInt8(truncatingIfNeeded: low >> 24),
            UInt8(truncatingIfNeeded: low >> 16), UInt8(truncatingIfNeeded: low >> 8), UInt8(truncatingIfNeeded: low)))
    }

    /// Whole milliseconds since 1970, clamped to what 48 bits hold (times before 1970 count as 1970).
    static func milliseconds(of date: Date) -> UInt64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard value.isFinite, value > 0 else { return 0 }
        return value >= Double(maximumMilliseconds) ? maximumMilliseconds : UInt64(value)
    }
}

/// Time-ordered ids for a process that runs several clocks at once: the tests run many apps side by side,
/// each with its own fixed or moving clock, and a server started with `--clock-start` runs ahead of the
/// system. Each clock keeps its own generator (a lane), so the ids of one clock stay in order even while
/// another clock, days apart, makes ids in between. A time goes to the latest lane within
/// `TimeOrderedIDGenerator.maximumRollback` of it, before or after; none → a new lane with fresh random
/// bits. Never a lane further away: a clock running ahead would otherwise carry another clock's lane off,
/// and that clock's next id would start over with fresh bits in a millisecond it already used. A new lane
/// costs no order for a clock that moved forward (its ids are in a later millisecond anyway). At most
/// `maximumLanes` are kept, the least recently used dropped. With one clock — a server in production —
/// ids come out in the same order as from one `TimeOrderedIDGenerator`.
public struct TimeOrderedIDClocks: Sendable {
    public static let maximumLanes = 64
    /// Least recently used first.
    private var lanes: [TimeOrderedIDGenerator] = []

    public init() {}

    public mutating func next<Random: RandomNumberGenerator>(at now: Date, using random: inout Random) -> UUID {
        let clock = TimeOrderedIDGenerator.milliseconds(of: now)
        let window = UInt64(TimeOrderedIDGenerator.maximumRollback * 1000)
        let fitting = lanes.indices.filter {
            let last = lanes[$0].lastMilliseconds ?? 0
            return last <= clock + window && clock <= last + window
        }
        let chosen = fitting.max { (lanes[$0].lastMilliseconds ?? 0) < (lanes[$1].lastMilliseconds ?? 0) }
        var lane = chosen.map { lanes.remove(at: $0) } ?? TimeOrderedIDGenerator()
        let id = lane.next(at: now, using: &random)
        lanes.append(lane)
        if lanes.count > Self.maximumLanes { lanes.removeFirst() }
        return id
    }
}
