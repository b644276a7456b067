import Foundation

/// Splits a text into the parts a search matched and the rest, so a result list can mark what was
/// found (issue 21 §10). Each whitespace-separated term of the query is matched case-insensitively;
/// overlapping matches merge. Pages render the parts escaped, a hit inside `<mark>`.
public enum SearchHighlight {
    public struct Part: Sendable, Equatable, Encodable {
        public let text: String
        public let hit: Bool

        public init(_ text: String, hit: Bool) { self.text = text; self.hit = hit }
    }

    public static func parts(of text: String, query: String?) -> [Part] {
        let terms = (query ?? "").split(whereSeparator: \.isWhitespace).map(String.init).filter { !$0.isEmpty }
        guard !text.isEmpty else { return [] }
        guard !terms.isEmpty else { return [Part(text, hit: false)] }
        var marked = [Bool](repeating: false, count: text.count)
        let characters = Array(text)
        for term in terms {
            var searchStart = text.startIndex
            while searchStart < text.endIndex,
                  let found = text.range(of: term, options: [.caseInsensitive], range: searchStart..<text.endIndex) {
                let lower = text.distance(from: text.startIndex, to: found.lowerBound)
                let upper = text.distance(from: text.startIndex, to: found.upperBound)
                for index in lower..<upper { marked[index] = true }
                searchStart = found.upperBound > found.lowerBound ? found.upperBound : text.index(after: found.lowerBound)
            }
        }
        var parts: [Part] = []
        var current = "", currentHit = marked[0]
        for (index, character) in characters.enumerated() {
            if marked[index] != currentHit {
                parts.append(Part(current, hit: currentHit))
                current = ""; currentHit = marked[index]
            }
            current.append(character)
        }
        parts.append(Part(current, hit: currentHit))
        return parts
    }
}
