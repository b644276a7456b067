import Foundation
import NIOConcurrencyHelpers

/// Sums the console's per-message typing figures of one connection until they make a sample the typing
/// record accepts (at least 20 characters over at least 10 seconds), then hands that sample out and starts
/// again. Short chat replies alone are too small to measure a speed from.
final class ConsoleTypingMeter: Sendable {
    private let totals = NIOLockedValueBox((characters: 0, milliseconds: 0))

    static let minimumCharacters = 20
    static let minimumMilliseconds = 10_000

    func add(characters: Int, milliseconds: Int) -> (characters: Int, milliseconds: Int)? {
        guard (0...5_000).contains(characters), (0...3_600_000).contains(milliseconds), characters > 0 else { return nil }
        return totals.withLockedValue { sum in
            sum.characters += characters; sum.milliseconds += milliseconds
            guard sum.characters >= Self.minimumCharacters, sum.milliseconds >= Self.minimumMilliseconds else { return nil }
            let sample = sum
            sum = (0, 0)
            return sample
        }
    }
}
