import Foundation
import KefuCore
import KefuDomain

/// Derives the JSON Schema of a `Decodable` type without reflection: the type decodes itself once from
/// a recording decoder that answers every request with a placeholder and writes down what was asked
/// (keys, required or optional, value types). The request and response types of the routes are thus
/// their own documentation: a field added to a DTO appears in the OpenAPI document by itself.
///
/// A type whose `init(from:)` refuses the placeholders stops the recording early; the schema then lists
/// the properties seen so far and allows others (still true, only less precise). Types the recorder
/// cannot answer generically (dates, amounts) are described in `known`.
enum SchemaDerivation {
    static func schema(of type: any Decodable.Type) -> [String: Any] {
        let node = SchemaNode()
        _ = try? SchemaRecorder.value(type, into: node, depth: 0)
        return node.schema
    }

    /// Types decoded from a single string or number with their own rules.
    static func known(_ type: Any.Type) -> [String: Any]? {
        switch type {
        case is String.Type, is Substring.Type: ["type": "string"]
        case is Bool.Type: ["type": "boolean"]
        case is Int.Type, is Int8.Type, is Int16.Type, is Int32.Type, is Int64.Type,
             is UInt.Type, is UInt8.Type, is UInt16.Type, is UInt32.Type, is UInt64.Type: ["type": "integer"]
        case is Double.Type, is Float.Type, is Decimal.Type: ["type": "number"]
        case is Date.Type: ["type": "string", "format": "date-time"]
        case is UUID.Type: ["type": "string", "format": "uuid"]
        case is URL.Type: ["type": "string"]
        case is LocalDate.Type, is LocalDay.Type: ["type": "string", "format": "date"]
        case is MoneyInput.Type: ["oneOf": [["type": "string"], ["type": "number"]] as [Any]]
        default: nil
        }
    }
}

/// What the recorder learnt about one value.
final class SchemaNode {
    var schema: [String: Any] = [:]
    var properties: [String: SchemaNode] = [:]
    var order: [String] = []
    var required: Set<String> = []
    var item: SchemaNode?
    var isObject = false

    func property(_ key: String, required isRequired: Bool) -> SchemaNode {
        if let existing = properties[key] { return existing }
        let node = SchemaNode()
        properties[key] = node
        order.append(key)
        if isRequired { required.insert(key) }
        return node
    }

    /// The finished schema (objects and arrays are assembled from their children).
    func finish() -> [String: Any] {
        if isObject {
            var result = schema
            result["type"] = "object"
            var described: [String: Any] = [:]
            for (key, node) in properties {
                described[key] = required.contains(key) ? node.finish() : SchemaNode.nullable(node.finish())
            }
            result["properties"] = described
            let required = order.filter(required.contains)
            if !required.isEmpty { result["required"] = required }
            return result
        }
        if let item { return ["type": "array", "items": item.finish()] }
        return schema
    }

    /// An optional field may be absent or `null`.
    static func nullable(_ schema: [String: Any]) -> [String: Any] {
        if schema.isEmpty { return schema }
        if let type = schema["type"] as? String {
            var copy = schema
            copy["type"] = [type, "null"]
            if var values = copy["enum"] as? [Any] { values.append(NSNull()); copy["enum"] = values }
            return copy
        }
        return ["anyOf": [schema, ["type": "null"]] as [Any]]
    }
}

extension SchemaNode {
    fileprivate func seal() { schema = finish(); isObject = false; item = nil; properties = [:] }
}

private struct RecorderStop: Error {}

/// Opens `CaseIterable` existentials: the cases of an enum and one case to answer with.
private func allCases<C: CaseIterable>(_ type: C.Type) -> [Any] { Array(type.allCases) }

/// `[String: Value]` dictionaries describe their values.
private protocol StringKeyedDictionary {
    static var valueType: any Decodable.Type { get }
    static var empty: Any { get }
}
extension Dictionary: StringKeyedDictionary where Key == String, Value: Decodable {
    fileprivate static var valueType: any Decodable.Type { Value.self }
    fileprivate static var empty: Any { [String: Value]() }
}

private enum SchemaRecorder {
    static let maxDepth = 12

