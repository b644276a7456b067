import Foundation
import KefuDomain

/// The rules in force as staff read them (issue 21 item 13): section by section, each rule's title and its
/// value in words, and what the last version changed. Administrators keep the key/value view; this page
/// shows no key, no file word and no snake_case name.
struct RulebookDocument: Encodable {
    struct Line: Encodable {
        let title: String
        let value: String
        /// The rule's key, only for the feedback link's address (never shown).
        let key: String
        let rules: [String]
    }

    /// Lines under one heading: a catalogue (考评项目, 违规处罚标准) or the lines of a section without one.
    struct Block: Encodable {
        let heading: String?
        var lines: [Line]
    }

    struct Section: Encodable {
        let id: String
        let title: String
        var blocks: [Block]
    }

    struct Change: Encodable {
        let section: String
        let title: String
        /// Nil for a rule the earlier version lacked.
        let before: String?
        /// Nil for a rule the version in force no longer has.
        let after: String?
    }

    let sections: [Section]
    /// Nil when no earlier version exists to compare with.
    let changes: [Change]?

    init(_ rulebook: Rulebook, previous: Rulebook?, wording: RuleWording) {
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
    static func sectionName(_ key: String) -> String { String(key.split(separator: ".").first ?? "") }

    /// The catalogue a key belongs to (`fines.catalogue` of `fines.catalogue.chatting`): keys three deep.
    static func catalogue(_ key: String) -> String? {
        let parts = key.split(separator: ".")
        return parts.count >= 3 ? parts.dropLast().joined(separator: ".") : nil
    }

    /// A catalogue of plain named options (咨询渠道: 电话, 商务通, QQ) reads better as one line than as lines
    /// whose value only repeats their title.
    static func collapsingNames(_ block: Block, separator: String) -> Block {
        guard let heading = block.heading, block.lines.count > 1, block.lines.allSatisfy({ $0.value.hasPrefix($0.title) }),
              let first = block.lines.first else { return block }
        let line = Line(title: heading, value: block.lines.map(\.value).joined(separator: separator),
                        key: catalogue(first.key) ?? first.key, rules: first.rules)
        return Block(heading: nil, lines: [line])
    }
}
