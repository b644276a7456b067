import Foundation
import KefuCore
import KefuDomain

/// Issue 20: Foundation's JSONDecoder accepts what RFC 8259 does not (a trailing comma, a byte-order
/// mark), so a body is checked against the grammar before it is decoded. The same walk finds a string
/// holding a control character (`TextInput`), escaped or not, and names the field it sits in.
enum StrictJSON {
    enum Verdict: Equatable {
        case valid
        case malformed
        /// A string value (or key) under this path holds a forbidden control character.
        case controlCharacter(field: String)
    }

    static let maxDepth = 64

    static func check(_ bytes: [UInt8]) -> Verdict {
        // Invalid UTF-8 anywhere (or a BOM, which RFC 8259 forbids a sender to add) is malformed.
        guard String(validating: bytes, as: UTF8.self) != nil, !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return .malformed }
        var walker = Walker(bytes: bytes)
        do {
            walker.skipSpace()
            try walker.value(depth: 0)
            walker.skipSpace()
            guard walker.index == bytes.count else { return .malformed }
        } catch {
            return .malformed
        }
        return walker.badField.map { .controlCharacter(field: $0.isEmpty ? "body" : $0) } ?? .valid
    }

    private struct Malformed: Error {}

    private struct Walker {
        let bytes: [UInt8]
        var index = 0
        var path: [String] = []
        var badField: String?

        init(bytes: [UInt8]) { self.bytes = bytes }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            guard current == byte else { throw Malformed() }
            index += 1
        }

        mutating func value(depth: Int) throws {
            guard depth < StrictJSON.maxDepth, let byte = current else { throw Malformed() }
            switch byte {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: try number()
            }
        }

        mutating func object(depth: Int) throws {
            try expect(UInt8(ascii: "{"))
            skipSpace()
            if current == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\"") else { throw Malformed() }  // also refuses `{"a":1,}`
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                path.append(key)
                try value(depth: depth + 1)
                path.removeLast()
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "}"))
                return
            }
        }

        mutating func array(depth: Int) throws {
            try expect(UInt8(ascii: "["))
            skipSpace()
            if current == UInt8(ascii: "]") { index += 1; return }
            var position = 0
            while true {
                skipSpace()
                path.append(String(position))
                try value(depth: depth + 1)
                path.removeLast()
                position += 1
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }  // a following `]` fails in value()
                try expect(UInt8(ascii: "]"))
                return
            }
        }

        /// Reads a string, checking escapes and surrogate pairs; returns its text (keys name fields).
        mutating func string() throws -> String {
            try expect(UInt8(ascii: "\""))
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() {
                if !raw.isEmpty { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw.removeAll() }
            }
            while true {
                guard let byte = current else { throw Malformed() }
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    let text = String(scalars)
                    if badField == nil, !TextInput.isAcceptable(text) { badField = path.joined(separator: ".") }
                    return text
                case 0x00..<0x20:
                    throw Malformed()  // RFC 8259: control characters inside a string must be escaped
                case UInt8(ascii: "\\"):
                    flush()
                    guard let escape = current else { throw Malformed() }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        let unit = try hex4()
                        if (0xD800...0xDBFF).contains(unit) {
                            // A high surrogate must be followed by an escaped low one.
                            guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else { throw Malformed() }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low),
                                  let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) else { throw Malformed() }
                            scalars.append(scalar)
                        } else {
                            guard let scalar = Unicode.Scalar(unit) else { throw Malformed() }  // a lone low surrogate
                            scalars.append(scalar)
                        }
                    default: throw Malformed()
                    }
                default:
                    raw.append(byte)
                }
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
                  bytes[index..<index + 4].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }) else { throw Malformed() }
            index += 4
            return value
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else { throw Malformed() }
            index += expected.count
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
        mutating func number() throws {
            func digits() throws {
                guard let byte = current, (0x30...0x39).contains(byte) else { throw Malformed() }
                while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
            }
            if current == UInt8(ascii: "-") { index += 1 }
            if current == UInt8(ascii: "0") { index += 1 } else { try digits() }
            if current == UInt8(ascii: ".") { index += 1; try digits() }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                try digits()
            }
        }
    }
}