    static func value<T: Decodable>(_ type: T.Type, into node: SchemaNode, depth: Int) throws -> T {
        guard depth < maxDepth else { throw RecorderStop() }
        if let known = SchemaDerivation.known(type) {
            node.schema = known
            if let value = placeholder(type) { return value }
        }
        if let dictionary = type as? any StringKeyedDictionary.Type {
            node.schema = ["type": "object", "additionalProperties": SchemaDerivation.schema(of: dictionary.valueType)]
            if let empty = dictionary.empty as? T { return empty }
            throw RecorderStop()
        }
        if let enumeration = type as? any CaseIterable.Type {
            let cases = allCases(enumeration)
            let values = cases.compactMap { value -> Any? in
                guard let encodable = value as? any Encodable, let data = try? JSONEncoder().encode(encodable) else { return nil }
                return try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
            }
            if let first = values.first {
                node.schema = ["type": first is String ? "string" : "integer", "enum": values]
                if let value = cases.first as? T { return value }
            }
        }
        defer { node.seal() }
        return try T(from: RecordingDecoder(node: node, depth: depth))
    }

    /// Placeholders for the known types (never the real clock: a fixed instant).
    static func placeholder<T>(_ type: T.Type) -> T? {
        let values: [Any] = ["", false, 0, Int8(0), Int16(0), Int32(0), Int64(0), UInt(0), UInt8(0), UInt16(0), UInt32(0), UInt64(0),
                             0.0, Float(0), Decimal(0), Date(timeIntervalSince1970: 0), UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                             URL(string: "https://example.invalid/")!, MoneyInput(value: 0)]
        return values.lazy.compactMap { $0 as? T }.first
    }
}

private struct RecordingDecoder: Decoder {
    let node: SchemaNode
    let depth: Int
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        node.isObject = true
        return KeyedDecodingContainer(RecordingKeyed<Key>(node: node, depth: depth))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        RecordingUnkeyed(node: node, depth: depth)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        RecordingSingle(node: node, depth: depth)
    }
}

private struct RecordingKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: SchemaNode
    let depth: Int
    var codingPath: [any CodingKey] = []
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    /// "Not null" so that the value behind it is decoded (and described) too.
    func decodeNil(forKey key: Key) throws -> Bool {
        _ = node.property(key.stringValue, required: false)
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try SchemaRecorder.value(type, into: node.property(key.stringValue, required: true), depth: depth + 1)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try SchemaRecorder.value(type, into: node.property(key.stringValue, required: false), depth: depth + 1)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        let child = node.property(key.stringValue, required: true)
        child.isObject = true
        return KeyedDecodingContainer(RecordingKeyed<NestedKey>(node: child, depth: depth + 1))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        RecordingUnkeyed(node: node.property(key.stringValue, required: true), depth: depth + 1)
    }

    func superDecoder() throws -> any Decoder { RecordingDecoder(node: node, depth: depth) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        RecordingDecoder(node: node.property(key.stringValue, required: true), depth: depth + 1)
    }
}

/// Arrays: one element is decoded (and described), then the array ends.
private final class RecordingUnkeyed: UnkeyedDecodingContainer {
    let node: SchemaNode
    let depth: Int
    var codingPath: [any CodingKey] = []
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }

    init(node: SchemaNode, depth: Int) {
        self.node = node
        self.depth = depth
        if node.item == nil { node.item = SchemaNode() }
    }

    func decodeNil() throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        return try SchemaRecorder.value(type, into: node.item!, depth: depth + 1)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        currentIndex += 1
        node.item!.isObject = true
        return KeyedDecodingContainer(RecordingKeyed<NestedKey>(node: node.item!, depth: depth + 1))
    }

    func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return RecordingUnkeyed(node: node.item!, depth: depth + 1)
    }

    func superDecoder() throws -> any Decoder { RecordingDecoder(node: node.item!, depth: depth + 1) }
}

/// A single value: the first type asked for is the documented one (`MoneyInput` asks a string, then a number).
private struct RecordingSingle: SingleValueDecodingContainer {
    let node: SchemaNode
    let depth: Int
    var codingPath: [any CodingKey] = []

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if node.schema.isEmpty, let known = SchemaDerivation.known(type) { node.schema = known }
        // A date type parses its string: give it one it accepts.
        if type == String.self, node.schema["format"] as? String == "date", let date = "2026-01-01" as? T { return date }
        if let value = SchemaRecorder.placeholder(type) { return value }
        return try SchemaRecorder.value(type, into: node, depth: depth + 1)
    }
}
