import Foundation
import KefuCore
import KefuDomain
import Vapor

/// Issue 20: the one place text enters Kefu. Every route reads its body through
/// `ContentConfiguration.global`, so these wrappers check the raw input before the usual decoders
/// run (query strings: `StrictQueryMiddleware`, in front of every route): JSON must follow RFC 8259 (no trailing comma, BOM or lone surrogate → 400 `bad_request`), and
/// no field — JSON value, form field, multipart field or file name, query parameter — may hold a C0
/// control character (→ 400 `validation_failed` naming the field), on SQLite and PostgreSQL alike.
enum StrictInput {
    static func install() {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom(StrictTime.decodeInstant)
        ContentConfiguration.global.use(decoder: StrictJSONDecoder(inner: decoder), for: .json)
        ContentConfiguration.global.use(decoder: StrictFormDecoder(inner: URLEncodedFormDecoder()), for: .urlEncodedForm)
        ContentConfiguration.global.use(decoder: StrictMultipartDecoder(inner: FormDataDecoder()), for: .formData)
    }

    static func refuse(field: String) -> DomainError {
        .validation(fields: [field: "error.field.control_character"])
    }

    static let malformed = Failure(status: .badRequest, code: "bad_request", messageKey: "error.malformed_body")

    /// `a=1&b=x+y` pairs, percent-decoded; a name or value holding a forbidden character is refused.
    static func checkFormText(_ text: String, malformedIsBodyError: Bool) throws {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String? { part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = decoded(parts[0]) else {
                if malformedIsBodyError { throw malformed }
                throw DomainError.validation(fields: ["query": "error.field.invalid_value"])
            }
            let field = TextInput.isAcceptable(name) ? name : "query"
            guard TextInput.isAcceptable(name) else { throw refuse(field: field) }
            guard parts.count == 2 else { continue }
            guard let value = decoded(parts[1]) else { throw DomainError.validation(fields: [field: "error.field.invalid_value"]) }
            guard TextInput.isAcceptable(value) else { throw refuse(field: field) }
        }
    }
}

struct StrictJSONDecoder: ContentDecoder {
    let inner: JSONDecoder

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        switch StrictJSON.check(Array(body.readableBytesView)) {
        case .valid: break
        case .malformed: throw StrictInput.malformed
        case .controlCharacter(let field): throw StrictInput.refuse(field: field)
        }
        return try inner.decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }
}

struct StrictFormDecoder: ContentDecoder {
    let inner: URLEncodedFormDecoder

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        guard let text = String(validating: body.readableBytesView, as: UTF8.self) else { throw StrictInput.malformed }
        try StrictInput.checkFormText(text, malformedIsBodyError: true)
        return try inner.decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }
}

/// Query strings are checked before any route runs: routes read them with `req.query[…, at:]`, which
/// turns a decoding error into nil, so a refused parameter would silently count as absent.
struct StrictQueryMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let query = request.url.query, !query.isEmpty { try StrictInput.checkFormText(query, malformedIsBodyError: false) }
        return try await next.respond(to: request)
    }
}

/// multipart/form-data: text fields and every file's name are checked; file contents are not text.
struct StrictMultipartDecoder: ContentDecoder {
    let inner: FormDataDecoder

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        if let boundary = headers.contentType?.parameters["boundary"] {
            try Self.check(Array(body.readableBytesView), boundary: boundary)
        }
        return try inner.decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }

    static func check(_ bytes: [UInt8], boundary: String) throws {
        let delimiter = Array("--\(boundary)".utf8)
        let headerEnd: [UInt8] = [13, 10, 13, 10]
        for part in split(bytes, by: delimiter).dropFirst() {
            guard let end = firstRange(of: headerEnd, in: part) else { continue }
            let head = String(decoding: part[part.startIndex..<end], as: UTF8.self)
            guard let disposition = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }) else { continue }
            let name = parameter("name", in: disposition) ?? "body"
            let field = TextInput.isAcceptable(name) ? name : "body"
            if let filename = parameter("filename", in: disposition) {
                guard TextInput.isAcceptable(filename) else { throw StrictInput.refuse(field: field) }
            } else {
                var content = Array(part[(end + 4)...])
                if content.suffix(2) == [13, 10] { content.removeLast(2) }  // the CRLF before the next delimiter
                guard TextInput.isAcceptable(name), TextInput.isAcceptable(utf8: content) else { throw StrictInput.refuse(field: field) }
            }
        }
    }

    /// `name="value"` in a Content-Disposition line (quoted, as browsers send it).
    private static func parameter(_ key: String, in line: Substring) -> String? {
        for piece in line.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix("\(key)=") else { continue }
            var value = trimmed.dropFirst(key.count + 1)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return String(value)
        }
        return nil
    }

    private static func firstRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func split(_ bytes: [UInt8], by delimiter: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var rest = bytes[...]
        while let found = firstRange(of: delimiter, in: rest) {
            parts.append(rest[rest.startIndex..<found])
            rest = rest[(found + delimiter.count)...]
        }
        parts.append(rest)
        return parts
    }
}

extension Request {
    /// An optional body: nil when none was sent, else decoded — a malformed body or a control character
    /// is a 400, never silently read as "no body" (issue 20).
    func optionalContent<D: Decodable>(_ type: D.Type) throws -> D? {
        guard let body = body.data, body.readableBytes > 0 else { return nil }
        return try content.decode(D.self)
    }
}

/// Any JSON value, read and dropped: used to list the keys of a body.
private struct AnyJSONValue: Decodable { init(from decoder: any Decoder) throws {} }

extension Request {
    /// A PATCH body naming a field the update does not know is refused (400 naming it), never silently
    /// ignored: `PATCH /users/{id} {"password"}` answered 200 and changed nothing (issue 20).
    func refuseUnknownFields<K: CodingKey & CaseIterable>(_ keys: K.Type) throws {
        let known = Set(K.allCases.map(\.stringValue))
        let sent = try content.decode([String: AnyJSONValue].self).keys
        let unknown = sent.filter { !known.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw DomainError.validation(fields: Dictionary(uniqueKeysWithValues: unknown.map { ($0, "error.field.unknown_field") }))
        }
    }
}

extension Request {
    /// A text path parameter (a phrase key): one holding a control character names nothing (404) and is
    /// never sent to the database, where PostgreSQL would refuse it with a 500.
    func textParameter(_ name: String) throws -> String {
        let value = parameters.get(name) ?? ""
        guard TextInput.isAcceptable(value) else { throw DomainError.notFound(subject: name) }
        return value
    }
}
