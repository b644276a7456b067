import Foundation

/// A JSON value decoded strictly (a `true` is never the number 1), for schema validation.
public indirect enum JSONValue: Decodable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public static func parse(_ data: Data) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: data) }
}

/// Validates JSON against the subset of JSON Schema the OpenAPI document uses: `type` (one or a list),
/// `properties`, `required`, `additionalProperties`, `items`, `enum`, `anyOf`/`oneOf`, `$ref` into
/// `components.schemas`, and the formats `date-time`, `date` and `uuid`. Returns one line per violation,
/// naming the JSON path.
public struct JSONSchemaValidator {
    let components: [String: Any]

    public init(document: [String: Any]) {
        components = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
    }

    public func validate(_ value: JSONValue, against schema: [String: Any], at path: String = "$") -> [String] {
        if let reference = schema["$ref"] as? String {
            let name = String(reference.split(separator: "/").last ?? "")
            guard let target = components[name] as? [String: Any] else { return ["\(path): unknown schema \(reference)"] }
            return validate(value, against: target, at: path)
        }
        for key in ["anyOf", "oneOf"] {
            if let options = schema[key] as? [[String: Any]] {
                if !options.contains(where: { validate(value, against: $0, at: path).isEmpty }) {
                    return ["\(path): matches none of \(key) (\(describe(value)))"]
                }
            }
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { equal(value, $0) }) {
            return ["\(path): \(describe(value)) is not one of \(allowed.map { "\($0)" }.joined(separator: ", "))"]
        }
        if let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map({ [$0] }),
           !types.contains(where: { matches(value, $0) }) {
            return ["\(path): expected \(types.joined(separator: " or ")), found \(describe(value))"]
        }
        var problems: [String] = []
        switch value {
        case .object(let members):
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where members[name] == nil {
                problems.append("\(path).\(name): required but missing")
            }
            for (name, member) in members {
                if let property = properties[name] as? [String: Any] {
                    problems += validate(member, against: property, at: "\(path).\(name)")
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    problems += validate(member, against: extra, at: "\(path).\(name)")
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(path).\(name): not in the schema")
                }
            }
        case .array(let items):
            if let item = schema["items"] as? [String: Any] {
                for (index, element) in items.enumerated() { problems += validate(element, against: item, at: "\(path)[\(index)]") }
            }
        case .string(let text):
            if let format = schema["format"] as? String, !Self.conforms(text, to: format) {
                problems.append("\(path): \"\(text)\" is not a \(format)")
            }
        default:
            break
        }
        return problems
    }

    static func conforms(_ text: String, to format: String) -> Bool {
        switch format {
        case "uuid": return UUID(uuidString: text) != nil
        case "date": return text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
        case "date-time":
            return text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression) != nil
        default: return true
        }
    }

    private func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (value, type) {
        case (.null, "null"), (.bool, "boolean"), (.string, "string"), (.array, "array"), (.object, "object"), (.number, "number"): true
        case (.number(let number), "integer"): number.rounded() == number
        default: false
        }
    }

    private func equal(_ value: JSONValue, _ allowed: Any) -> Bool {
        switch value {
        case .string(let text): (allowed as? String) == text
        case .number(let number): (allowed as? Int).map(Double.init) == number || (allowed as? Double) == number
        case .bool(let flag): (allowed as? Bool) == flag
        case .null: allowed is NSNull
        default: false
        }
    }

    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .number(let number): "\(number)"
        case .string(let text): "\"\(text.prefix(40))\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}
