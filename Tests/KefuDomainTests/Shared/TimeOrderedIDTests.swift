import Foundation
@testable import KefuDomain
import Testing

/// Issue 22: row ids in the UUIDv7 layout that sort in the order they were made.
@Suite("Time-ordered ids (UUIDv7): layout, timestamp, order within and across milliseconds")
struct TimeOrderedIDTests {
    @Test("An id carries version 7 and the RFC 9562 variant (10), as PostgreSQL and any UUID parser expect")
    func versionAndVariant() {
        // given
        var generator = TimeOrderedIDGenerator(), random = SplitMix64(seed: 1)
        // when
        let ids = (0..<1_000).map { _ in generator.next(at: .t0, using: &random) }
        // then
        for id in ids {
            #expect(id.uuid.6 >> 4 == 7, "\(id)")
            #expect(id.uuid.8 >> 6 == 0b10, "\(id)")
            #expect(UUID(uuidString: id.uuidString) == id)
        }
        #expect(Set(ids).count == ids.count)
    }

    @Test("The first 48 bits are the clock's Unix milliseconds and read back as the same instant",
          arguments: [Date.t0, Date(timeIntervalSince1970: 0.001), Date(timeIntervalSince1970: 1_795_426_200.123)])
    func timestampRoundTrip(now: Date) throws {
        var generator = TimeOrderedIDGenerator(), random = SplitMix64(seed: 2)
        let id = generator.next(at: now, using: &random)
        let stamped = try #require(TimeOrderedIDGenerator.timestamp(of: id))
        // Compared in whole milliseconds: `Date` keeps its time from 2001, so 0.001 s since 1970 reads back 0.00100004….
        #expect((stamped.timeIntervalSince1970 * 1000).rounded() == (now.timeIntervalSince1970 * 1000).rounded(.down))
    }

    @Test("A random (v4) id has no timestamp: old rows are told apart from new ones")
    func oldRandomIDs() {
        #expect(TimeOrderedIDGenerator.timestamp(of: UUID(uuidString: "1F0C5B9E-3C2A-4D7B-9E1F-2A3B4C5D6E7F")!) == nil)
    }

    @Test("Ids made in the same millisecond sort strictly in the order they were made, as bytes and as stored text")
    func sameMillisecond() {
        // given: a clock that does not move (the tests' fixed clock, or a burst within one millisecond)
        var generator = TimeOrderedIDGenerator(), random = SplitMix64(seed: 3)
        // when
        let ids = (0..<10_000).map { _ in generator.next(at: .t0, using: &random) }
        // then
        for (earlier, later) in zip(ids, ids.dropFirst()) {
            #expect(earlier.bytes.lexicographicallyPrecedes(later.bytes), "\(earlier) then \(later)")
            #expect(earlier.uuidString < later.uuidString, "SQLite compares the stored text")
            #expect(TimeOrderedIDGenerator.timestamp(of: later) == TimeOrderedIDGenerator.timestamp(of: earlier))
        }
    }

    @Test("Ids made across milliseconds sort by time, whatever their random bits")
    func acrossMilliseconds() {
        var generator = TimeOrderedIDGenerator(), random = SplitMix64(seed: 4)
        let times = (0..<2_000).map { Date.t0.addingTimeInterval(Double($0 / 3) * 0.001) }  // three ids per millisecond
        let ids = times.map { generator.next(at: $0, using: &random) }
        for (earlier, later) in zip(ids, ids.dropFirst()) {
            #expect(earlier.bytes.lexicographicallyPrecedes(later.bytes), "\(earlier) then \(later)")
            #expect(earlier.uuidString < later.uuidString)
        }
        #expect(ids.map { (TimeOrderedIDGenerator.timestamp(of: $0)!.timeIntervalSince1970 * 1000).rounded() }
                == times.map { ($0.timeIntervalSince1970 * 1000).rounded(.down) })
    }

    @Test("A clock that steps back a little keeps ids unique and still increasing (counted on from the last millisecond)")
    func smallRollback() {
        var generator = TimeOrderedIDGenerator(), random = SplitMix64(seed: 5)
        let before = (0..<100).map { _ in generator.next(at: .t0, using: &random) }
        let after = (0..<100).map { _ in generator.next(at: Date.t0.addingTimeInterval(-2), using: &random) }
        let ids = before + after
        #expect(Set(ids).count == ids.count)
        for (earlier, later) in zip(ids, ids.dropFirst()) {
            #expect(earlier.bytes.lexicographicallyPrecedes(later.bytes))
        }
        #expect(TimeOrderedIDGenerator.timestamp(of: after.last!) == TimeOrderedIDGenerator.timestamp(of: before.last!))
    }

    @Test("A clock set back by more than the limit starts over from the new time, and no id repeats")
    func largeRollback() {
        // given: ids made a day ahead
        var generator = TimeOrderedIDGenerator(), random = SplitMix64(seed: 6)
        let later = Date.t0.addingTimeInterval(86_400)
        let first = (0..<500).map { _ in generator.next(at: later, using: &random) }
        // when: the clock is corrected a day back
        let second = (0..<500).map { _ in generator.next(at: .t0, using: &random) }
        // then
        #expect(Set(first + second).count == 1_000)
        #expect(TimeOrderedIDGenerator.timestamp(of: second[0]) == .t0)
        for (earlier, next) in zip(second, second.dropFirst()) {
            #expect(earlier.bytes.lexicographicallyPrecedes(next.bytes))
        }
    }

    @Test("Times outside what 48 bits hold are clamped, not trapped on")
    func extremeTimes() {
        var generator = TimeOrderedIDGenerator(), random = SplitMix64(seed: 7)
        #expect(TimeOrderedIDGenerator.timestamp(of: generator.next(at: Date(timeIntervalSince1970: -5), using: &random)) == Date(timeIntervalSince1970: 0))
        var other = TimeOrderedIDGenerator()
        #expect(TimeOrderedIDGenerator.timestamp(of: other.next(at: .distantFuture, using: &random)) != nil)
    }
}

