import Foundation
import KefuDomain

/// The rules in force as staff read them (issue 21 item 13): section by section, each rule's title and its
/// value in words, and what the last version changed. Administrators keep the key/value view; this page
/// shows no key, no file word and no snake_case name.
package struct RulebookDocument: Encodable {
    package struct Line: Encodable {
        package let title: String
        package let value: String
        /// The rule's key, only for the feedback link's address (never shown).
        package let key: String
        package let rules: [String]

        package init(title: String, value: String, key: String, rules: [String]) {
            self.title = title
            self.value = value
            self.key = key
            self.rules = rules
        }
    }

    /// Lines under one heading: a catalogue (考评项目, 违规处罚标准) or the lines of a section without one.
    package struct Block: Encodable {
        package let heading: String?
        package var lines: [Line]

        package init(heading: String?, lines: [Line]) {
            self.heading = heading
            self.lines = lines
        }
    }

    package struct Section: Encodable {
        package let id: String
        package let title: String
        package var blocks: [Block]

        package init(id: String, title: String, blocks: [Block]) {
            self.id = id
            self.title = title
            self.blocks = blocks
        }
    }

    package struct Change: Encodable {
        package let section: String
        package let title: String
        /// Nil for a rule the earlier version lacked.
        package let before: String?
        /// Nil for a rule the version in force no longer has.
        package let after: String?

        package init(section: String, title: String, before: String?, after: String?) {
            self.section = section
            self.title = title
            self.before = before
            self.after = after
        }
    }

    package let sections: [Section]
    /// Nil when no earlier version exists to compare with.
    package let changes: [Change]?

    package init(_ rulebook: Rulebook, previous: Rulebook?, wording: RuleWording) {
        var sections: [Section] = []
        for entry in rulebook.entries {
            let name = Self.sectionName(entry.key)
            if sections.last?.id != name { sections.append(Section(id: name, title: wording.section(name), blocks: [])) }
            let line = Line(title: wording.title(of: entry), value: wording.value(of: entry), key: entry.key, rules: entry.ruleIDs)
            // A catalogue's entries (fines.catalogue.*) share the catalogue's title as their heading.
            let heading = Self.catalogue(entry.key).map { "rulebook.rule.\($0)" }.flatMap { wording.has($0) ? wording.t($0) : nil }
            if let last = sections[sections.count - 1].blocks.last, last.heading == heading {
                sections[sections.count - 1].blocks[sections[sections.count - 1].blocks.count - 1].lines.append(line)
            } else {
                sections[sections.count - 1].blocks.append(Block(heading: heading, lines: [line]))
            }
        }
        self.sections = sections.map { section in
            var section = section
            section.blocks = section.blocks.map { Self.collapsingNames($0, separator: wording.t("rulebook.join.list")) }
            return section
        }
        changes = previous.map { previous in
            Rulebook.changes(from: previous, to: rulebook).map { change in
                let entry = change.after ?? change.before!
                return Change(section: wording.section(Self.sectionName(change.key)), title: wording.title(of: entry),
                              before: change.before.map(wording.value(of:)), after: change.after.map(wording.value(of:)))
            }
        }
    }

    /// `complaints` of `complaints.close_within`.
    package static func sectionName(_ key: String) -> String { String(key.split(separator: ".").first ?? "") }

    /// The catalogue a key belongs to (`fines.catalogue` of `fines.catalogue.chatting`): keys three deep.
    package static func catalogue(_ key: String) -> String? {
        let parts = key.split(separator: ".")
        return parts.count >= 3 ? parts.dropLast().joined(separator: ".") : nil
    }

    /// A catalogue of plain named options (咨询渠道: 电话, 商务通, QQ) reads better as one line than as lines
    /// whose value only repeats their title.
    package static func collapsingNames(_ block: Block, separator: String) -> Block {
        guard let heading = block.heading, block.lines.count > 1, block.lines.allSatisfy({ $0.value.hasPrefix($0.title) }),
              let first = block.lines.first else { return block }
        let line = Line(title: heading, value: block.lines.map(\.value).joined(separator: separator),
                        key: catalogue(first.key) ?? first.key, rules: first.rules)
        return Block(heading: nil, lines: [line])
    }
}
