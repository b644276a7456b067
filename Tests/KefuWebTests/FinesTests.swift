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

@Suite("Fines and rewards (奖罚): violations, rewards, the one ledger and the monthly statement")
struct FinesTests {
    @Test("ATT-05 lateness costs 10元, then 20元 each from the second time in the month; the next month starts again")
    func repeatEscalationAndMonthlyReset() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await FinesCast.make(app)
            let first = try await app.violation("late_or_early", for: cast.wang, by: cast.leader, note: "8:12 到岗")
            #expect(first.status == .created, "\(first.body.string)")
            #expect(try first.object()["amount"] as? String == "10.00")
            #expect(try first.object()["occurrence"] as? Int == 1)
            #expect(try first.object()["recorded_by_name"] as? String == "Banzhang")
            let second = try await app.violation("late_or_early", for: cast.wang, by: cast.leader)
            #expect(try second.object()["amount"] as? String == "20.00")
            #expect(try second.object()["occurrence"] as? Int == 2)
            #expect(try await app.violation("late_or_early", for: cast.wang, by: cast.leader).object()["amount"] as? String == "20.00")
            // Another person and another code count separately.
            #expect(try await app.violation("late_or_early", for: cast.li, by: cast.leader).object()["amount"] as? String == "10.00")
            #expect(try await app.violation("chatting", for: cast.wang, by: cast.leader).object()["occurrence"] as? Int == 1)
            // 跨月不累计: December starts at the first tier.
            let december = try await app.violation("late_or_early", for: cast.wang, by: cast.leader, at: "2026-12-01T08:10:00+08:00")
            #expect(try december.object()["month"] as? String == "2026-12")
            #expect(try december.object()["amount"] as? String == "10.00")
        }
    }

    @Test("ATT-10 the third private landline call is flagged as dismissal for the CS director, without an amount")
    func dismissalFlagged() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await FinesCast.make(app)
            let director = try await app.staff("zhuren", roles: [.csDirector])
            for _ in 0..<2 { _ = try await app.violation("private_landline_call", for: cast.wang, by: cast.leader) }
            let third = try await app.violation("private_landline_call", for: cast.wang, by: cast.leader)
            #expect(try third.object()["outcome"] as? String == "dismissal")
            #expect(try third.object()["amount"] == nil || third.object()["amount"] is NSNull)
            let notices = try await NotificationRecord.query(on: app.db).filter(\.$userID == director.id).all()
            #expect(notices.map(\.kind) == ["fines.dismissal"])
            let statement = try await app.send(.GET, "api/v1/fines-ledger/statement?user_id=\(cast.wang.id)&month=2026-11", as: cast.hr).object()
            #expect(statement["dismissal_flagged"] as? Bool == true)
            #expect(statement["fines_total"] as? String == "150.00")
        }
    }

    @Test("ATT-31 a violation code outside the catalogue is a 422 naming fines.catalogue")
    func unknownCode() async throws {
        try await withTestApp { app in
            let cast = try await FinesCast.make(app)
            let response = try await app.violation("smoking", for: cast.wang, by: cast.leader)
            #expect(response.status == .unprocessableEntity)
            #expect(try response.error()["rule"] as? String == "fines.catalogue")
            #expect(try await ViolationRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("ATT-25 recording needs fines.record (403); an unknown or inactive person is a 400 naming user_id")
    func permissionAndPerson() async throws {
        try await withTestApp { app in
            let cast = try await FinesCast.make(app)
            #expect(try await app.violation("chatting", for: cast.li, by: cast.wang).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/rewards", as: cast.wang, json: ["user_id": cast.li.id.uuidString, "kind": "bonus", "amount": 50, "reason": "x"]).status == .forbidden)
            let unknown = try await app.send(.POST, "api/v1/violations", as: cast.leader, json: ["user_id": UUID().uuidString, "code": "chatting"])
            #expect(unknown.status == .badRequest)
            #expect((try unknown.error()["fields"] as? [String: Any])?["user_id"] != nil)
            let user = try #require(try await UserRecord.find(cast.li.id, on: app.db))
            user.active = false
            try await user.save(on: app.db)
            let inactive = try await app.violation("chatting", for: cast.li, by: cast.leader)
            #expect(inactive.status == .badRequest)
            #expect((try inactive.error()["fields"] as? [String: Any])?["user_id"] as? String != nil)
            let reward = try await app.send(.POST, "api/v1/rewards", as: cast.leader, json: ["user_id": cast.li.id.uuidString, "kind": "bonus", "amount": 50, "reason": "x"])
            #expect(reward.status == .badRequest)
        }
    }

    @Test("ATT-17/ATT-26 rewards: a negative or non-numeric amount is refused; the informant's reward defaults to 50元; a certificate has no amount")
    func rewards() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await FinesCast.make(app)
            func reward(_ body: [String: Any]) async throws -> TestingHTTPResponse {
                var json = body
                json["user_id"] = cast.wang.id.uuidString
                return try await app.send(.POST, "api/v1/rewards", as: cast.leader, json: json)
            }
            let negative = try await reward(["kind": "bonus", "amount": -5, "reason": "x"])
            #expect(negative.status == .badRequest)
            #expect((try negative.error()["fields"] as? [String: Any])?["amount"] != nil)
            #expect(try await reward(["kind": "bonus", "amount": "fifty", "reason": "x"]).status == .badRequest)
            #expect(try await reward(["kind": "bonus", "reason": "x"]).status == .badRequest)
            #expect(try await reward(["kind": "medal", "amount": 5, "reason": "x"]).status == .badRequest)
            let informant = try await reward(["kind": "informant", "reason": "检举他人代签"])
            #expect(informant.status == .created, "\(informant.body.string)")
            #expect(try informant.object()["amount"] as? String == "50.00")
            let praise = try await reward(["kind": "bonus", "amount": "200", "reason": "客户送锦旗"])
            #expect(try praise.object()["recorded_by_name"] as? String == "Banzhang")
            let certificate = try await reward(["kind": "honour_certificate", "reason": "紧急事项处理得当"])
            #expect(certificate.status == .created)
            let ledger = try await app.send(.GET, "api/v1/fines-ledger", as: cast.wang).items()
            #expect(Set(ledger.compactMap { $0["amount"] as? String }) == ["50.00", "200.00"])
            #expect(ledger.allSatisfy { $0["recorded_by_name"] as? String == "Banzhang" })
            let mine = try await app.send(.GET, "api/v1/rewards", as: cast.wang).items()
            #expect(mine.count == 3)
        }
    }

    @Test("ATT-05/ATT-25 the monthly statement sums the one ledger (violations, rewards, complaint deductions) and names who recorded each entry")
    func statement() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await FinesCast.make(app)
            _ = try await app.violation("late_or_early", for: cast.wang, by: cast.leader)
            clock.now += 60
            _ = try await app.violation("late_or_early", for: cast.wang, by: cast.leader)
            clock.now += 60
            _ = try await app.send(.POST, "api/v1/rewards", as: cast.hr, json: ["user_id": cast.wang.id.uuidString, "kind": "bonus", "amount": 100, "reason": "表扬信"])
            clock.now += 60
            // The system path (attendance): no recorder, named "system".
            try await Violations(db: app.db, services: app.services).record(code: "late_or_early", userID: cast.wang.id, at: .t0, recordedBy: nil, note: "考勤")
            let statement = try await app.send(.GET, "api/v1/fines-ledger/statement?month=2026-11", as: cast.wang)
            #expect(statement.status == .ok, "\(statement.body.string)")
            let body = try statement.object()
            #expect(body["fines_total"] as? String == "50.00")
            #expect(body["rewards_total"] as? String == "100.00")
            #expect(body["net"] as? String == "50.00")
            let entries = try #require(body["entries"] as? [[String: Any]])
            #expect(entries.count == 4)
            #expect(entries.map { $0["recorded_by_name"] as? String } == ["Banzhang", "Banzhang", "Renshi", "system"])
            #expect(try await app.send(.GET, "api/v1/fines-ledger/statement?user_id=\(cast.li.id)", as: cast.wang).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/fines-ledger/statement?user_id=\(cast.wang.id)&month=2026-13", as: cast.hr).status == .badRequest)
            let other = try await app.send(.GET, "api/v1/fines-ledger/statement?user_id=\(cast.wang.id)&month=2026-10", as: cast.hr).object()
            #expect(other["net"] as? String == "0.00")
            #expect(try await app.send(.GET, "api/v1/fines-ledger?staff_id=\(cast.wang.id)", as: cast.hr).items().count == 4)
        }
    }

    @Test("ATT-05 a fine is marked paid once (罚款当天交完); a dismissal or a second payment is a 409; an agent cannot (403)")
    func paidSameDay() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await FinesCast.make(app)
            let id = try #require(try await app.violation("chatting", for: cast.wang, by: cast.leader).object()["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/violations/\(id)/paid", as: cast.wang).status == .forbidden)
            let paid = try await app.send(.POST, "api/v1/violations/\(id)/paid", as: cast.leader)
            #expect(paid.status == .ok, "\(paid.body.string)")
            #expect(try paid.object()["paid_at"] as? String != nil)
            #expect(try await app.send(.POST, "api/v1/violations/\(id)/paid", as: cast.leader).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/violations/\(UUID())/paid", as: cast.leader).status == .notFound)
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == "fines.violation_paid").first()
            #expect(audit?.ruleKey == "fines.paid_same_day")
            for _ in 0..<2 { _ = try await app.violation("private_landline_call", for: cast.li, by: cast.leader) }
            let dismissal = try #require(try await app.violation("private_landline_call", for: cast.li, by: cast.leader).object()["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/violations/\(dismissal)/paid", as: cast.leader).status == .conflict)
        }
    }
}