@Suite("Time-ordered ids with several clocks in one process (the tests' apps side by side)")
struct TimeOrderedIDClocksTests {
    @Test("Two clocks days apart, interleaved, each keep their own ids in order and stamped with their own time")
    func interleavedClocks() {
        // given
        var clocks = TimeOrderedIDClocks(), random = SplitMix64(seed: 8)
        let later = Date.t0.addingTimeInterval(14 * 86_400)
        // when: a fixed clock at t0 and a clock two weeks on take turns
        var atT0: [UUID] = [], atLater: [UUID] = []
        for _ in 0..<500 {
            atT0.append(clocks.next(at: .t0, using: &random))
            atLater.append(clocks.next(at: later, using: &random))
        }
        // then
        for ids in [atT0, atLater] {
            for (earlier, next) in zip(ids, ids.dropFirst()) { #expect(earlier.bytes.lexicographicallyPrecedes(next.bytes)) }
        }
        #expect(atT0.allSatisfy { TimeOrderedIDGenerator.timestamp(of: $0) == .t0 })
        #expect(atLater.allSatisfy { TimeOrderedIDGenerator.timestamp(of: $0) == later })
        #expect(Set(atT0 + atLater).count == 1_000)
    }

    @Test("A clock that starts an hour ahead does not carry off the lane of a clock that stays, whatever the random bits", arguments: 0..<20)
    func noLaneTakenOver(seed: UInt64) {
        var clocks = TimeOrderedIDClocks(), random = SplitMix64(seed: 100 + seed)
        let first = clocks.next(at: .t0, using: &random)
        _ = clocks.next(at: Date.t0.addingTimeInterval(3_600), using: &random)
        let second = clocks.next(at: .t0, using: &random)
        #expect(first.bytes.lexicographicallyPrecedes(second.bytes))
    }

    @Test("A clock moving forward stays on its lane; one clock alone is a single generator")
    func oneClock() {
        var clocks = TimeOrderedIDClocks(), single = TimeOrderedIDGenerator()
        var random1 = SplitMix64(seed: 9), random2 = SplitMix64(seed: 9)
        let times = (0..<300).map { Date.t0.addingTimeInterval(Double($0 / 7) * 0.25 - ($0 % 11 == 0 ? 3 : 0)) }
        #expect(times.map { clocks.next(at: $0, using: &random1) } == times.map { single.next(at: $0, using: &random2) })
    }

    @Test("More clocks than lanes: the least recently used lane is dropped, and ids stay unique")
    func manyClocks() {
        var clocks = TimeOrderedIDClocks(), random = SplitMix64(seed: 10)
        var ids: [UUID] = []
        for round in 0..<3 {
            for clock in 0..<(TimeOrderedIDClocks.maximumLanes + 4) {
                ids.append(clocks.next(at: Date.t0.addingTimeInterval(Double(clock) * -3_600 + Double(round) * 0.001), using: &random))
            }
        }
        #expect(Set(ids).count == ids.count)
    }
}

/// A seeded random source, so that a failure repeats (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UUID {
    fileprivate var bytes: [UInt8] { withUnsafeBytes(of: uuid) { Array($0) } }
}
