import Foundation

/// Interprets a webhook HTTP response. WeCom and DingTalk answer HTTP 200 even on
/// failure, reporting `{"errcode": N, "errmsg": "..."}` in the body.
public enum WebhookResponseCheck {
    /// True when the delivery succeeded:
    /// - all formats: status must be 2xx;
    /// - wecom / dingtalk: body must be JSON with `errcode == 0`;
    /// - generic: `errcode` absent (or body not JSON / empty) or 0.
    public static func succeeded(format: WebhookFormat, statusCode: Int, body: Data) -> Bool {
        guard (200...299).contains(statusCode) else { return false }
        let code = errorCode(in: body)
        switch format {
        case .wecom, .dingtalk: return code == 0
        case .generic: return code == nil || code == 0
        }
    }

    /// The integer `errcode` of a JSON object body, if any.
    public static func errorCode(in body: Data) -> Int? {
        struct Envelope: Decodable { let errcode: Int? }
        return (try? JSONDecoder().decode(Envelope.self, from: body))?.errcode
    }
}
