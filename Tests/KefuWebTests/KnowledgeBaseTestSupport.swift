import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// A knowledge-base cast: the editing group's editor, the center director who reads notices, the
/// marketing department's manager who confirms the wording (KB-05), and an agent on the phone.
struct KBCast {
    let departmentID: UUID
    let editor: TestStaff
    let director: TestStaff
    let manager: TestStaff
    let agent: TestStaff

    static func make(_ app: Application) async throws -> KBCast {
        let marketing = try await app.department("市场部", kind: .marketing)
        return KBCast(departmentID: marketing, editor: try await app.staff("bianji", roles: [.kbEditor]),
                      director: try await app.staff("zhuren", roles: [.centerDirector]),
                      manager: try await app.staff("jingli", roles: [.deptManager], departmentID: marketing),
                      agent: try await app.staff("lina", roles: [.agent]))
    }
}

extension Application {
    /// Registers an entry from a business notice of the cast's department; returns its JSON.
    func kbEntry(_ cast: KBCast, title: String = "宽带资费调整", answer: String = "自12月1日起，宽带包月资费调整为每月88元。",
                 extra: [String: Any] = [:]) async throws -> [String: Any] {
        var body: [String: Any] = ["catalog": "information", "title": title, "question": "宽带包月现在多少钱？", "answer": answer,
                                   "issuing_department_id": cast.departmentID.uuidString, "notice_ref": "市字〔2026〕12号"]
        body.merge(extra) { _, new in new }
        let response = try await send(.POST, "api/v1/kb/entries", as: cast.editor, json: body)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.object()
    }

    /// Read by the director, submitted, confirmed by the department's manager; returns the entry's JSON.
    func kbConfirm(_ cast: KBCast, _ id: String) async throws -> [String: Any] {
        let read = try await send(.POST, "api/v1/kb/entries/\(id)/read", as: cast.director)
        #expect(read.status == .ok, "\(read.body.string)")
        let submitted = try await send(.POST, "api/v1/kb/entries/\(id)/submit", as: cast.editor)
        #expect(submitted.status == .ok, "\(submitted.body.string)")
        let approval = try #require(try submitted.object()["approval_id"] as? String)
        let approved = try await send(.POST, "api/v1/approvals/\(approval)/approve", as: cast.manager, json: ["comment": "口径无误"])
        #expect(approved.status == .ok, "\(approved.body.string)")
        return try await send(.GET, "api/v1/kb/entries/\(id)", as: cast.editor).object()
    }

    /// The whole flow to publication; returns the published entry's JSON.
    func kbPublished(_ cast: KBCast, title: String = "宽带资费调整", answer: String = "自12月1日起，宽带包月资费调整为每月88元。",
                     extra: [String: Any] = [:]) async throws -> [String: Any] {
        let id = try await kbEntry(cast, title: title, answer: answer, extra: extra)["id"] as! String
        _ = try await kbConfirm(cast, id)
        let published = try await send(.POST, "api/v1/kb/entries/\(id)/publish", as: cast.editor)
        #expect(published.status == .ok, "\(published.body.string)")
        return try published.object()
    }

    /// The ids an agent's search finds.
    func kbSearch(_ q: String, as staff: TestStaff) async throws -> [String] {
        let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
        let response = try await send(.GET, "api/v1/kb/entries?q=\(encoded)", as: staff)
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.items().compactMap { $0["id"] as? String }
    }
}
