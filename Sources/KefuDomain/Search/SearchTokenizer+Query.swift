import Foundation

extension SearchTokenizer {
    /// The most tokens a query keeps; further words are ignored.
    public static let maxQueryTokens = 32
    /// The most characters of query input that are read; longer input is truncated, not refused.
    public static let maxQueryCharacters = 200

    /// Words that are operators in SQLite FTS5 (`OR`, `AND`, `NOT`, `NEAR`) or read as such by people.
    /// Standing alone (in any case) they are dropped from queries rather than searched for: a query
    /// `退货 OR 换货` then means `退货 换货`, never an OR. Inside other words (`order`, `android`) they
    /// are ordinary text. The expression builders quote every token anyway; dropping them is the
    /// second guard, and keeps `to_tsquery` from ever seeing them bare.
    public static let droppedQueryWords: Set<String> = ["or", "and", "not", "near"]

    /// Tokens a query must all match (AND), deduplicated in order:
    /// - a 1-character CJK run → that character (documents index single characters);
    /// - a longer CJK run → its overlapping bigrams;
    /// - Latin/digit words lower-cased, except the standalone `droppedQueryWords`.
    ///
    /// Every character that is syntax in FTS5 or tsquery (`" * : ( ) ^ - + | & ! < > ' \` …) is a
    /// separator, so it never reaches a token. Input beyond `maxQueryCharacters` characters (counted
    /// before normalization) is cut off, and at most `maxQueryTokens` tokens are returned.
    public static func queryTokens(_ query: String) -> [String] {
        var collector = TokenCollector(limit: maxQueryTokens)
        forEachRun(in: String(query.prefix(maxQueryCharacters))) { run in
            switch run {
            case .cjk(let characters) where characters.count == 1:
                return collector.add(String(characters[0]))
            case .cjk(let characters):
                for bigram in bigrams(characters) {
                    guard collector.add(bigram) else { return false }
                }
                return true
            case .word(let word) where droppedQueryWords.contains(word):
                return true
            case .word(let word):
                return collector.add(word)
            }
        }
        return collector.tokens
    }

    /// A SQLite FTS5 `MATCH` expression that is safe for any tokens: each token becomes a quoted string
    /// (inner `"` doubled), joined with spaces (FTS5's implicit AND). Empty tokens are skipped; with no
    /// tokens the result is `""`, and callers return no results instead of running the query.
    public static func ftsMatchExpression(_ tokens: [String]) -> String {
        tokens.filter { !$0.isEmpty }
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            .joined(separator: " ")
    }

    /// A PostgreSQL `to_tsquery('simple', …)` argument that is safe for any tokens: each token becomes a
    /// quoted lexeme (backslashes escaped as `\\`, `'` doubled), joined with ` & `. Pass it as a bind
    /// parameter; this escapes tsquery syntax, not SQL. Empty tokens are skipped; no tokens → `""`.
    public static func tsQueryExpression(_ tokens: [String]) -> String {
        tokens.filter { !$0.isEmpty }
            .map { token in
                let escaped = token
                    .replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "'", with: "''")
                return "'" + escaped + "'"
            }
            .joined(separator: " & ")
    }
}
