import Crypto
import Foundation

/// Random secrets for sessions, API tokens and CSRF, and the hash under which they are stored.
package enum TokenSecret {
    /// 256 random bits, base64url without padding (43 characters).
    package static func make() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        // Issue 22: the alphabet directly, not base64 then three passes of Foundation's replacingOccurrences
        // (every anonymous page got a fresh token: ~5% of a login page's CPU).
        var text: [UInt8] = []
        text.reserveCapacity(43)
        var bits = 0, count = 0
        for byte in bytes {
            bits = (bits << 8) | Int(byte)
            count += 8
            while count >= 6 {
                count -= 6
                text.append(base64URL[(bits >> count) & 63])
            }
        }
        if count > 0 { text.append(base64URL[(bits << (6 - count)) & 63]) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Lower-case hex of the secret's SHA-256 (how tokens are stored); once per signed-in request.
    package static func hash(_ secret: String) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(secret.utf8)) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let base64URL = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)
}
