import Foundation

/// What a chat message may be (issue 9 "bad input"): text within the size limit with control characters
/// refused (binary content), an image only when its bytes are a real PNG, JPEG, GIF or WebP within the byte
/// limit. HTML is kept as text — pages escape it when they show it.
public struct ChatMessagePolicy: Sendable, Equatable {
    public let maxCharacters: Int
    public let maxImageBytes: Int

    public init(maxCharacters: Int, maxImageBytes: Int) {
        self.maxCharacters = maxCharacters; self.maxImageBytes = maxImageBytes
    }

    public enum Refusal: String, Error, Sendable { case empty, tooLong = "too_long", binary, notAnImage = "not_an_image", imageTooLarge = "image_too_large" }

    /// The text as it will be stored (trimmed), or the reason it is refused.
    public func text(_ raw: String) throws(Refusal) -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw .empty }
        if text.count > maxCharacters { throw .tooLong }
        // Tabs and newlines are text; any other control character (NUL, ESC …) means binary content.
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
            throw .binary
        }
        return text
    }

    /// The image's media type from its first bytes (never from the name or the declared type).
    public func imageType(_ bytes: [UInt8]) throws(Refusal) -> String {
        if bytes.count > maxImageBytes { throw .imageTooLarge }
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        throw .notAnImage
    }
}

/// A flood guard per chat and party: at most `limit` messages in any `window` (sliding), in memory per node —
/// a flood is a burst on one connection, so a per-node count is enough.
public struct ChatRateWindow: Sendable, Equatable {
    public let limit: Int
    public let window: TimeInterval
    public private(set) var times: [Date] = []

    public init(limit: Int, window: TimeInterval) { self.limit = limit; self.window = window }

    /// Records a message at `now` when the window has room; false (refuse, 429) when it has not.
    public mutating func admit(at now: Date) -> Bool {
        times.removeAll { now.timeIntervalSince($0) >= window }
        guard times.count < limit else { return false }
        times.append(now)
        return true
    }
}
