import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// A small QA cast: an inspector (质检员), the CS director who decides disputes, two agents.
struct QualityCast {
    let inspector: TestStaff
    let director: TestStaff
    let wang: TestStaff
    let li: TestStaff

    static func make(_ app: Application) async throws -> QualityCast {
        QualityCast(inspector: try await app.staff("qazhou", roles: [.qaInspector]), director: try await app.staff("director", roles: [.csDirector]),
                    wang: try await app.staff("wangwu", roles: [.agent]), li: try await app.staff("lisi", roles: [.agent]))
    }
}

extension Application {
    /// Scores on the call form: every criterion 10 except `tone` (default 5, a finding).
    static func callScores(tone: Int = 5, phrases: Int = 10) -> [[String: Any]] {
        [["criterion": "service_phrases", "score": phrases], ["criterion": "service_attitude", "score": 10],
         ["criterion": "tone", "score": tone, "note": "语气生硬"], ["criterion": "needs_summary", "score": 10], ["criterion": "adaptability", "score": 10]]
    }

    static func uniquePhone() -> String { "139" + String(format: "%08d", Int.random(in: 0..<100_000_000)) }

    /// Opens a case as `agent` and scores it as the inspector; returns the scorecard's JSON.
    func inspect(_ cast: QualityCast, agent: TestStaff, channel: String = "phone", tone: Int = 5, extra: [String: Any] = [:]) async throws -> [String: Any] {
        let caseID = try #require(try await openCase(as: agent, channel: channel, phone: Application.uniquePhone())["id"] as? String)
        var body: [String: Any] = ["case_id": caseID, "scores": Application.callScores(tone: tone), "correction": "注意语气"]
        body.merge(extra) { _, new in new }
        let response = try await send(.POST, "api/v1/qa/inspections", as: cast.inspector, json: body)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.object()
    }
}
