import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Issue 21 §10: the search box searches every case the person may see, and marks what it found.
@Suite("Cases: searching from any tab")
struct CaseSearchEverywhereTests {
    @Test("CHN-12 a search typed on 我的待办 finds a closed case by its number and marks the match")
    func searchFindsClosedCases() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let opened = try await app.openCase(as: lina, subject: "光猫指示灯闪红")
            try await app.close(opened["id"] as! String, as: lina)
            let number = opened["number"] as! String
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let mine = try await web.get("/cases?view=mine").body.string
            #expect(!mine.contains(number))
            let found = try await web.get("/cases?view=mine&q=\(number)").body.string
            #expect(found.contains("<mark>\(number)</mark>"))
            #expect(found.contains("cases-search-scope"))
            let byWord = try await web.get("/cases?view=mine&q=%E5%85%89%E7%8C%AB").body.string  // 光猫
            #expect(byWord.contains("<mark>光猫</mark>指示灯闪红"))
        }
    }
}
