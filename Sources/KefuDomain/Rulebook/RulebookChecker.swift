/// Walks a merged rulebook tree against the schema. It refuses unknown keys, wrong types and impossible
/// values with a `RulebookError`, and it produces the canonical text (hashed into the version) and the
/// admin-view entries in the same pass.
struct RulebookChecker {
    /// The result of checking one value.
    struct Checked {
        /// Order-independent, formatting-independent text: equal for equal effective rules.
        var canonical: String
        /// Human text for the admin view.
        var display: String
        /// The value with its form, for the staff's reading of the rules.
        var value: RuleValue
    }

    /// The documented key (one admin-view entry) an error is reported against.
    struct Documented {
        var key: String
        var expected: String
        var origin: RulebookOrigin
        /// Whether errors name the part below the key (`monthly_pay: found …`): true for maps with named parts.
        var qualify: Bool

        init(key: String, shape: RulebookShape, origin: RulebookOrigin) {
            self.key = key
            self.expected = shape.expected
            self.origin = origin
            switch shape {
            case .record, .dictionary, .ordered: qualify = true
            default: qualify = false
            }
        }
    }

    /// Where the walk is: the path so far, the most specific origin, and the documented key it is inside.
    struct Context {
        var path: String
        var origin: RulebookOrigin
        var documented: Documented?

        func appending(_ key: String, at origin: RulebookOrigin) -> Context {
            Context(path: path.isEmpty ? key : "\(path).\(key)", origin: origin, documented: documented)
        }

        func item(_ index: Int, at origin: RulebookOrigin) -> Context {
            Context(path: "\(path)[\(index)]", origin: origin, documented: documented)
        }
    }

    var entries: [RulebookEntry] = []

    /// Checks the whole rulebook and returns its canonical text.
    mutating func checkRoot(_ node: RulebookNode) throws -> String {
        let context = Context(path: "", origin: node.origin, documented: nil)
        return try check(node, RulebookSchema.root, context).canonical
    }

    /// The error for `context`: the documented key and its expected form, at the most specific position
    /// unless that is on the documented key's own line (then the key's position, as an admin looks for it).
    func failure(_ context: Context, _ problem: String, expected: String? = nil) -> RulebookError {
        var origin = context.origin
        var key = context.path
        var form = expected ?? ""
        var problem = problem
        if let documented = context.documented {
            key = documented.key
            form = expected ?? documented.expected
            if documented.qualify, context.path.hasPrefix(documented.key + "."), context.path != documented.key {
                problem = "\(context.path.dropFirst(documented.key.count + 1)): \(problem)"
            }
            if origin.line == nil || (origin.line == documented.origin.line && origin.file == documented.origin.file) {
                origin = documented.origin
            }
        }
        return RulebookError(file: origin.file, line: origin.line, column: origin.column,
                             key: key, expected: form, problem: problem)
    }

    mutating func check(_ node: RulebookNode, _ shape: RulebookShape, _ context: Context) throws -> Checked {
        switch shape {
        case .record(let fields): return try checkRecord(node, fields, context)
        case .dictionary(let item, _): return try checkDictionary(node, item, context)
        case .list(let item, let minimumCount, let unique):
            return try checkList(node, item, minimumCount: minimumCount, unique: unique, context)
        case .bands(let unit): return try checkBands(node, unit: unit, context)
        case .duration: return try checkDuration(node, context)
        case .workSpans: return try checkWorkSpans(node, context)
        case .dates: return try checkDates(node, context)
        case .ordered(let inner, let low, let high):
            let checked = try check(node, inner, context)
            if case .scalar(let lowText, _)? = node.child(low)?.content, case .scalar(let highText, _)? = node.child(high)?.content,
               let lowValue = Int(lowText), let highValue = Int(highText), lowValue > highValue,
               let entry = node.entries?.first(where: { $0.key == high }) {
                throw failure(context.appending(high, at: entry.keyOrigin), "found \(high) \(highValue) before \(low) \(lowValue)")
            }
            return checked
        default: return try checkScalar(node, shape, context)
        }
    }

    /// JSON-style quoting for canonical text.
    func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
