import Foundation

/// The customer's confirmation of the service voucher, given on the spot (SRV-08).
///
/// WHY two forms: a tablet captures a handwritten signature as a PNG; when no device is
/// available the customer signs the paper voucher and the service person records who
/// confirmed it, so the paper original can be matched later.
public enum CustomerSignature: Codable, Equatable, Sendable {
    /// Signature drawn on a device, as PNG bytes.
    case captured(png: Data)
    /// Signed on the paper voucher; `confirmedBy` is the name of the signing person.
    case onPaper(confirmedBy: String)

    /// 200 KB (200 × 1024 bytes): a signature image is small; anything larger is a wrong
    /// upload (a photo) and would bloat the voucher record.
    public static let maxCapturedBytes = 200 * 1024
    public static let maxConfirmedByLength = 64
    /// The 8-byte PNG file signature.
    public static let pngMagic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Builds a captured signature from base64 text (as sent by the client).
    /// Throws `.validation(fields: ["signature": …])` when the text is not base64 or the
    /// bytes are not an acceptable PNG (see `validate()`).
    public static func captured(base64: String) throws -> CustomerSignature {
        // Reject absurd payloads before decoding them.
        guard base64.utf8.count <= (maxCapturedBytes / 3 + 1) * 4 + 16 else {
            throw DomainError.validation(fields: ["signature": "error.service.signature_too_large"])
        }
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
            throw DomainError.validation(fields: ["signature": "error.service.signature_not_png"])
        }
        let signature = CustomerSignature.captured(png: data)
        let errors = signature.validate()
        guard errors.isEmpty else { throw DomainError.validation(fields: errors) }
        return signature
    }

    /// Field name → message key; empty when acceptable.
    ///
    /// Keys: `signature` → `error.service.signature_required` (empty image),
    /// `error.service.signature_too_large`, `error.service.signature_not_png`;
    /// `signatureConfirmedBy` → `error.field.required`, `error.field.too_long`.
    public func validate() -> [String: String] {
        switch self {
        case .captured(let png):
            if png.isEmpty { return ["signature": "error.service.signature_required"] }
            if png.count > Self.maxCapturedBytes { return ["signature": "error.service.signature_too_large"] }
            if !png.starts(with: Self.pngMagic) { return ["signature": "error.service.signature_not_png"] }
            return [:]
        case .onPaper(let name):
            let text = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { return ["signatureConfirmedBy": "error.field.required"] }
            if text.count > Self.maxConfirmedByLength { return ["signatureConfirmedBy": "error.field.too_long"] }
            return [:]
        }
    }
}
