/// Text helpers for the robot markdown dialects (WeCom / DingTalk).
///
/// Escaping strategy: markdown-significant ASCII in untrusted text is replaced by its
/// full-width twin (`[`→`［`, `]`→`］`, `(`→`（`, `)`→`）`, `*`→`＊`, `_`→`＿`,
/// `` ` ``→`｀`, `<`→`＜`, `>`→`＞`, `~`→`～`). Neither robot documents backslash
/// escapes, so substitution is the only renderer-independent way to stop user text
/// from forming links, emphasis, code spans, quotes or `<font>`/HTML tags; full-width
/// forms read naturally in Chinese text. Bare URLs typed by users may still be
/// auto-linked by the client; that is not preventable and not an injection of markup.
enum WebhookMarkdown {
    static let ellipsis = "…"

    private static let replacements: [Unicode.Scalar: Unicode.Scalar] = [
        "[": "［", "]": "］", "(": "（", ")": "）", "*": "＊", "_": "＿",
        "`": "｀", "<": "＜", ">": "＞", "~": "～",
    ]

    /// Replaces markdown-significant characters (see type docs). Works on scalars so a
    /// combining mark after `*` cannot hide it inside a grapheme cluster.
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(replacements[scalar] ?? scalar)
        }
        return String(out)
    }

    /// Collapses line breaks to spaces (titles must stay on their `**…**` line).
    static func singleLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previousWasCR:
                break
            case "\r", "\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                out.append(" ")
            default:
                out.append(scalar)
            }
            previousWasCR = scalar == "\r"
        }
        return String(out)
    }

    /// Truncates to at most `maxBytes` UTF-8 bytes on a `Character` (grapheme) boundary,
    /// ending with "…" when anything was cut. Returns "" when not even "…" fits.
    static func truncate(_ text: String, maxBytes: Int) -> String {
        if text.utf8.count <= maxBytes { return text }
        let budget = maxBytes - ellipsis.utf8.count
        guard budget >= 0 else { return "" }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf8.count
            if used + size > budget { break }
            used += size
            end = text.index(after: index)
        }
        return String(text[..<end]) + ellipsis
    }

    /// Truncates to at most `maxCharacters` characters, ending with "…" when cut.
    static func truncate(_ text: String, maxCharacters: Int) -> String {
        guard text.count > maxCharacters else { return text }
        guard maxCharacters > 0 else { return "" }
        return String(text.prefix(maxCharacters - 1)) + ellipsis
    }

    /// Builds `**title**`, detail, `[查看详情](link)` joined by `separator`, then `suffix`,
    /// within `maxBytes`. Markup, link and suffix are kept whole; the title is truncated
    /// first-come (it gets the budget before the detail), the detail takes the rest.
    static func compose(
        title: String, detail: String?, link: String?,
        separator: String, suffix: String, maxBytes: Int
    ) -> String {
        let escapedTitle = escape(singleLine(title))
        let escapedDetail = detail.map(escape).flatMap { $0.isEmpty ? nil : $0 }
        let linkLine = link.map { separator + "[查看详情](\($0))" } ?? ""

        let fixed = "****".utf8.count + linkLine.utf8.count + suffix.utf8.count
        let budget = maxBytes - fixed
        let titleText = truncate(escapedTitle, maxBytes: max(budget, 0))
        var content = "**" + titleText + "**"

        if let escapedDetail {
            let remaining = budget - titleText.utf8.count - separator.utf8.count
            let detailText = truncate(escapedDetail, maxBytes: remaining)
            if !detailText.isEmpty { content += separator + detailText }
        }
        content += linkLine + suffix
        // Last resort when link/suffix alone exceed the limit.
        return truncate(content, maxBytes: maxBytes)
    }
}
