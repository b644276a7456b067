extension RulebookChecker {
    mutating func checkRecord(_ node: RulebookNode, _ fields: [RulebookField], _ context: Context) throws -> Checked {
        guard let entries = node.entries else {
            throw failure(context, "found \(node.found)", expected: context.documented == nil ? RulebookShape.record(fields).expected : nil)
        }
        for entry in entries where !fields.contains(where: { $0.name == entry.key }) {
            let inner = context.appending(entry.key, at: entry.keyOrigin)
            let names = fields.map(\.name)
            let hint = RulebookSchema.suggestion(for: entry.key, among: names).map { " (did you mean \"\($0)\"?)" } ?? ""
            let unknown = Context(path: inner.path, origin: entry.keyOrigin, documented: nil)
            throw failure(unknown, "found unknown key \"\(entry.key)\"\(hint)",
                          expected: context.documented?.expected ?? "one of the keys \(names.joined(separator: ", "))")
        }
        var canonical: [String] = []
        var display: [String] = []
        var parts: [RuleField] = []
        for field in fields {
            guard let entry = entries.first(where: { $0.key == field.name }) else {
                if field.required {
                    let missing = context.documented == nil
                        ? Context(path: context.appending(field.name, at: node.origin).path, origin: node.origin, documented: nil) : context
                    throw failure(missing, "the key \"\(field.name)\" is missing", expected: context.documented?.expected ?? field.shape.expected)
                }
                continue
            }
            var inner = context.appending(field.name, at: entry.keyOrigin)
            if let doc = field.doc, context.documented == nil {
                inner.documented = Documented(key: inner.path, shape: field.shape, origin: entry.keyOrigin)
                let checked = try check(entry.value, field.shape, inner)
                record(field, doc: doc, checked: checked, node: entry.value, path: inner.path)
                canonical.append("\(quoted(field.name)):\(checked.canonical)")
                display.append("\(field.name): \(checked.display)")
                parts.append(RuleField(field.name, checked.value))
            } else {
                let checked = try check(entry.value, field.shape, inner)
                if field.required || checked.canonical != "[]" {  // `sat: []` and no `sat` are the same rule
                    canonical.append("\(quoted(field.name)):\(checked.canonical)")
                }
                display.append("\(field.name): \(nested(checked.display, field.shape))")
                parts.append(RuleField(field.name, checked.value))
            }
        }
        return Checked(canonical: "{" + canonical.sorted().joined(separator: ",") + "}", display: display.joined(separator: "; "),
                       value: .fields(parts))
    }

    /// Adds the admin-view entry (or entries, one per item of an organization-defined catalogue).
    mutating func record(_ field: RulebookField, doc: RulebookKeyDoc, checked: Checked, node: RulebookNode, path: String) {
        guard case .dictionary(let item, let itemDocs) = field.shape, let items = node.entries else {
            entries.append(RulebookEntry(key: path, value: checked.display, ruleIDs: doc.ruleIDs,
                                         summary: doc.summary, summaryZh: doc.summaryZh, reading: checked.value))
            return
        }
        for entry in items {
            var scratch = RulebookChecker()
            let context = Context(path: "", origin: entry.value.origin, documented: nil)
            let checkedItem = try? scratch.check(entry.value, item, context)
            let itemDoc = itemDocs[entry.key] ?? doc
            entries.append(RulebookEntry(key: "\(path).\(entry.key)", value: checkedItem?.display ?? "", ruleIDs: itemDoc.ruleIDs,
                                         summary: itemDoc.summary, summaryZh: itemDoc.summaryZh, reading: checkedItem?.value ?? .text("")))
        }
    }

    mutating func checkDictionary(_ node: RulebookNode, _ item: RulebookShape, _ context: Context) throws -> Checked {
        guard let entries = node.entries else { throw failure(context, "found \(node.found)") }
        var canonical: [String] = []
        var display: [String] = []
        var parts: [RuleField] = []
        for entry in entries {
            var inner = context.appending(entry.key, at: entry.keyOrigin)
            guard entry.key.first?.isLowercase == true,
                  entry.key.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }), entry.key.allSatisfy(\.isASCII) else {
                let name = Context(path: context.path, origin: entry.keyOrigin, documented: context.documented)
                throw failure(name, "found the name \"\(entry.key)\"", expected: "a lower-case name such as `late_or_early`")
            }
            if context.documented?.key == context.path {
                inner.documented = Documented(key: inner.path, shape: item, origin: entry.keyOrigin)
            }
            let checked = try check(entry.value, item, inner)
            canonical.append("\(quoted(entry.key)):\(checked.canonical)")
            display.append("\(entry.key): \(nested(checked.display, item))")
            parts.append(RuleField(entry.key, checked.value))
        }
        return Checked(canonical: "{" + canonical.sorted().joined(separator: ",") + "}", display: display.joined(separator: "; "),
                       value: .entries(parts))
    }

    mutating func checkList(_ node: RulebookNode, _ item: RulebookShape, minimumCount: Int, unique: Bool,
                                    _ context: Context) throws -> Checked {
        let items: [RulebookNode]
        switch node.content {
        case .list(let list): items = list
        case .scalar where node.isNull: items = []
        default: throw failure(context, "found \(node.found)")
        }
        guard items.count >= minimumCount else {
            throw failure(context, "found \(items.count) item(s), at least \(minimumCount) needed")
        }
        var checked: [Checked] = []
        for (index, element) in items.enumerated() {
            let one = try check(element, item, context.item(index, at: element.origin))
            if unique, checked.contains(where: { $0.canonical == one.canonical }) {
                throw failure(context.item(index, at: element.origin), "found \(element.found) twice")
            }
            checked.append(one)
        }
        let display = checked.isEmpty ? "(none)" : checked.map { nested($0.display, item) }.joined(separator: ", ")
        return Checked(canonical: "[" + checked.map(\.canonical).joined(separator: ",") + "]", display: display,
                       value: .list(checked.map(\.value)))
    }

    /// Wraps a map's display in braces when it sits inside another value.
    func nested(_ display: String, _ shape: RulebookShape) -> String {
        if case .record = shape { return "{\(display)}" }
        if case .dictionary = shape { return "{\(display)}" }
        if case .ordered(let inner, _, _) = shape { return nested(display, inner) }
        return display
    }
}
