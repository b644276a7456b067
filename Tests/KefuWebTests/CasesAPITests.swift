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

@Suite("Cases API: open, number, owner, status machine, access")
struct CasesAPITests {
    @Test("CHN-12 the creator is the first-contact owner; assigning changes only the assignee, and both are shown")
    func ownerFixed() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let leader = try await app.staff("leader", roles: [.teamLeader], departmentID: cs)
            let team = try await app.team("一班", departmentID: cs, leaderID: leader.id)
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs, teamID: team)
            let wang = try await app.staff("wang", roles: [.agent], departmentID: cs, teamID: team)
            let opened = try await app.openCase(as: lina)
            #expect(opened["owner_id"] as? String == lina.id.uuidString)
            #expect(opened["status"] as? String == "new")
            let id = try #require(opened["id"] as? String)
            let assigned = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: leader, json: ["assignee_id": wang.id.uuidString])
            #expect(assigned.status == .ok, "\(assigned.body.string)")
            let body = try assigned.object()
            #expect(body["owner_id"] as? String == lina.id.uuidString)
            #expect(body["assignee_id"] as? String == wang.id.uuidString)
            #expect(body["status"] as? String == "assigned")
            let notices = try await NotificationRepository(db: app.db).inbox(userID: wang.id, unreadOnly: false, after: nil, limit: 10)
            #expect(notices.items.contains { $0.kind == "case.assigned" })
        }
    }

    @Test("CMP-02 numbers follow the rulebook pattern: type prefix, local date, a daily sequence per prefix")
    func numbering() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let lina = try await app.staff("lina", roles: [.agent])
            let first = try await app.openCase(as: lina)
            let second = try await app.openCase(as: lina, phone: "13900001111")
            let complaint = try await app.openCase(as: lina, type: "complaint", phone: "13900002222")
            #expect(first["number"] as? String == "ZX-20261123-0001")
            #expect(second["number"] as? String == "ZX-20261123-0002")
            #expect(complaint["number"] as? String == "KS-20261123-0001")
        }
    }

    @Test("CHN-01 CHN-02 CHN-03 CHN-04 CHN-05 CHN-06 CHN-07 CHN-25 every case type (incl. redemption) from every channel (phone, visit, web, chat, WeChat, QQ, letter, email); an unknown word is 400 bad_request")
    func typesAndChannels() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            for (index, type) in CaseType.allCases.enumerated() {
                let channel = CaseChannel.allCases[index % CaseChannel.allCases.count]
                let opened = try await app.openCase(as: lina, type: type.rawValue, channel: channel.rawValue)
                #expect(opened["type"] as? String == type.rawValue)
            }
            for (field, value) in [("type", "gossip"), ("channel", "pigeon"), ("priority", "asap")] {
                var body: [String: Any] = ["type": "query", "channel": "phone", "subject": "s", "customer": ["name": "王", "phone": "13812345678"]]
                body[field] = value
                let response = try await app.send(.POST, "api/v1/cases", as: lina, json: body)
                #expect(response.status == .badRequest)
                #expect(response.errorCode == "bad_request")
            }
            #expect(try await CaseRecord.query(on: app.db).count() == CaseType.allCases.count)
        }
    }

    @Test("An empty subject or one of 10,000 characters is refused with the field named; nothing is written")
    func subjectBounds() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            for subject in ["   ", String(repeating: "退", count: 10_000)] {
                let response = try await app.send(.POST, "api/v1/cases", as: lina, json: [
                    "type": "query", "channel": "phone", "subject": subject, "customer": ["name": "王", "phone": "13812345678"]])
                #expect(response.status == .badRequest)
                #expect(response.errorCode == "validation_failed")
                #expect(response.body.string.contains("\"subject\""))
            }
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            #expect(try await CustomerRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("CHN-19 illegal moves are 409: closing an unresolved case, resolving a closed one; reopen works from closed")
    func statusMachine() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try #require(try await app.openCase(as: lina)["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/close", as: lina).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/resolve", as: lina, json: ["resolution": "已解决"]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/assign", as: lina, json: ["assignee_id": lina.id.uuidString]).status == .ok)
            let resolved = try await app.send(.POST, "api/v1/cases/\(id)/resolve", as: lina, json: ["resolution": "重启光猫后恢复"])
            #expect(try resolved.object()["status"] as? String == "resolved")
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/close", as: lina).status == .ok)
            let again = try await app.send(.POST, "api/v1/cases/\(id)/resolve", as: lina, json: ["resolution": "x"])
            #expect(again.status == .conflict)
            #expect(again.errorCode == "conflict")
            let reopened = try await app.send(.POST, "api/v1/cases/\(id)/reopen", as: lina, json: ["reason": "客户再次来电"])
            #expect(try reopened.object()["status"] as? String == "in_progress")
        }
    }

    @Test("A stale version is 409 and changes nothing")
    func staleVersion() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try #require(try await app.openCase(as: lina)["id"] as? String)
            _ = try await app.send(.POST, "api/v1/cases/\(id)/notes", as: lina, json: ["body": "已致电", "version": 1])
            let stale = try await app.send(.POST, "api/v1/cases/\(id)/notes", as: lina, json: ["body": "再次致电", "version": 1])
            #expect(stale.status == .conflict)
            #expect(try await CaseNoteRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("A case outside the caller's scope is 404; another agent cannot act on it; an inactive assignee is refused")
    func scope() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let sales = try await app.department("销售部", kind: .sales)
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let outsider = try await app.staff("zhao", roles: [.agent], departmentID: sales)
            let id = try #require(try await app.openCase(as: lina)["id"] as? String)
            #expect(try await app.send(.GET, "api/v1/cases/\(id)", as: outsider).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/resolve", as: outsider, json: ["resolution": "x"]).status == .notFound)
            #expect(try await app.send(.GET, "api/v1/cases", as: outsider).items().isEmpty)
            let colleague = try await app.staff("wang", roles: [.agent], departmentID: cs)
            // The colleague sees the unassigned case in the department queue but may only take it.
            #expect(try await app.send(.GET, "api/v1/cases/\(id)", as: colleague).status == .ok)
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/notes", as: colleague, json: ["body": "x"]).status == .forbidden)
            let director = try await app.staff("boss", roles: [.csDirector], departmentID: cs)
            let gone = try await app.staff("gone", roles: [.agent], departmentID: cs)
            let user = try #require(try await UserRepository(db: app.db).find(gone.id))
            user.active = false
            try await user.save(on: app.db)
            let refused = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: director, json: ["assignee_id": gone.id.uuidString])
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("assignee_id"))
        }
    }

    @Test("ORD-02 a key account's case starts at high priority; a tier outside the rulebook's classification is refused")
    func keyAccount() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let opened = try await app.send(.POST, "api/v1/cases", as: lina, json: [
                "type": "query", "channel": "phone", "subject": "账单查询", "description": "询问本月账单",
                "customer": ["name": "华强集团", "phone": "075512345678", "tier": "key_account"]])
            #expect(try opened.object()["priority"] as? String == "high")
            let unknownTier = try await app.send(.POST, "api/v1/customers", as: lina, json: ["name": "某公司", "phone": "075587654321", "tier": "vip"])
            #expect(unknownTier.status == .badRequest)
            #expect(unknownTier.body.string.contains("\"tier\""))
        }
    }

    @Test("CHN-17 the queue filter splits cases into general, order and complaint CS")
    func queueFilter() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            _ = try await app.openCase(as: lina, type: "complaint")
            _ = try await app.openCase(as: lina, type: "service_request", phone: "13900001111")
            _ = try await app.openCase(as: lina, type: "query", phone: "13900002222")
            for (queue, type) in [("complaint", "complaint"), ("order", "service_request"), ("general", "query")] {
                let items = try await app.send(.GET, "api/v1/cases?queue=\(queue)", as: lina).items()
                #expect(items.map { $0["type"] as? String } == [type])
            }
            #expect(try await app.send(.GET, "api/v1/cases?queue=vip", as: lina).status == .badRequest)
        }
    }

    @Test("The OpenAPI document describes the case body with every type and channel")
    func openAPI() async throws {
        try await withTestApp { app in
            let doc = try await app.testing().sendRequest(.GET, "api/v1/openapi.json").object()
            let paths = try #require(doc["paths"] as? [String: Any])
            let post = try #require((paths["/api/v1/cases"] as? [String: Any])?["post"] as? [String: Any])
            let body = try #require(post["requestBody"] as? [String: Any])
            let text = String(describing: body)
            for word in CaseType.allCases.map(\.rawValue) + CaseChannel.allCases.map(\.rawValue) { #expect(text.contains(word)) }
            #expect(paths["/api/v1/cases/{id}/service/voucher"] != nil)
        }
    }
}
