import Crypto
import Foundation

/// Signing for DingTalk robots with "加签" security enabled.
///
/// `sign = urlEncode(base64(HMAC-SHA256(key: secret, message: "\(timestamp)\n\(secret)")))`,
/// appended as `timestamp=…&sign=…` to the robot URL's query.
public enum DingTalkSignature {
    /// Unreserved characters of RFC 3986; everything else (notably Base64's `+ / =`) is percent-encoded.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )

    /// The Base64 signature (not URL-encoded).
    public static func sign(secret: String, timestampMillis: Int64) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestampMillis)\n\(secret)".utf8),
                                                  using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// `base` with `timestamp` and `sign` appended to its query (keeping any existing
    /// query, e.g. `access_token`, and any fragment). `timestampMillis` is Unix epoch ms;
    /// DingTalk rejects timestamps more than one hour from its clock.
    public static func signedURL(base: URL, secret: String, timestampMillis: Int64) -> URL {
        let signature = sign(secret: secret, timestampMillis: timestampMillis)
        let encoded = signature.addingPercentEncoding(withAllowedCharacters: unreserved) ?? signature
        let added = "timestamp=\(timestampMillis)&sign=\(encoded)"

        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: true) else {
            // Unreachable for well-formed URLs; fall back to plain string appending.
            let separator = base.query.map { $0.isEmpty ? "" : "&" } ?? "?"
            return URL(string: base.absoluteString + separator + added) ?? base
        }
        if let existing = components.percentEncodedQuery, !existing.isEmpty {
            components.percentEncodedQuery = existing + "&" + added
        } else {
            components.percentEncodedQuery = added
        }
        return components.url ?? base
    }
}
