import Foundation
import Testing
@testable import KefuDomain

@Suite("Search: Chinese-first tokenizer and safe query expressions")
struct SearchTokenizerTests {
    @Test("A document's CJK run gives every overlapping bigram and every single character")
    func cjkBigramsAndSingles() {
        // when
        let tokens = SearchTokenizer.indexTokens("我要退货")
        // then
        #expect(tokens == ["我要", "要退", "退货", "我", "要", "退", "货"])
    }

    @Test("A 2-character query such as 退货 matches a document that contains it")
    func twoCharacterQueryMatches() {
        // given
        let index = Set(SearchTokenizer.indexTokens("我要退货，请尽快处理"))
        // when
        let query = SearchTokenizer.queryTokens("退货")
        // then
        #expect(query == ["退货"])
        #expect(query.allSatisfy(index.contains))
    }

    @Test("A 1-character query matches through the single characters of the index")
    func oneCharacterQueryMatches() {
        let index = Set(SearchTokenizer.indexTokens("我要退货，请尽快处理"))
        let query = SearchTokenizer.queryTokens("货")
        #expect(query == ["货"])
        #expect(query.allSatisfy(index.contains))
    }

    @Test("A longer query must match all its bigrams, so a different phrase does not match")
    func longerQueryNeedsAllBigrams() {
        let index = Set(SearchTokenizer.indexTokens("我要退货，请尽快处理"))
        #expect(SearchTokenizer.queryTokens("尽快处理").allSatisfy(index.contains))
        #expect(!SearchTokenizer.queryTokens("退款处理").allSatisfy(index.contains))
    }

    @Test("Mixed Latin, digits and Chinese give lower-cased words, bigrams and single characters")
    func mixedText() {
        let tokens = SearchTokenizer.indexTokens("iPhone 15 屏幕碎了")
        #expect(tokens == ["iphone", "15", "屏幕", "幕碎", "碎了", "屏", "幕", "碎", "了"])
        #expect(SearchTokenizer.queryTokens("iPhone 15 屏幕碎了") == ["iphone", "15", "屏幕", "幕碎", "碎了"])
    }

    @Test("Full-width letters and digits are normalized before tokenizing", arguments: [
        ("ＡＢＣ１２３", ["abc123"]),
        ("ｉＰｈｏｎｅ　１５", ["iphone", "15"]),
        ("ｶﾀｶﾅ", ["カタ", "タカ", "カナ", "カ", "タ", "ナ"]),
    ])
    func fullWidth(text: String, expected: [String]) {
        #expect(SearchTokenizer.indexTokens(text) == expected)
    }

    @Test("An order number yields its letter part and its digit groups, leading zeros kept")
    func orderNumber() {
        #expect(SearchTokenizer.indexTokens("KS-20261123-0007") == ["ks", "20261123", "0007"])
        #expect(SearchTokenizer.queryTokens("KS-20261123-0007") == ["ks", "20261123", "0007"])
    }

    @Test("Punctuation, emoji and whitespace separate runs", arguments: [
        ("退货，换货", ["退货", "换货"]),
        ("退货😡换货", ["退货", "换货"]),
        ("退货 换货", ["退货", "换货"]),
        ("退货。（换货）", ["退货", "换货"]),
        ("hello,world!", ["hello", "world"]),
        ("屏幕abc碎了", ["屏幕", "abc", "碎了"]),
    ])
    func separators(text: String, expected: [String]) {
        #expect(SearchTokenizer.queryTokens(text) == expected)
    }

    @Test("Duplicates are dropped and the first-seen order is kept")
    func dedupeKeepsOrder() {
        #expect(SearchTokenizer.indexTokens("Foo bar FOO baz bar") == ["foo", "bar", "baz"])
        #expect(SearchTokenizer.indexTokens("退货退货") == ["退货", "货退", "退", "货"])
        #expect(SearchTokenizer.queryTokens("b a B A") == ["b", "a"])
    }

    @Test("Text without letters, digits or CJK gives no tokens and an empty expression", arguments: [
        "", "   ", "，。！？", "😀🎉", "-- ** ::",
    ])
    func nothingToSearch(text: String) {
        #expect(SearchTokenizer.indexTokens(text).isEmpty)
        #expect(SearchTokenizer.queryTokens(text).isEmpty)
        #expect(SearchTokenizer.ftsMatchExpression([]) == "")
        #expect(SearchTokenizer.tsQueryExpression([]) == "")
    }

    @Test("Standalone OR, AND, NOT and NEAR are dropped from queries in any case, but not inside words")
    func operatorWords() {
        #expect(SearchTokenizer.queryTokens("退货 OR 换货 and Not near") == ["退货", "换货"])
        #expect(SearchTokenizer.queryTokens("order android notebook") == ["order", "android", "notebook"])
    }

