import Foundation
import KefuCore
import KefuDomain

/// A case timeline entry's summary in the reader's words (issue 21 §4). The audit trail keeps its
/// summaries in a fixed machine form ("new → assigned; assignee chenjing", "TS… fault_report via phone",
/// "first_response: due 2026-12-07T02:00:00Z"); the page turns each known part into words — statuses,
/// types, channels, clock kinds and roles by their labels, people by their names, instants in the
/// organization's zone — keeps what a person typed (comments, reasons) and drops what only repeats the
/// action's own label.
struct CaseTimelineWords {
    /// A label for a key, or nil when the localization has none.
    let label: (String) -> String?
    /// A user's display name by username.
    let name: (String) -> String?
    /// An instant as the page shows times.
    let time: (Date) -> String

    func words(_ summary: String) -> String {
        summary.components(separatedBy: "; ").compactMap(part).filter { !$0.isEmpty }.joined(separator: "；")
    }

    private func part(_ raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || ["internal note", "reply to customer"].contains(text) { return nil }
        if let phrase = Self.phrases[text] { return label(phrase) }
        let words = text.split(separator: " ").map(String.init)
        // one known word (a clock kind, a type, a channel, a role)
        if words.count == 1, let known = Self.wordLabels.lazy.compactMap({ label($0 + text) }).first { return known }
        // "new → assigned", "running → warned"
        if words.count == 3, words[1] == "→" {
            return "\(state(words[0]) ?? words[0]) → \(state(words[2]) ?? words[2])"
        }
        // a status that did not change: the action's label says it all
        if words.count == 1, label("case.status.\(text)") != nil { return nil }
        if words.count == 2, words[0] == "assignee" {
            return label("timeline.assigned_to").map { $0.replacingOccurrences(of: "{0}", with: name(words[1]) ?? words[1]) }
        }
        // "TS20261207001 fault_report via phone"
        if words.count == 4, words[2] == "via" {
            return [label("case.type.\(words[1])"), label("case.channel.\(words[3])")].compactMap { $0 }.joined(separator: " · ")
        }
        // "first_response: due 2026-…Z" / "first_response: running → breached"
        if let colon = text.firstIndex(of: ":"), let kind = label("deadline.kind.\(text[..<colon])") {
            let after = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let rest = after == text[..<colon] ? nil : part(after)
            return [kind, rest].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "：")
        }
        if words.count == 2, words[0] == "due", let instant = Self.instant(words[1]) {
            return label("timeline.due").map { $0.replacingOccurrences(of: "{0}", with: time(instant)) }
        }
        // "level vice_president (emergency, skipped department_manager)"
        if words.first == "level", words.count >= 2 {
            let role = label("role.\(words[1])") ?? words[1]
            return label("timeline.escalated_to").map { $0.replacingOccurrences(of: "{0}", with: role) }
        }
        if words.count == 2, words[1] == "bytes", Int(words[0]) != nil { return nil }
        // "a paid" / "a paid, off-site": a registered service job's category (SRV-01) and whether it is off-site
        if (2...3).contains(words.count), words[0].count == 1,
           let category = label("service.category.\(words[1].trimmingCharacters(in: .punctuationCharacters))") {
            let offsite = words.count == 3 && words[2] == "off-site" ? label("service.offsite") : nil
            return ["\(words[0]). \(category)", offsite].compactMap { $0 }.joined(separator: " · ")
        }
        return replacingInstants(text)
    }

    /// Fixed notes the trail writes in English, and their labels.
    static let phrases = ["waiting on customer": "timeline.waiting_on_customer"]
    /// Where a single machine word finds its label.
    static let wordLabels = ["deadline.kind.", "case.type.", "case.channel.", "role.", "complaint.severity.", "case.priority."]

    private func state(_ word: String) -> String? {
        Self.stateLabels.lazy.compactMap { label($0 + word) }.first
    }

    /// Where the words on either side of an arrow find their labels: statuses, clock states, severities, roles.
    static let stateLabels = ["case.status.", "timeline.clock_state.", "complaint.severity.", "role.", "approval.state.", "case.priority."]

    /// Free text with any ISO 8601 instant in it shown in the organization's zone, and any known machine
    /// word (an outcome, a status, a role) by its label; what a person typed stays as typed.
    private func replacingInstants(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { part in
            let word = String(part)
            if let instant = Self.instant(word) { return time(instant) }
            guard word.range(of: #"^[a-z][a-z_]*$"#, options: .regularExpression) != nil else { return word }
            return (Self.wordLabels + Self.stateLabels + Self.freeTextLabels).lazy.compactMap { label($0 + word) }.first ?? word
        }.joined(separator: " ")
    }

    /// Machine words that appear inside other summaries (a return visit's outcome and satisfaction).
    static let freeTextLabels = ["rtv.outcome.", "rtv.satisfaction."]

    static func instant(_ text: String) -> Date? {
        guard text.count >= 20, text.contains("T") else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
