import Foundation
import Testing
@testable import KefuDomain

@Suite("Search: marking what a search found")
struct SearchHighlightTests {
    @Test("A term is marked wherever it occurs, in any letter case; the rest stays plain")
    func marksTerms() {
        let parts = SearchHighlight.parts(of: "宽带无法上网，宽带灯不亮", query: "宽带")
        #expect(parts == [.init("宽带", hit: true), .init("无法上网，", hit: false), .init("宽带", hit: true), .init("灯不亮", hit: false)])
        #expect(SearchHighlight.parts(of: "Router ROUTER", query: "router").filter(\.hit).map(\.text) == ["Router", "ROUTER"])
    }

    @Test("Several terms mark each; overlapping matches merge into one part")
    func severalTerms() {
        #expect(SearchHighlight.parts(of: "TS20261207001", query: "2026 612") == [.init("TS", hit: false), .init("202612", hit: true), .init("07001", hit: false)])
    }

    @Test("No query, or no match, leaves the text as one plain part; an empty text has no parts")
    func nothingToMark() {
        #expect(SearchHighlight.parts(of: "话费疑问", query: nil) == [.init("话费疑问", hit: false)])
        #expect(SearchHighlight.parts(of: "话费疑问", query: "宽带") == [.init("话费疑问", hit: false)])
        #expect(SearchHighlight.parts(of: "", query: "宽带").isEmpty)
    }
}
