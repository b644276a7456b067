import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// A small accountability cast: a CS director who opens and decides, HR who reviews appeals (the
/// rulebook's `appeal_to`), an investigator, and two agents held to account.
struct AccountabilityCast {
    let director: TestStaff
    let hr: TestStaff
    let investigator: TestStaff
    let wang: TestStaff
    let li: TestStaff
    let bystander: TestStaff

    static func make(_ app: Application) async throws -> AccountabilityCast {
        AccountabilityCast(director: try await app.staff("director", roles: [.csDirector]), hr: try await app.staff("hrchen", roles: [.hr]),
                           investigator: try await app.staff("zhaoliu", roles: [.teamLeader]), wang: try await app.staff("wangwu", roles: [.agent]),
                           li: try await app.staff("lisi", roles: [.agent]), bystander: try await app.staff("sunqi", roles: [.agent]))
    }
}

extension Application {
    /// Opens a case against `persons` and returns its JSON.
    func openAccountability(_ cast: AccountabilityCast, persons: [TestStaff], extra: [String: Any] = [:]) async throws -> [String: Any] {
        var body: [String: Any] = ["title": "投诉处理拖延", "origin": "complaint", "trigger": "serious_complaint",
                                   "facts": "客户投诉三天未回复，造成严重投诉", "person_ids": persons.map(\.id.uuidString),
                                   "investigator_id": cast.investigator.id.uuidString]
        body.merge(extra) { _, new in new }
        let response = try await send(.POST, "api/v1/accountability-cases", as: cast.director, json: body)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.object()
    }

    /// Statements of every person, then a decision; returns the decided case's JSON.
    func decideAccountability(_ cast: AccountabilityCast, _ id: String, persons: [TestStaff], sanctions: [String] = ["circulated_criticism"],
                              extra: [String: Any] = [:]) async throws -> [String: Any] {
        for person in persons {
            let heard = try await send(.POST, "api/v1/accountability-cases/\(id)/statements", as: person, json: ["body": "当天系统故障，并非有意拖延"])
            #expect(heard.status == .ok, "\(heard.body.string)")
        }
        var body: [String: Any] = ["facts": "三天未回复客户", "reasons": "违反首问负责制", "basis": "客服问责制度 三.1", "sanctions": sanctions]
        body.merge(extra) { _, new in new }
        let decided = try await send(.POST, "api/v1/accountability-cases/\(id)/decision", as: cast.director, json: body)
        #expect(decided.status == .ok, "\(decided.body.string)")
        return try decided.object()
    }
}

extension TestingHTTPResponse {
    /// The `error` object of an API error body.
    func error() throws -> [String: Any] { (try object()["error"] as? [String: Any]) ?? [:] }
}
