import Yams

/// Where a piece of rulebook text came from, so that errors can name file, line and column.
struct RulebookOrigin: Equatable, Sendable {
    var file: String
    var line: Int?
    var column: Int?
}

/// A YAML document reduced to what a rulebook needs (maps, lists, scalars), every part remembering
/// its origin. Overrides are merged into the defaults on this tree, so an error in the merged result
/// still points at the file and line that supplied the value.
struct RulebookNode: Sendable {
    /// One `key: value` pair of a map, with the key's own position.
    struct Entry: Sendable {
        var key: String
        var keyOrigin: RulebookOrigin
        var value: RulebookNode
    }

    enum Content: Sendable {
        /// The scalar's text; `plain` is false for quoted or block scalars.
        case scalar(String, plain: Bool)
        case list([RulebookNode])
        case map([Entry])
    }

    var content: Content
    var origin: RulebookOrigin

    /// An empty value (`key:` or `~`).
    var isNull: Bool {
        if case .scalar(let text, true) = content { return ["", "~", "null", "Null", "NULL"].contains(text) }
        return false
    }

    var entries: [Entry]? {
        if case .map(let entries) = content { return entries }
        return nil
    }

    /// The value under `key` in a map.
    func child(_ key: String) -> RulebookNode? {
        entries?.first { $0.key == key }?.value
    }

    /// How the value looks in an error message: the scalar's text, or a word for a map or list.
    var found: String {
        switch content {
        case .scalar(let text, _): return isNull ? "an empty value" : "\"\(text)\""
        case .list: return "a list"
        case .map: return "a map"
        }
    }
}

extension RulebookNode {
    /// Parses YAML text; a syntax error becomes a `RulebookError` with the line Yams reports.
    static func parse(_ text: String, file: String) throws -> RulebookNode {
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        }
        guard let composed else {
            return RulebookNode(content: .map([]), origin: RulebookOrigin(file: file, line: 1, column: 1))
        }
        return try RulebookNode(composed, file: file)
    }

    private init(_ node: Node, file: String) throws {
        let origin = RulebookOrigin(file: file, line: node.mark?.line, column: node.mark?.column)
        switch node {
        case .scalar(let scalar):
            self.init(content: .scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any),
                      origin: origin)
        case .sequence(let sequence):
            self.init(content: .list(try sequence.map { try RulebookNode($0, file: file) }), origin: origin)
        case .mapping(let mapping):
            var entries: [Entry] = []
            for (key, value) in mapping {
                let keyOrigin = RulebookOrigin(file: file, line: key.mark?.line, column: key.mark?.column)
                guard case .scalar(let keyScalar) = key else {
                    throw RulebookError(file: file, line: keyOrigin.line, column: keyOrigin.column, key: "",
                                        expected: "a plain key such as `close_within`", problem: "found a complex key")
                }
                entries.append(Entry(key: keyScalar.string, keyOrigin: keyOrigin, value: try RulebookNode(value, file: file)))
            }
            self.init(content: .map(entries), origin: origin)
        case .alias(let alias):
            throw RulebookError(file: file, line: alias.mark?.line, column: alias.mark?.column, key: "",
                                expected: "plain YAML without aliases", problem: "found an unresolved alias")
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> RulebookError {
        func make(_ mark: Mark?, _ problem: String) -> RulebookError {
            RulebookError(file: file, line: mark?.line, column: mark?.column, key: "",
                          expected: "well-formed YAML", problem: problem)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) (line \($0.mark.line)), " } ?? ""
            return make(mark, "syntax error: \(detail)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return make(context.mark, "duplicated key(s) \(duplicates.joined(separator: ", "))")
        default:
            return make(nil, "syntax error: \(error)")
        }
    }
}

extension RulebookNode {
    /// Deep merge: maps merge key by key (recursively); a list or scalar in `override` replaces the value here;
    /// a key left empty changes nothing; `~` over a map removes that map.
    func merged(with override: RulebookNode) -> RulebookNode {
        guard case .map(var mine) = content, case .map(let theirs) = override.content else { return override }
        for entry in theirs {
            if case .scalar("", true) = entry.value.content, mine.contains(where: { $0.key == entry.key }) {
                continue  // `complaints:` with everything below commented out changes nothing
            } else if let index = mine.firstIndex(where: { $0.key == entry.key }), entry.value.isNull, mine[index].value.entries != nil {
                mine.remove(at: index)  // `item: ~` removes a map (e.g. a fine the organization does not use)
            } else if let index = mine.firstIndex(where: { $0.key == entry.key }) {
                mine[index].value = mine[index].value.merged(with: entry.value)
                mine[index].keyOrigin = entry.keyOrigin
            } else {
                mine.append(entry)
            }
        }
        return RulebookNode(content: .map(mine), origin: origin)
    }
}
