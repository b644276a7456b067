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

/// Safety (SEC-04..12, 20, 21): inspections with findings, the closing round, open flame and private use.
@Suite("Safety inspections and requests (SEC-04..12, SEC-20/21)")
struct SafetyTests {
    func checklist(finding item: String? = nil, owner: TestStaff? = nil, note: String? = "插座松动") -> [[String: Any]] {
        InspectionItem.allCases.map { i in
            var line: [String: Any] = ["item": i.rawValue, "result": i.rawValue == item ? "finding" : "pass"]
            if i.rawValue == item {
                if let note { line["note"] = note }
                if let owner { line["owner_id"] = owner.id.uuidString }
            }
            return line
        }
    }

    @Test("SEC-06 a safety inspection covers every item and records the fire-equipment custodian; a finding gets an owner and due date and is closed once with a note")
    func inspection() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            let body: [String: Any] = ["custodian_id": cast.lili.id.uuidString, "items": checklist(finding: "sockets", owner: cast.wang)]
            #expect(try await app.send(.POST, "api/v1/inspections", as: cast.wang, json: body).status == .forbidden)
            let partial = try await app.send(.POST, "api/v1/inspections", as: cast.admin, json: ["custodian_id": cast.lili.id.uuidString, "items": Array(checklist().prefix(3))])
            #expect(partial.status == .badRequest && partial.body.string.contains("items.fire_equipment"))
            let noCustodian = try await app.send(.POST, "api/v1/inspections", as: cast.admin, json: ["items": checklist()])
            #expect(noCustodian.status == .badRequest && noCustodian.body.string.contains("custodian_id"))
            let noOwner = try await app.send(.POST, "api/v1/inspections", as: cast.admin, json: ["custodian_id": cast.lili.id.uuidString, "items": checklist(finding: "sockets")])
            #expect(noOwner.status == .badRequest && noOwner.body.string.contains("items.sockets.owner_id"))
            let noNote = try await app.send(.POST, "api/v1/inspections", as: cast.admin,
                                            json: ["custodian_id": cast.lili.id.uuidString, "items": checklist(finding: "sockets", owner: cast.wang, note: nil)])
            #expect(noNote.status == .badRequest)
            var twice = checklist(); twice.append(["item": "power", "result": "pass"])
            #expect(try await app.send(.POST, "api/v1/inspections", as: cast.admin, json: ["custodian_id": cast.lili.id.uuidString, "items": twice]).status == .badRequest)
            let created = try await app.send(.POST, "api/v1/inspections", as: cast.admin, json: body)
            #expect(created.status == .created, "\(created.body.string)")
            let inspection = try created.object()
            #expect(inspection["custodian_name"] as? String == "Lili" && inspection["finding_count"] as? Int == 1)
            let finding = try #require((inspection["findings"] as? [[String: Any]])?.first)
            #expect(finding["owner_id"] as? String == cast.wang.id.uuidString && finding["due_at"] as? String == "2026-11-30T02:00:00Z")
            #expect(try await app.send(.GET, "api/v1/notifications", as: cast.wang).items().contains { $0["kind"] as? String == "safety.finding" })
            #expect(try await app.send(.GET, "api/v1/inspections/findings?state=open", as: cast.wang).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/inspections/findings?state=open", as: cast.lili).items().isEmpty)
            let findingID = try #require(finding["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/inspections/findings/\(findingID)/close", as: cast.lili, json: ["note": "x"]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/inspections/findings/\(findingID)/close", as: cast.wang, json: ["note": " "]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/inspections/findings/\(findingID)/close", as: cast.wang, json: ["note": "已更换插座"]).status == .ok)
            #expect(try await app.send(.POST, "api/v1/inspections/findings/\(findingID)/close", as: cast.admin, json: ["note": "again"]).status == .conflict)
            let list = try await app.send(.GET, "api/v1/inspections", as: cast.admin).items()
            #expect(list.count == 1)
            #expect(try await app.send(.GET, "api/v1/inspections", as: cast.wang).status == .forbidden)
        }
    }

    @Test("SEC-04 SEC-07 SEC-08 SEC-09 SEC-12 SEC-20 SEC-21 the standing rules are inspection items that findings are recorded against")
    func standingRules() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            let created = try await app.send(.POST, "api/v1/inspections", as: cast.admin,
                                             json: ["custodian_id": cast.lili.id.uuidString, "items": checklist(finding: "no_smoking", owner: cast.zhao, note: "会议室有烟头")])
            let items = try #require(try created.object()["items"] as? [[String: Any]])
            let rules = Set(items.compactMap { $0["rule"] as? String })
            #expect(rules.isSuperset(of: ["SEC-04", "SEC-06", "SEC-07", "SEC-08", "SEC-09", "SEC-12", "SEC-20", "SEC-21"]))
            #expect(items.first { $0["item"] as? String == "no_smoking" }?["result"] as? String == "finding")
            #expect(try await app.send(.GET, "api/v1/inspections/findings", as: cast.zhao).items().first?["item"] as? String == "no_smoking")
        }
    }

    @Test("SEC-11 the last person out ticks off computers, copiers, lights, doors, windows and power, once a day")
    func closingRound() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            let partial = try await app.send(.POST, "api/v1/inspections/closing", as: cast.wang, json: ["items": ["computers", "lights"]])
            #expect(partial.status == .badRequest && partial.body.string.contains("items.copiers"))
            #expect(try await app.send(.POST, "api/v1/inspections/closing", as: cast.wang, json: ["items": ["computers", "toaster"]]).status == .badRequest)
            let all = ClosingItem.allCases.map(\.rawValue)
            let done = try await app.send(.POST, "api/v1/inspections/closing", as: cast.wang, json: ["items": all, "note": "最后离开"])
            #expect(done.status == .created)
            #expect(try done.object()["by"] as? String == "Wang")
            #expect(try await app.send(.POST, "api/v1/inspections/closing", as: cast.lili, json: ["items": all]).status == .conflict)
            #expect(try await app.send(.GET, "api/v1/inspections/closing", as: cast.admin).items().count == 1)
        }
    }

    @Test("SEC-05 open-flame work needs the security department's approval first: starting before is 422 naming safety.open_flame_approver")
    func openFlame() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            var body: [String: Any] = ["kind": "open_flame", "purpose": "焊接门框", "starts_at": "2026-11-24T02:00:00Z", "ends_at": "2026-11-24T04:00:00Z"]
            let noMeasures = try await app.send(.POST, "api/v1/safety-requests", as: cast.wang, json: body)
            #expect(noMeasures.status == .badRequest && noMeasures.body.string.contains("measures"))
            body["measures"] = "灭火器就位，专人看护"
            var past = body; past["starts_at"] = "2026-11-22T02:00:00Z"
            #expect(try await app.send(.POST, "api/v1/safety-requests", as: cast.wang, json: past).status == .unprocessableEntity)
            var backwards = body; backwards["ends_at"] = "2026-11-24T01:00:00Z"
            #expect(try await app.send(.POST, "api/v1/safety-requests", as: cast.wang, json: backwards).status == .badRequest)
            let created = try await app.send(.POST, "api/v1/safety-requests", as: cast.wang, json: body)
            #expect(created.status == .created, "\(created.body.string)")
            let request = try created.object()
            let id = try #require(request["id"] as? String), approval = try #require(request["approval_id"] as? String)
            let early = try await app.send(.POST, "api/v1/safety-requests/\(id)/start", as: cast.wang)
            #expect(early.status == .unprocessableEntity)
            #expect(try early.error()["rule"] as? String == "safety.open_flame_approver")
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: cast.wang).status != .ok)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: cast.admin).status == .ok)
            #expect(try await app.send(.GET, "api/v1/safety-requests/\(id)", as: cast.wang).object()["state"] as? String == "approved")
            #expect(try await app.send(.GET, "api/v1/safety-requests/\(id)", as: cast.lili).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/safety-requests/\(id)/start", as: cast.lili).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/safety-requests/\(id)/start", as: cast.wang).status == .ok)
            #expect(try await app.send(.POST, "api/v1/safety-requests/\(id)/start", as: cast.wang).status == .conflict)
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$subjectID == UUID(uuidString: id)!).all()
            #expect(audit.contains { $0.action == "safety.started" && $0.ruleKey == "safety.open_flame_approver" })
        }
    }

    @Test("SEC-10 SEC-09 private use of company computers is raised in advance and approved by the team leader; refused, it cannot start")
    func privateUse() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            var body: [String: Any] = ["kind": "private_use", "purpose": "打印个人简历", "starts_at": "2026-11-23T02:30:00Z", "ends_at": "2026-11-23T02:45:00Z"]
            let late = try await app.send(.POST, "api/v1/safety-requests", as: cast.wang, json: body)
            #expect(late.status == .unprocessableEntity)
            #expect(try late.error()["rule"] as? String == "safety.private_use_notice")
            #expect(try await app.send(.POST, "api/v1/safety-requests", as: cast.wang, json: ["kind": "games", "purpose": "x"]).status == .badRequest)
            body["starts_at"] = "2026-11-23T05:00:00Z"; body["ends_at"] = "2026-11-23T05:15:00Z"
            let created = try await app.send(.POST, "api/v1/safety-requests", as: cast.wang, json: body)
            #expect(created.status == .created, "\(created.body.string)")
            let id = try #require(try created.object()["id"] as? String), approval = try #require(try created.object()["approval_id"] as? String)
            #expect(try await app.send(.GET, "api/v1/approvals?mine=true", as: cast.leaderA).items().contains { $0["id"] as? String == approval })
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/reject", as: cast.leaderA, json: ["comment": "请使用自己的设备"]).status == .ok)
            #expect(try await app.send(.GET, "api/v1/safety-requests?state=rejected", as: cast.wang).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/safety-requests?kind=nonsense", as: cast.wang).status == .badRequest)
            let refused = try await app.send(.POST, "api/v1/safety-requests/\(id)/start", as: cast.wang)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.error()["rule"] as? String == "safety.private_use_approver")
            #expect(try await app.send(.GET, "api/v1/safety-requests", as: cast.lili).items().isEmpty)
            #expect(try await app.send(.GET, "api/v1/safety-requests", as: cast.admin).items().count == 1)
        }
    }

    @Test("SEC-06 a finding still open at its due date is flagged once by the job: its owner and the inspector are told")
    func overdueFinding() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await DutyCast.make(app)
            let created = try await app.send(.POST, "api/v1/inspections", as: cast.admin,
                                             json: ["custodian_id": cast.lili.id.uuidString, "items": checklist(finding: "power", owner: cast.wang, note: "插线板过载")])
            #expect(created.status == .created)
            clock.now = Date.t0.addingTimeInterval(6 * 86_400)
            #expect(try await Inspections(db: app.db, services: app.services).flagOverdueFindings(now: clock.now) == 0)
            clock.now = Date.t0.addingTimeInterval(8 * 86_400)
            #expect(try await DutyGeneration(db: app.db, services: app.services).run(now: clock.now).flagged == 1)
            #expect(try await Inspections(db: app.db, services: app.services).flagOverdueFindings(now: clock.now) == 0)
            for who in [cast.wang, cast.admin] {
                #expect(try await app.send(.GET, "api/v1/notifications", as: who).items().contains { $0["kind"] as? String == "safety.finding_overdue" })
            }
        }
    }
}
