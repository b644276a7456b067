import Foundation

/// The daily digest of one reader's "for my information" notifications of one day: how many of each kind,
/// largest first. Stored with the digest notification as `kind=count;…` (no language in it) and put into words
/// when the reader's page is drawn.
public struct NotificationDigest: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let kind: String
        public let count: Int

        public init(kind: String, count: Int) { self.kind = kind; self.count = count }
    }

    public let day: LocalDate
    public let lines: [Line]

    public var total: Int { lines.reduce(0) { $0 + $1.count } }

    /// The digest of `counts` (kind, count) for `day`, or nil when there is nothing to say. Only "for my
    /// information" kinds count (what needs the reader stays in front of them), never an earlier digest; a kind
    /// that comes twice is added up.
    public static func compose(day: LocalDate, counts: [(kind: String, count: Int)]) -> NotificationDigest? {
        var totals: [String: Int] = [:]
        for (kind, count) in counts where count > 0 && kind != NotificationKinds.digest
            && NotificationKinds.section(of: kind) == .forInformation {
            totals[kind, default: 0] += count
        }
        guard !totals.isEmpty else { return nil }
        let lines = totals.map { Line(kind: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.kind < $1.kind }
        return NotificationDigest(day: day, lines: lines)
    }

    public init(day: LocalDate, lines: [Line]) { self.day = day; self.lines = lines }

    /// `approval.finished=3;meeting.scheduled=1`
    public var summary: String { lines.map { "\($0.kind)=\($0.count)" }.joined(separator: ";") }

    /// The lines of a stored summary; malformed parts are skipped.
    public static func lines(of summary: String) -> [Line] {
        summary.split(separator: ";").compactMap { part in
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let count = Int(pair[1]), count > 0 else { return nil }
            return Line(kind: String(pair[0]), count: count)
        }
    }
}
