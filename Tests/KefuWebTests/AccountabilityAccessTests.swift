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

@Suite("Accountability (问责): who sees what, lists, and bad input")
struct AccountabilityAccessTests {
    @Test("Someone else's case is not found; the list shows a staff member only their own cases, managers all")
    func ownCasesOnly() async throws {
        try await withTestApp { app in
            let cast = try await AccountabilityCast.make(app)
            let wangCase = try #require(try await app.openAccountability(cast, persons: [cast.wang])["id"] as? String)
            let liCase = try #require(try await app.openAccountability(cast, persons: [cast.li])["id"] as? String)
            #expect(try await app.send(.GET, "api/v1/accountability-cases/\(wangCase)", as: cast.wang).status == .ok)
            #expect(try await app.send(.GET, "api/v1/accountability-cases/\(liCase)", as: cast.wang).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(liCase)/statements", as: cast.wang, json: ["body": "x"]).status == .notFound)
            let mine = try await app.send(.GET, "api/v1/accountability-cases", as: cast.wang).items()
            #expect(mine.compactMap { $0["id"] as? String } == [wangCase])
            #expect(try await app.send(.GET, "api/v1/accountability-cases", as: cast.bystander).items().isEmpty)
            let all = try await app.send(.GET, "api/v1/accountability-cases", as: cast.director).items()
            #expect(all.count == 2)
            let mineForDirector = try await app.send(.GET, "api/v1/accountability-cases?mine=true", as: cast.director).items()
            #expect(mineForDirector.isEmpty)
            let byPerson = try await app.send(.GET, "api/v1/accountability-cases?person_id=\(cast.li.id)", as: cast.hr).items()
            #expect(byPerson.compactMap { $0["id"] as? String } == [liCase])
            #expect(try await app.send(.GET, "api/v1/accountability-cases?state=opened", as: cast.director).items().count == 2)
            #expect(try await app.send(.GET, "api/v1/accountability-cases?state=decided", as: cast.director).items().isEmpty)
            let page = try await app.send(.GET, "api/v1/accountability-cases?limit=1", as: cast.director).object()
            let cursor = try #require(page["next_cursor"] as? String)
            let second = try await app.send(.GET, "api/v1/accountability-cases?limit=1&cursor=\(cursor)", as: cast.director).object()
            #expect((second["items"] as? [[String: Any]])?.first?["id"] as? String != (page["items"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(second["next_cursor"] as? String == nil)
        }
    }

