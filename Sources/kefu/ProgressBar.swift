import KefuCore
import Foundation

/// A one-line progress bar on standard error (`[#####.....] 45% 900/2000 cases 12.3 s`), redrawn when
/// the percentage moves, so long work shows it is moving without flooding a log.
/// `@unchecked Sendable`: one command draws it from one task at a time (progress callbacks run in order).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    // Durations only, on the monotonic clock: the date is never read here.
    private let started = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant?
    private var lastPercent = -1

    init(label: String) { self.label = label }

    func show(_ done: Int, of total: Int) {
        let now = ContinuousClock.now
        let percent = total == 0 ? 100 : 100 * done / total
        // Redraw when the percentage moves (or each second), so a captured log gets ~100 lines, not thousands.
        guard done == total || percent != lastPercent || lastDrawn.map { $0.duration(to: now) >= .seconds(1) } ?? true else { return }
        lastDrawn = now
        lastPercent = percent
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = String(format: "\r[%@] %3d%% %d/%d %@ %.1f s", bar, percent, done, total, label, Self.seconds(started.duration(to: now)))
        FileHandle.standardError.write(Data(line.utf8))
    }

    private static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}
