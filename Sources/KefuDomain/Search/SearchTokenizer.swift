import Foundation

/// ARCHITECTURE §3 "Search": Chinese-first full-text search without extra services.
///
/// The tokenizer turns text into the tokens the store indexes (SQLite FTS5, or PostgreSQL
/// `tsvector('simple')` + GIN), and a query into the tokens a match must all contain:
/// - CJK runs (Han, Hiragana/Katakana, Hangul) become overlapping bigrams (`我要退货` → `我要 要退 退货`);
///   documents also store every single character so that a 1-character query can match.
/// - Latin/digit runs become lower-cased words; digits-only words (order numbers) are kept.
/// - Everything else (ASCII and Chinese punctuation, symbols, emoji, whitespace) separates runs.
///
/// Text is NFKC-normalized first, so full-width `ＡＢＣ１２３` reads as `abc123` and half-width katakana
/// as full-width. Query-side rules and the safe MATCH / tsquery builders are in `SearchTokenizer+Query.swift`.
public enum SearchTokenizer {
    /// The most tokens stored for one document; the rest of a very long text is not searchable.
    public static let maxIndexTokens = 2_000

    /// Tokens to store for a document: CJK bigrams and single characters, lower-cased Latin/digit words,
    /// deduplicated in first-seen order and capped at `maxIndexTokens`.
    ///
    /// Per CJK run the bigrams come first, then the single characters. Long Latin words are kept whole
    /// (a query word can only be 200 characters long, so longer ones are simply never matched).
    public static func indexTokens(_ text: String) -> [String] {
        var collector = TokenCollector(limit: maxIndexTokens)
        forEachRun(in: text) { run in
            switch run {
            case .cjk(let characters):
                for bigram in bigrams(characters) {
                    guard collector.add(bigram) else { return false }
                }
                for character in characters {
                    guard collector.add(String(character)) else { return false }
                }
            case .word(let word):
                if !collector.add(word) { return false }
            }
            return true
        }
        return collector.tokens
    }

    // MARK: - Runs shared by documents and queries

    /// A maximal stretch of CJK characters, or one lower-cased Latin/digit word.
    enum Run: Equatable {
        case cjk([Unicode.Scalar])
        case word(String)
    }

    /// Splits NFKC-normalized `text` into runs and hands them to `body` in order; `body` returns
    /// `false` to stop early (a capped document need not be scanned to the end).
    static func forEachRun(in text: String, _ body: (Run) -> Bool) {
        let normalized = text.precomposedStringWithCompatibilityMapping
        var cjk: [Unicode.Scalar] = []
        var word = String.UnicodeScalarView()
        var keepGoing = true

        func flush() {
            if keepGoing, !cjk.isEmpty { keepGoing = body(.cjk(cjk)) }
            if keepGoing, !word.isEmpty { keepGoing = body(.word(String(word).lowercased())) }
            cjk.removeAll(keepingCapacity: true)
            word.removeAll(keepingCapacity: true)
        }

        for scalar in normalized.unicodeScalars {
            guard keepGoing else { return }
            if isCJK(scalar) {
                if !word.isEmpty { flush() }
                cjk.append(scalar)
            } else if isWordCharacter(scalar) || (isMark(scalar) && !word.isEmpty) {
                if !cjk.isEmpty { flush() }
                word.append(scalar)
            } else {
                flush()
            }
        }
        flush()
    }

    /// Overlapping pairs of a CJK run; a 1-character run has none.
    static func bigrams(_ characters: [Unicode.Scalar]) -> [String] {
        guard characters.count > 1 else { return [] }
        return (0..<(characters.count - 1)).map { index in
            var pair = String.UnicodeScalarView()
            pair.append(characters[index])
            pair.append(characters[index + 1])
            return String(pair)
        }
    }

    /// Han (with 々 and 〇), Hiragana, Katakana (not the middle dot ・, which is punctuation) and Hangul.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3005, 0x3007: true                       // 々 iteration mark, 〇 ideographic zero
        case 0x30FB: false                              // ・ katakana middle dot
        case 0x1100...0x11FF, 0x3130...0x318F,          // Hangul jamo, compatibility jamo
             0xA960...0xA97F, 0xAC00...0xD7FF: true     // Hangul jamo extended, syllables
        case 0x3040...0x30FF, 0x31F0...0x31FF: true     // Hiragana, Katakana, Katakana extension
        case 0x3400...0x4DBF, 0x4E00...0x9FFF,          // CJK unified ideographs (+ extension A)
             0xF900...0xFAFF, 0x20000...0x3FFFF: true   // compatibility ideographs, extensions B and later
        default: false
        }
    }

    /// A letter or decimal digit of any script outside the CJK ranges.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
    }

    /// Combining marks left after NFKC stay with the letter they follow.
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}

/// An insertion-ordered set of tokens with a size limit.
struct TokenCollector {
    let limit: Int
    private(set) var tokens: [String] = []
    private var seen: Set<String> = []

    init(limit: Int) { self.limit = limit }

    /// Adds `token` unless it is empty or already present; returns `false` once the limit is reached.
    mutating func add(_ token: String) -> Bool {
        guard tokens.count < limit else { return false }
        if !token.isEmpty, seen.insert(token).inserted { tokens.append(token) }
        return tokens.count < limit
    }
}