    // MARK: - Query syntax never leaks and input is capped

    static let hostileQueries = [
        "\" * : ( ) OR NEAR", "a\"b", "foo*", "-x", "NEAR(a b)", "a OR b", "NOT a", "x AND y",
        "col:value", "^start", "a + b", "a | b & !c", "<a> 'b' \\c", "\"\"\"", "'; DROP TABLE cases; --",
        "退货\"OR\"换货", "a:*", "((退货))",
    ]

    @Test("Syntax characters never reach a token", arguments: hostileQueries)
    func noSyntaxInTokens(query: String) {
        let syntax = Set("\"*:()^-+|&!<>'\\ ")
        for token in SearchTokenizer.queryTokens(query) {
            #expect(!token.contains(where: syntax.contains))
            #expect(!["or", "and", "not", "near"].contains(token))
        }
    }

    @Test("FTS5 expressions are only balanced quoted strings joined by spaces", arguments: hostileQueries)
    func ftsExpressionIsSafe(query: String) {
        let expression = SearchTokenizer.ftsMatchExpression(SearchTokenizer.queryTokens(query))
        #expect(Self.quotedParts(expression, quote: "\"", separator: " ") != nil)
    }

    @Test("tsquery expressions are only balanced quoted lexemes joined by &", arguments: hostileQueries)
    func tsQueryIsSafe(query: String) {
        let expression = SearchTokenizer.tsQueryExpression(SearchTokenizer.queryTokens(query))
        #expect(Self.quotedParts(expression, quote: "'", separator: " & ") != nil)
    }

    @Test("Quotes and backslashes inside tokens are escaped, not closed")
    func escaping() {
        // given
        let tokens = ["a\"b", "it's", "back\\slash", "", "OR"]
        // when
        let fts = SearchTokenizer.ftsMatchExpression(tokens)
        let tsQuery = SearchTokenizer.tsQueryExpression(tokens)
        // then
        #expect(fts == #""a""b" "it's" "back\slash" "OR""#)
        #expect(Self.quotedParts(fts, quote: "\"", separator: " ") == ["a\"b", "it's", "back\\slash", "OR"])
        #expect(tsQuery == #"'a"b' & 'it''s' & 'back\\slash' & 'OR'"#)
        #expect(Self.quotedParts(tsQuery, quote: "'", separator: " & ")?.count == 4)
    }

    @Test("Only the first 200 characters of a query are read")
    func queryInputCap() {
        let query = String(repeating: "a", count: 199) + " zzz"
        #expect(SearchTokenizer.queryTokens(query) == [String(repeating: "a", count: 199)])
    }

    @Test("A query keeps at most 32 tokens", arguments: [200, 10_000])
    func queryTokenCap(length: Int) {
        // given: distinct CJK characters, so every bigram is new
        let text = String(String.UnicodeScalarView((0..<length).compactMap { Unicode.Scalar(0x4E00 + $0) }))
        // when
        let tokens = SearchTokenizer.queryTokens(text)
        // then
        #expect(tokens.count == 32)
        #expect(tokens.first == String(text.prefix(2)))
    }

    @Test("A document keeps at most 2,000 tokens", arguments: [(200, 399), (10_000, 2_000)])
    func indexTokenCap(length: Int, expected: Int) {
        let text = String(String.UnicodeScalarView((0..<length).compactMap { Unicode.Scalar(0x4E00 + $0) }))
        #expect(SearchTokenizer.indexTokens(text).count == expected)
    }

    @Test("A long Latin query is capped by words too")
    func manyWords() {
        let query = (1...60).map { "w\($0)" }.joined(separator: " ")
        #expect(SearchTokenizer.queryTokens(query) == (1...32).map { "w\($0)" })
    }

    /// Reads `expression` as quoted parts joined by `separator`, where a doubled quote (or, for `'`, a
    /// backslash) escapes; `nil` when anything lies outside the quotes or a quote is left open.
    static func quotedParts(_ expression: String, quote: Character, separator: String) -> [String]? {
        if expression.isEmpty { return [] }
        var parts: [String] = []
        var rest = Substring(expression)
        while true {
            guard rest.first == quote else { return nil }
            rest = rest.dropFirst()
            var part = ""
            while true {
                guard let character = rest.first else { return nil }
                rest = rest.dropFirst()
                if quote == "'", character == "\\" {
                    guard let escaped = rest.first else { return nil }
                    part.append(escaped)
                    rest = rest.dropFirst()
                } else if character == quote {
                    guard rest.first == quote else { break }
                    part.append(quote)
                    rest = rest.dropFirst()
                } else {
                    part.append(character)
                }
            }
            parts.append(part)
            if rest.isEmpty { return parts }
            guard rest.hasPrefix(separator) else { return nil }
            rest = rest.dropFirst(separator.count)
        }
    }
}