    @Test("A department's manager sees the cases of their department only; an agent may not open a case")
    func departmentScope() async throws {
        try await withTestApp { app in
            let cast = try await AccountabilityCast.make(app)
            let cs = try await app.department("客服部")
            let sales = try await app.department("销售部", kind: .sales)
            let csManager = try await app.staff("csm", roles: [.deptManager], departmentID: cs)
            let salesManager = try await app.staff("slm", roles: [.deptManager], departmentID: sales)
            let id = try #require(try await app.openAccountability(cast, persons: [cast.wang], extra: ["department_id": cs.uuidString])["id"] as? String)
            #expect(try await app.send(.GET, "api/v1/accountability-cases/\(id)", as: csManager).status == .ok)
            #expect(try await app.send(.GET, "api/v1/accountability-cases/\(id)", as: salesManager).status == .notFound)
            #expect(try await app.send(.GET, "api/v1/accountability-cases", as: salesManager).items().isEmpty)
            #expect(try await app.send(.POST, "api/v1/accountability-cases", as: cast.wang, json: [
                "title": "x", "origin": "manual", "trigger": "dereliction", "facts": "x", "person_ids": [cast.li.id.uuidString]]).status == .forbidden)
            // A person held to account does not decide their own case, even as a manager.
            let own = try await app.send(.POST, "api/v1/accountability-cases", as: csManager, json: [
                "title": "x", "origin": "manual", "trigger": "dereliction", "facts": "x", "person_ids": [csManager.id.uuidString]])
            #expect(own.status == .badRequest)
        }
    }

    @Test("Bad input: missing fields list every one, unknown values are bad requests, wrong state and stale version are conflicts")
    func badInput() async throws {
        try await withTestApp { app in
            let cast = try await AccountabilityCast.make(app)
            let missing = try await app.send(.POST, "api/v1/accountability-cases", as: cast.director, json: [:])
            #expect(missing.status == .badRequest)
            #expect(missing.errorCode == "validation_failed")
            let fields = Set(((try missing.error()["fields"] as? [String: Any]) ?? [:]).keys)
            #expect(fields.isSuperset(of: ["title", "facts", "origin", "trigger", "person_ids"]))
            let unknown = try await app.send(.POST, "api/v1/accountability-cases", as: cast.director, json: [
                "title": "x", "origin": "manual", "trigger": "bad_luck", "facts": "x", "person_ids": [cast.wang.id.uuidString]])
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "bad_request")
            let nobody = try await app.send(.POST, "api/v1/accountability-cases", as: cast.director, json: [
                "title": "x", "origin": "manual", "trigger": "dereliction", "facts": "x", "person_ids": [UUID().uuidString]])
            #expect(nobody.status == .badRequest)
            let opened = try await app.openAccountability(cast, persons: [cast.wang])
            let id = try #require(opened["id"] as? String)
            let early = try await app.send(.POST, "api/v1/accountability-cases/\(id)/acknowledge", as: cast.wang, json: [:])
            #expect(early.status == .conflict)
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(id)/appeal", as: cast.wang, json: ["reason": "x"]).status == .conflict)
            let investigating = try await app.send(.POST, "api/v1/accountability-cases/\(id)/investigate", as: cast.investigator,
                                                   json: ["plan": "调取录音，询问班长", "version": 1])
            #expect(try investigating.object()["state"] as? String == "investigating")
            #expect(try investigating.object()["version"] as? Int == 2)
            let stale = try await app.send(.POST, "api/v1/accountability-cases/\(id)/statements", as: cast.wang, json: ["body": "申辩", "version": 1])
            #expect(stale.status == .conflict)
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(id)/statements", as: cast.wang, json: ["body": "申辩", "version": 2]).status == .ok)
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(id)/investigate", as: cast.investigator, json: [:]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(id)/statements", as: cast.wang, json: ["body": "   "]).status == .badRequest)
            #expect(try await app.send(.GET, "api/v1/accountability-cases?state=lost", as: cast.director).status == .badRequest)
            #expect(try await app.send(.GET, "api/v1/accountability-cases/not-a-uuid", as: cast.director).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(id)/decision", as: cast.wang,
                                       json: ["facts": "f", "reasons": "r", "basis": "b", "sanctions": ["fine"]]).status == .forbidden)
        }
    }

    @Test("Accountability labels exist in zh-Hans and English for every state, trigger, origin, sanction and unit")
    func labels() throws {
        let localization = try Localization.load(directory: LocalizationTests.root.appendingPathComponent("Resources/Localization").path)
        let keys = AccountabilityState.allCases.map { "accountability.state.\($0.rawValue)" }
            + AccountabilityTrigger.allCases.map { "accountability.trigger.\($0.rawValue)" }
            + AccountabilityOrigin.allCases.map { "accountability.origin.\($0.rawValue)" }
            + AccountabilityRules.Sanction.allCases.map { "accountability.sanction.\($0.rawValue)" }
            + TimeUnit.allCases.map { "accountability.unit.\($0.rawValue)" }
            + AccountabilityCircumstance.allCases.map { "accountability.circumstance.\($0.rawValue)" }
            + AccountabilityReviewOutcome.allCases.map { "accountability.review.\($0.rawValue)" }
            + AccountabilityEvidenceKind.allCases.map { "accountability.evidence.\($0.rawValue)" }
            + ["hearing", "decision", "delivery", "appeal_or_file", "review", "file", "none"].map { "accountability.next.\($0)" }
        for language in UILanguage.allCases {
            #expect(keys.filter { !localization.has($0, language) }.isEmpty, "\(language)")
        }
    }
}
