import Foundation
import KefuDomain

/// Opaque keyset-pagination cursor (API.md "Lists"): the sort key and id of the last row of a page.
public struct Cursor: Equatable, Sendable {
    public let key: String
    public let id: UUID

    public init(key: String, id: UUID) { self.key = key; self.id = id }

    public var encoded: String {
        Data("\(key)\u{1F}\(id.uuidString)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Nil input → nil; a cursor that was not made by `encoded` → a validation error on `cursor`.
    public static func decode(_ text: String?) throws -> Cursor? {
        guard let text, !text.isEmpty else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else {
            throw DomainError.validation(fields: ["cursor": "error.cursor_invalid"])
        }
        let parts = plain.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        guard parts.count == 2, let id = UUID(uuidString: String(parts[1])) else {
            throw DomainError.validation(fields: ["cursor": "error.cursor_invalid"])
        }
        return Cursor(key: String(parts[0]), id: id)
    }

    /// PostgreSQL keeps microseconds and its driver truncates when it binds a `Date`, so a cursor date bound
    /// as is may land 1 µs low (a row repeated on the next page). Set once at start-up for PostgreSQL.
    nonisolated(unsafe) public static var bindsMicroseconds = false

    /// Dates in cursors: seconds since 1970 with microseconds (SQLite keeps milliseconds, PostgreSQL
    /// microseconds: the decimal names the stored instant exactly).
    public static func key(_ date: Date) -> String { String(format: "%.6f", date.timeIntervalSince1970) }
    public static func date(_ key: String) throws -> Date {
        // Only instants a page could have ended on: a crafted NaN or 1e300 must not reach a driver.
        guard let seconds = Double(key), seconds.isFinite, (0...4_102_444_800).contains(seconds) else {
            throw DomainError.validation(fields: ["cursor": "error.cursor_invalid"])
        }
        guard bindsMicroseconds else { return Date(timeIntervalSince1970: seconds) }
        // PostgreSQL counts microseconds since 2000 and its driver truncates: bind the stored microsecond plus
        // half a microsecond, so the truncation lands on it exactly (bound as is, it can land 1 µs low).
        let epoch2000 = 946_684_800.0
        let micro = ((seconds - epoch2000) * 1_000_000).rounded()
        return Date(timeIntervalSince1970: epoch2000 + (micro + 0.5) / 1_000_000)
    }
}

/// One page of a keyset-paginated list.
public struct KeysetPage<Item: Sendable>: Sendable {
    public let items: [Item]
    public let nextCursor: String?

    public init(items: [Item], nextCursor: String?) { self.items = items; self.nextCursor = nextCursor }

    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> KeysetPage<Other> {
        KeysetPage<Other>(items: try items.map(transform), nextCursor: nextCursor)
    }
}
