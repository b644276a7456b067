import Foundation
import KefuDomain
import KefuStore

/// A notification put into words in one language: its title (the argument followed by the word its key
/// names), the name of its kind, and a digest's counts. Nothing here passes a code word through to the reader.
package enum NotificationText {
    /// `KS-20261123-0007 · 解决时限`: the stored argument and the word of `wordKey`, whichever are present. A word
    /// key without a label (a clock kind added without one) is left out rather than shown as a code.
    package static func argument(_ text: String, wordKey: String?, _ localization: Localization, _ language: UILanguage) -> String {
        let word = wordKey.flatMap { localization.has($0, .zhHans) ? localization.text($0, language) : nil }
        return [text, word ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
    }

    package static func title(_ record: NotificationRecord, _ localization: Localization, _ language: UILanguage) -> String {
        localization.text(record.titleKey, language, [argument(record.titleArgument, wordKey: record.titleWordKey, localization, language)])
    }

    package static func kindLabel(_ kind: String, _ localization: Localization, _ language: UILanguage) -> String {
        localization.text(NotificationKinds.kind(kind).labelKey, language)
    }

    /// A digest's counts, largest first: `审批结果 3 · 会议通知 1`; nil for other notifications.
    package static func detail(_ record: NotificationRecord, _ localization: Localization, _ language: UILanguage) -> String? {
        guard let summary = record.summary else { return nil }
        return digestLines(NotificationDigest.lines(of: summary), localization, language)
    }

    package static func digestLines(_ lines: [NotificationDigest.Line], _ localization: Localization, _ language: UILanguage) -> String {
        lines.map { localization.text("notifications.digest_line", language, [kindLabel($0.kind, localization, language), String($0.count)]) }
            .joined(separator: " · ")
    }
}
