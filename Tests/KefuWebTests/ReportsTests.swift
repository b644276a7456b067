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

/// The reports (RPT) through the API: figures from the maintained daily aggregate, the filters, the
/// range limit, the scope of team leaders, and the aggregate agreeing with a rebuild from the cases.
@Suite("Reports (RPT): workload, weekly statistics, complaints, satisfaction")
struct ReportsTests {
    @Test("RPT-04 the daily and weekly report counts consultation, query and proactive workload per day")
    func workloadPerDay() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await ReportCast.make(app)
            for (index, type) in ["consultation", "consultation", "query", "proactive", "suggestion"].enumerated() {
                _ = try await app.openCase(as: cast.lina, type: type, phone: "1390000000\(index)")
            }
            clock.now = Date.t0.addingTimeInterval(86_400)
            _ = try await app.openCase(as: cast.zhao, type: "query", phone: "13900000009")
            let week = try await app.report("weekly?week=2026-11-25", as: cast.shiftLeader)
            #expect(week["week_start"] as? String == "2026-11-23")
            let days = try #require(week["days"] as? [[String: Any]])
            #expect(days.count == 7)
            #expect(days[0]["consultation"] as? Int == 2 && days[0]["query"] as? Int == 1 && days[0]["proactive"] as? Int == 1)
            #expect(days[0]["other"] as? Int == 1 && days[0]["accepted"] as? Int == 5)
            #expect(days[1]["query"] as? Int == 1)
            #expect(week.int("total", "accepted") == 6)
            // The team filter narrows the counts to one team's cases.
            let teamB = try await app.report("weekly?week=2026-11-23&team_id=\(cast.teamB)", as: cast.shiftLeader)
            #expect(teamB.int("total", "accepted") == 1)
            // A type filter does not apply to the weekly split by type.
            let typed = try await app.report("weekly?week=2026-11-23&type=complaint", as: cast.shiftLeader)
            #expect(typed.int("total", "accepted") == 6 && typed.int("total", "other") == 1)
        }
    }

    @Test("RPT-02 weekly statistics count accepted, supervised (escalated), feedback (resolved) and return visits")
    func weeklyStatistics() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await ReportCast.make(app)
            let id = try await app.resolvedCase(as: cast.lina, phone: "13900000001")
            let other = try #require(try await app.openCase(as: cast.lina, phone: "13900000002")["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/cases/\(other)/escalate", as: cast.lina, json: ["reason": "客户要求找领导"]).status == .ok)
            clock.now = Date.t0.addingTimeInterval(2 * 3_600)
            let visits = try await app.send(.GET, "api/v1/return-visits?state=due", as: cast.visitor).items()
            let visitID = try #require(visits.first { $0["case_id"] as? String == id }?["id"] as? String)
            let done = try await app.send(.POST, "api/v1/return-visits/\(visitID)/attempts", as: cast.visitor, json: ["outcome": "reached", "resolved": true, "survey": [
                "attitude": "very_satisfied", "technical": "satisfied", "arrival_time": "average", "promise": "satisfied"]])
            #expect(done.status == .ok, "\(done.body.string)")
            let week = try await app.report("weekly", as: cast.director)
            #expect(week.int("total", "accepted") == 2)
            #expect(week.int("total", "supervised") == 1)
            #expect(week.int("total", "feedback") == 1)
            #expect(week.int("total", "return_visits") == 1)
        }
    }

    @Test("RPT-02 RPT-04 a 10-year range is refused with 422 naming reports.max_range_days; bad dates and ids are 400")
    func rangeLimit() async throws {
        try await withTestApp { app in
            let cast = try await ReportCast.make(app)
            let long = try await app.send(.GET, "api/v1/reports/cases?from=2016-01-01&to=2026-01-01", as: cast.director)
            #expect(long.status == .unprocessableEntity)
            #expect(try long.error()["rule"] as? String == "reports.max_range_days")
            #expect(try await app.send(.GET, "api/v1/reports/complaints?from=2016-01-01&to=2026-01-01", as: cast.director).status == .unprocessableEntity)
            #expect(try await app.send(.GET, "api/v1/reports/cases?from=2026-02-30", as: cast.director).status == .badRequest)
            #expect(try await app.send(.GET, "api/v1/reports/cases?from=2026-11-20&to=2026-11-01", as: cast.director).status == .badRequest)
            #expect(try await app.send(.GET, "api/v1/reports/cases?team_id=nope", as: cast.director).status == .badRequest)
            #expect(try await app.send(.GET, "api/v1/reports/cases?type=gossip", as: cast.director).status == .badRequest)
            #expect(try await app.send(.GET, "api/v1/reports/monthly?month=2026-13", as: cast.director).status == .badRequest)
            // A year fits (366 days by default); the limit is a rulebook key.
            #expect(try await app.send(.GET, "api/v1/reports/cases?from=2025-11-24&to=2026-11-23", as: cast.director).status == .ok)
            app.services.rulebook.reports.maxRangeDays = 31
            #expect(try await app.send(.GET, "api/v1/reports/cases?from=2026-10-01&to=2026-11-23", as: cast.director).status == .unprocessableEntity)
        }
    }

    @Test("RPT-04 per-agent performance: opened, resolved, hours to resolve, survey and QA from their monthly aggregates")
    func perAgent() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await ReportCast.make(app)
            let id = try #require(try await app.openCase(as: cast.lina, phone: "13900000001")["id"] as? String)
            _ = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: cast.lina, json: ["assignee_id": cast.lina.id.uuidString])
            clock.now = Date.t0.addingTimeInterval(3 * 3_600)
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/resolve", as: cast.lina, json: ["resolution": "已处理"]).status == .ok)
            _ = try await app.openCase(as: cast.zhao, type: "query", channel: "wechat", phone: "13900000002")
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/survey", as: cast.lina, json: [
                "attitude": "very_satisfied", "technical": "very_satisfied", "arrival_time": "satisfied", "promise": "satisfied"]).status == .created)
            let report = try await app.report("cases", as: cast.director)
            #expect(report.int("totals", "opened") == 2 && report.int("totals", "resolved") == 1)
            #expect(report["average_resolve_hours"] as? Double == 3.0)
            let agents = try #require(report["agents"] as? [[String: Any]])
            let lina = try #require(agents.first { $0["agent_id"] as? String == cast.lina.id.uuidString })
            #expect(lina["name"] as? String == "Lina")
            #expect(lina["satisfaction_percent"] as? Int == 87)   // 14 of 16 points
            let channels = try #require(report["by_channel"] as? [[String: Any]]).map { $0["key"] as? String }
            #expect(Set(channels) == ["phone", "wechat"])
            let onlyWechat = try await app.report("cases?channel=wechat", as: cast.director)
            #expect(onlyWechat.int("totals", "opened") == 1)
            let onlyLina = try await app.report("cases?agent_id=\(cast.lina.id)", as: cast.director)
            #expect(onlyLina.int("totals", "opened") == 1)
        }
    }

    @Test("RPT-02 a team leader sees only the workload of the teams they lead; agents see no reports")
    func scope() async throws {
        try await withTestApp { app in
            let cast = try await ReportCast.make(app)
            _ = try await app.openCase(as: cast.lina, phone: "13900000001")
            _ = try await app.openCase(as: cast.zhao, phone: "13900000002")
            let own = try await app.report("cases", as: cast.leaderA)
            #expect(own.int("totals", "opened") == 1)
            #expect(try await app.send(.GET, "api/v1/reports/cases?team_id=\(cast.teamB)", as: cast.leaderA).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/reports/complaints", as: cast.leaderA).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/reports/cases", as: cast.lina).status == .forbidden)
            #expect(try await app.report("cases", as: cast.director).int("totals", "opened") == 2)
        }
    }

    @Test("RPT-02 the maintained aggregate matches a rebuild from the cases")
    func rebuildAgrees() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await ReportCast.make(app)
            let first = try #require(try await app.openCase(as: cast.lina, phone: "13900000001")["id"] as? String)
            clock.now = Date.t0.addingTimeInterval(5_400)
            _ = try await app.send(.POST, "api/v1/cases/\(first)/assign", as: cast.lina, json: ["assignee_id": cast.lina.id.uuidString])
            #expect(try await app.send(.POST, "api/v1/cases/\(first)/resolve", as: cast.lina, json: ["resolution": "已处理"]).status == .ok)
            let closed = try #require(try await app.openCase(as: cast.zhao, type: "query", phone: "13900000002")["id"] as? String)
            try await app.close(closed, as: cast.zhao)
            _ = try await app.openCase(as: cast.lina, type: "proactive", channel: "email", phone: "13900000003")
            let slice = CaseStatsRepository.Slice(from: "2000-01-01", to: "2100-01-01")
            func snapshot() async throws -> [String: CaseTally] {
                var all: [String: CaseTally] = [:]
                for dimension in [CaseStatsRepository.Dimension.type, .channel, .agent, .team] {
                    for (key, tally) in try await CaseStatsRepository(db: app.db).sums(slice, by: dimension) {
                        all["\(dimension.rawValue):\(key)"] = tally
                    }
                }
                return all
            }
            let live = try await snapshot()
            #expect(live["type:query"]?.closed == 1 && live["type:consultation"]?.resolved == 1)
            #expect(live["type:consultation"]?.resolveSeconds == 5_400)
            let read = try await CaseStatsRebuild(db: app.db, services: app.services).run(batch: 2)
            #expect(read == 3)
            let rebuilt = try await snapshot()
            #expect(rebuilt == live, "\(rebuilt) vs \(live)")
        }
    }
}
