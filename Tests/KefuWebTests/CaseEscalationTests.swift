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

@Suite("Case escalation, links and attachments")
struct CaseEscalationTests {
    func inbox(_ app: Application, _ staff: TestStaff) async throws -> [NotificationRecord] {
        try await NotificationRepository(db: app.db).inbox(userID: staff.id, unreadOnly: false, after: nil, limit: 50).items
    }

    @Test("ESC-06 escalation goes one level up the ESC-13 chain at a time; an emergency skips one and the skipped level is told afterwards")
    func oneLevelAtATime() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let teamLeader = try await app.staff("banzhang", roles: [.teamLeader], departmentID: cs)
            let shiftLeader = try await app.staff("zhibanzhang", roles: [.shiftLeader], departmentID: cs)
            let director = try await app.staff("zhuren", roles: [.csDirector], departmentID: cs)
            let id = try await app.openCase(as: lina)["id"] as! String
            let first = try await app.send(.POST, "api/v1/cases/\(id)/escalate", as: lina, json: ["reason": "客户要求找领导"])
            #expect(try first.object()["escalation_level"] as? Int == 1)
            #expect(try await inbox(app, teamLeader).contains { $0.kind == "case.escalated" })
            #expect(try await inbox(app, shiftLeader).isEmpty)
            let emergency = try await app.send(.POST, "api/v1/cases/\(id)/escalate", as: lina, json: ["reason": "重大投诉", "emergency": true])
            #expect(try emergency.object()["escalation_level"] as? Int == 3)
            #expect(try await inbox(app, director).contains { $0.kind == "case.escalated" })
            #expect(try await inbox(app, shiftLeader).contains { $0.kind == "case.escalation_skipped" })
            let events = try await app.send(.GET, "api/v1/cases/\(id)/events", as: director)
            #expect(try events.items().contains { ($0["rule"] as? String) == "escalation.chain" })
        }
    }

    @Test("ESC-13 beyond the top of the chain is refused with the rule named")
    func topOfChain() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try await app.openCase(as: lina)["id"] as! String
            for _ in 0..<2 { _ = try await app.send(.POST, "api/v1/cases/\(id)/escalate", as: lina, json: ["reason": "r", "emergency": true]) }
            let refused = try await app.send(.POST, "api/v1/cases/\(id)/escalate", as: lina, json: ["reason": "r"])
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.object()["error"].flatMap { ($0 as? [String: Any])?["rule"] as? String } == "escalation.chain")
        }
    }

    @Test("Links go both ways, not to itself and not twice")
    func links() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let a = try await app.openCase(as: lina)["id"] as! String
            let b = try await app.openCase(as: lina, phone: "13900001111")["id"] as! String
            #expect(try await app.send(.POST, "api/v1/cases/\(a)/links", as: lina, json: ["other_case_id": b]).status == .ok)
            #expect(try await app.send(.POST, "api/v1/cases/\(b)/links", as: lina, json: ["other_case_id": a]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/cases/\(a)/links", as: lina, json: ["other_case_id": a]).status == .badRequest)
            #expect(try await CaseLinkRecord.query(on: app.db).count() == 2)
        }
    }

    @Test("CHN-01 a written document is attached to its case and downloaded as sent; over the limit is 413")
    func attachments() async throws {
        try await withTestApp { app in
            app.services.rulebook.cases.attachmentMaxBytes = 2_048
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try await app.openCase(as: lina, channel: "letter")["id"] as! String
            var headers = lina.bearer
            headers.contentType = .init(type: "text", subType: "html")
            let upload = try await app.testing().sendRequest(.POST, "api/v1/cases/\(id)/attachments?filename=%E6%8A%95%E8%AF%89%E4%BF%A1.html",
                                                             headers: headers, body: ByteBuffer(string: "<script>alert(1)</script>"))
            #expect(upload.status == .created, "\(upload.body.string)")
            let attachment = try upload.object()["id"] as! String
            let download = try await app.send(.GET, "api/v1/cases/\(id)/attachments/\(attachment)", as: lina)
            #expect(download.body.string == "<script>alert(1)</script>")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            #expect(download.headers.contentType == .binary)
            let big = try await app.testing().sendRequest(.POST, "api/v1/cases/\(id)/attachments?filename=big.bin", headers: headers,
                                                          body: ByteBuffer(repeating: 1, count: 4_096))
            #expect(big.status == .payloadTooLarge)
            #expect(big.errorCode == "payload_too_large")
            #expect(try await CaseAttachmentRecord.query(on: app.db).count() == 1)
        }
    }
}

@Suite("Case timeline pages")
struct CaseTimelineTests {
    @Test("The timeline pages through every event exactly once")
    func pages() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try await app.openCase(as: lina)["id"] as! String
            for index in 0..<7 { _ = try await app.send(.POST, "api/v1/cases/\(id)/notes", as: lina, json: ["body": "记录 \(index)"]) }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await app.send(.GET, "api/v1/cases/\(id)/events?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""), as: lina).object()
                seen += ((page["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
                cursor = page["next_cursor"] as? String
            } while cursor != nil
            #expect(seen.count == Set(seen).count)
            let total = try await AuditEventRecord.query(on: app.db).filter(\.$subjectID == UUID(uuidString: id)!).count()
            #expect(seen.count == total)
        }
    }

    @Test("Keyset cursors made from real-clock instants resume exactly after their row (one event per page, both databases)")
    func cursorsResumeExactly() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try await app.openCase(as: lina)["id"] as! String
            for index in 0..<30 { _ = try await app.send(.POST, "api/v1/cases/\(id)/notes", as: lina, json: ["body": "记录 \(index)"]) }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await app.send(.GET, "api/v1/cases/\(id)/events?limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""), as: lina).object()
                seen += ((page["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
                cursor = page["next_cursor"] as? String
            } while cursor != nil && seen.count < 200
            let total = try await AuditEventRecord.query(on: app.db).filter(\.$subjectID == UUID(uuidString: id)!).count()
            #expect(seen.count == Set(seen).count)
            #expect(seen.count == total)
        }
    }
}
