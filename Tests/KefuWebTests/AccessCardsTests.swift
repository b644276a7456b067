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

/// Employee access cards and the access equipment (FDA-01/02/07).
@Suite("Front desk access cards (FDA)")
struct AccessCardsTests {
    @Test("FDA-01 the desk issues a card to one person and recovers it; a card number or a person holds one card at a time")
    func issueAndRecover() async throws {
        try await withTestApp { app in
            let desk = try await app.staff("qiantai", roles: [.frontDesk])
            let lina = try await app.staff("lina", roles: [.agent]), wang = try await app.staff("wang", roles: [.agent])
            #expect(try await app.send(.POST, "api/v1/access-cards", as: lina, json: ["card_no": "A001", "user_id": lina.id.uuidString]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/access-cards", as: desk, json: ["card_no": " ", "user_id": lina.id.uuidString]).status == .badRequest)
            let issued = try await app.send(.POST, "api/v1/access-cards", as: desk, json: ["card_no": "A001", "user_id": lina.id.uuidString])
            #expect(issued.status == .created, "\(issued.body.string)")
            let id = try #require(try issued.object()["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/access-cards", as: desk, json: ["card_no": "A001", "user_id": wang.id.uuidString]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/access-cards", as: desk, json: ["card_no": "A002", "user_id": lina.id.uuidString]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/access-cards/\(id)/return", as: desk, json: [:]).status == .ok)
            #expect(try await app.send(.POST, "api/v1/access-cards/\(id)/return", as: desk, json: [:]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/access-cards", as: desk, json: ["card_no": "A001", "user_id": wang.id.uuidString]).status == .created)
            #expect(try await app.send(.GET, "api/v1/access-cards?state=issued", as: desk).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/access-cards?state=gone", as: desk).status == .badRequest)
        }
    }

    @Test("FDA-02 at the door only an issued card is valid; a lost card is refused")
    func check() async throws {
        try await withTestApp { app in
            let desk = try await app.staff("qiantai", roles: [.frontDesk]), lina = try await app.staff("lina", roles: [.agent])
            let id = try #require(try await app.send(.POST, "api/v1/access-cards", as: desk, json: ["card_no": "B7", "user_id": lina.id.uuidString]).object()["id"] as? String)
            let valid = try await app.send(.GET, "api/v1/access-cards/check?card_no=B7", as: desk).object()
            #expect(valid["valid"] as? Bool == true)
            #expect(try await app.send(.POST, "api/v1/access-cards/\(id)/lost", as: desk, json: ["version": 1]).status == .ok)
            #expect(try await app.send(.GET, "api/v1/access-cards/check?card_no=B7", as: desk).object()["valid"] as? Bool == false)
            #expect(try await app.send(.GET, "api/v1/access-cards/check?card_no=ZZ", as: desk).object()["valid"] as? Bool == false)
            #expect(try await app.send(.GET, "api/v1/access-cards/check", as: desk).status == .badRequest)
        }
    }

    @Test("FDA-07 equipment faults go to the administrative department at once and are closed with the repair; checks are logged")
    func equipment() async throws {
        try await withTestApp { app in
            let desk = try await app.staff("qiantai", roles: [.frontDesk]), office = try await app.staff("xingzheng", roles: [.adminOffice])
            #expect(try await app.send(.POST, "api/v1/access-equipment/reports", as: desk, json: ["kind": "card_failure", "note": " "]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/access-equipment/reports", as: desk, json: ["kind": "check_ok", "note": ""]).status == .created)
            let fault = try await app.send(.POST, "api/v1/access-equipment/reports", as: desk, json: ["kind": "system_failure", "note": "东门读卡器无反应"])
            #expect(fault.status == .created)
            let id = try #require(try fault.object()["id"] as? String)
            #expect(try await app.send(.GET, "api/v1/notifications", as: office).items().contains { $0["kind"] as? String == "access_equipment.fault" })
            #expect(try await app.send(.POST, "api/v1/access-equipment/reports/\(id)/resolve", as: office, json: ["resolution": "更换读卡器"]).status == .ok)
            #expect(try await app.send(.POST, "api/v1/access-equipment/reports/\(id)/resolve", as: office, json: ["resolution": "again"]).status == .conflict)
            #expect(try await app.send(.GET, "api/v1/access-equipment/reports", as: desk).items().count == 2)
        }
    }
}
