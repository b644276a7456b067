import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

@Suite("Fines and rewards pages (奖罚)")
struct FinesPagesTests {
    @Test("ATT-05/ATT-17 the leader records a violation and a reward from the page; a bad form shows the message; the statement prints")
    func pages() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await FinesCast.make(app)
            var leader = WebSession(app)
            try await leader.logIn("banzhang", cast.leader.password)
            let page = try await leader.get("/fines")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("fines-record-violation"))
            #expect(page.body.string.contains("迟到、早退"))
            let unknown = try await leader.post("/fines/violations", ["user_id": cast.wang.id.uuidString, "code": "smoking"])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("flash-error"))
            #expect(unknown.body.string.contains(app.ruleWords("fines.catalogue")))
            let saved = try await leader.post("/fines/violations", ["user_id": cast.wang.id.uuidString, "code": "late_or_early",
                                                                   "occurred_at": "2026-11-23T08:12", "note": "8:12 到岗"])
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(400))")
            let badReward = try await leader.post("/fines/rewards", ["user_id": cast.wang.id.uuidString, "kind": "bonus", "amount": "abc", "reason": "x"])
            #expect(badReward.status == .badRequest)
            #expect(try await leader.post("/fines/rewards", ["user_id": cast.wang.id.uuidString, "kind": "bonus", "amount": "80", "reason": "锦旗"]).status == .seeOther)
            let after = try await leader.get("/fines?month=2026-11")
            #expect(after.body.string.contains("8:12 到岗"))
            let violationID = try #require(try await ViolationRecord.query(on: app.db).first()?.id)
            #expect(after.body.string.contains("/fines/violations/\(violationID)/paid"))
            #expect(try await leader.post("/fines/violations/\(violationID)/paid", [:]).status == .seeOther)
            #expect(try await leader.post("/fines/violations/\(violationID)/paid", [:]).status == .conflict)
            #expect(after.body.string.contains("锦旗"))
            let statement = try await leader.get("/fines/statement?user_id=\(cast.wang.id)&month=2026-11")
            #expect(statement.status == .ok)
            #expect(statement.body.string.contains("fines-statement"))
            #expect(statement.body.string.contains("data-print"))
            #expect(statement.body.string.contains("70.00"))

            var agent = WebSession(app)
            try await agent.logIn("wangwu", cast.wang.password)
            #expect(try await agent.get("/fines").status == .forbidden)
            let mine = try await agent.get("/fines/statement")
            #expect(mine.status == .ok)
            #expect(mine.body.string.contains("/fines/statement"))
            #expect(mine.body.string.contains("-10.00"))
            #expect(try await agent.get("/fines/statement?user_id=\(cast.li.id)").status == .forbidden)
        }
    }
}
