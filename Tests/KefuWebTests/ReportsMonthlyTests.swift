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

/// Complaint and satisfaction statistics, and handing in the monthly service-quality analysis (RPT-03).
@Suite("Reports (RPT): complaint statistics, satisfaction, the monthly analysis")
struct ReportsMonthlyTests {
    @Test("RPT-02 complaint statistics: count by category and severity, SLA met, amounts claimed")
    func complaintStatistics() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await ReportCast.make(app)
            let kept = try #require(try await app.openCase(as: cast.lina, type: "complaint", phone: "13900000001", extra: ["complaint": [
                "category": "quality", "customer_request": "退货", "claim_amount": 2000]])["id"] as? String)
            _ = try await app.openCase(as: cast.lina, type: "complaint", phone: "13900000002", extra: ["complaint": [
                "category": "non_quality", "customer_request": "道歉", "claim_amount": 500]])
            _ = try await app.openCase(as: cast.lina, phone: "13900000003")
            #expect(try await app.send(.POST, "api/v1/cases/\(kept)/assign", as: cast.lina, json: ["assignee_id": cast.lina.id.uuidString]).status == .ok)
            clock.now = Date.t0.addingTimeInterval(61 * 60)
            _ = try await ScanDeadlines(db: app.db, services: app.services).run(now: clock.now)
            let report = try await app.report("complaints", as: cast.director)
            #expect(report.int("total", "count") == 2)
            #expect(report.int("total", "sla_met") == 1 && report.int("total", "sla_percent") == 50)
            #expect((report["total"] as? [String: Any])?["claimed"] as? Double == 2500)
            let categories = try #require(report["by_category"] as? [[String: Any]])
            #expect(Set(categories.compactMap { $0["key"] as? String }) == ["quality", "non_quality"])
            let quality = try #require(categories.first { $0["key"] as? String == "quality" })
            #expect(quality["sla_percent"] as? Int == 100)
        }
    }

    @Test("RPT-02 satisfaction by dimension and the return-visit rate against its 100 % target")
    func satisfaction() async throws {
        try await withTestApp { app in
            let cast = try await ReportCast.make(app)
            let first = try await app.resolvedCase(as: cast.lina, phone: "13900000001")
            _ = try await app.resolvedCase(as: cast.lina, phone: "13900000002")
            let visits = try await app.send(.GET, "api/v1/return-visits?state=due", as: cast.visitor).items()
            let visitID = try #require(visits.first { $0["case_id"] as? String == first }?["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/return-visits/\(visitID)/attempts", as: cast.visitor, json: ["outcome": "reached", "resolved": true, "survey": [
                "attitude": "very_satisfied", "technical": "satisfied", "arrival_time": "poor", "promise": "satisfied"]]).status == .ok)
            let report = try await app.report("satisfaction", as: cast.director)
            #expect(report["surveys"] as? Int == 1)
            #expect(report["visits_opened"] as? Int == 2 && report["visits_done"] as? Int == 1)
            #expect(report["visit_rate_percent"] as? Int == 50 && report["visit_target_percent"] as? Int == 100)
            let dimensions = try #require(report["dimensions"] as? [[String: Any]])
            let arrival = try #require(dimensions.first { $0["item"] as? String == "arrival_time" })
            #expect(arrival["counts"] as? [Int] == [0, 0, 0, 1])
            #expect(arrival["satisfied_percent"] as? Int == 0)
            #expect(dimensions.first { $0["item"] as? String == "attitude" }?["satisfied_percent"] as? Int == 100)
        }
    }

    @Test("RPT-03 the monthly analysis is due before the 22nd of the next month; late, twice, future and empty hand-ins")
    func monthlyDue() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)   // 2026-11-23: October's analysis was due before 2026-11-22
            app.services.now = { clock.now }
            let cast = try await ReportCast.make(app)
            let october = try await app.report("monthly?month=2026-10", as: cast.shiftLeader)
            #expect(october["due_before"] as? String == "2026-11-22" && october["overdue"] as? Bool == true)
            #expect(try await app.send(.POST, "api/v1/duty-logs", as: cast.shiftLeader, json: ["summary": "话务平稳", "incidents": "系统10:20卡顿"]).status == .created)
            let november = try await app.report("monthly?month=2026-11", as: cast.shiftLeader)
            #expect(november["due_before"] as? String == "2026-12-22" && november["overdue"] as? Bool == false)
            // The month's duty log (值班日志) feeds the analysis.
            let log = try #require(november["duty_log"] as? [[String: Any]])
            #expect(log.count == 1 && (log.first?["text"] as? String)?.contains("系统10:20卡顿") == true)
            #expect((october["duty_log"] as? [Any])?.isEmpty == true)
            let path = "api/v1/reports/submissions"
            #expect(try await app.send(.POST, path, as: cast.shiftLeader, json: ["kind": "monthly_quality", "period": "2026-10", "analysis": " "]).status == .badRequest)
            #expect(try await app.send(.POST, path, as: cast.shiftLeader, json: ["kind": "monthly_quality", "period": "2026-12", "analysis": "下月"]).status == .badRequest)
            #expect(try await app.send(.POST, path, as: cast.shiftLeader, json: ["kind": "yearly", "period": "2026", "analysis": "x"]).status == .badRequest)
            #expect(try await app.send(.POST, path, as: cast.lina, json: ["kind": "monthly_quality", "period": "2026-10", "analysis": "x"]).status == .forbidden)
            let late = try await app.send(.POST, path, as: cast.shiftLeader, json: ["kind": "monthly_quality", "period": "2026-10", "analysis": "十月投诉集中在安装预约。"])
            #expect(late.status == .created, "\(late.body.string)")
            #expect(try late.object()["late"] as? Bool == true)
            #expect(try await app.send(.POST, path, as: cast.shiftLeader, json: ["kind": "monthly_quality", "period": "2026-10", "analysis": "again"]).status == .conflict)
            let inbox = try await app.send(.GET, "api/v1/notifications", as: cast.director).items()
            #expect(inbox.contains { $0["kind"] as? String == "report.submitted" })
            let handedIn = try await app.report("monthly?month=2026-10", as: cast.director)
            #expect(handedIn["overdue"] as? Bool == false)
            #expect((handedIn["submission"] as? [String: Any])?["analysis"] as? String == "十月投诉集中在安装预约。")
            // RPT-04: a daily report for today is on time; a weekly one names its Monday.
            let daily = try await app.send(.POST, path, as: cast.shiftLeader, json: ["kind": "daily", "period": "2026-11-23", "analysis": "系统正常"])
            #expect(try daily.object()["late"] as? Bool == false)
            let weekly = try await app.send(.POST, path, as: cast.shiftLeader, json: ["kind": "weekly", "period": "2026-11-18", "analysis": "本周平稳"])
            #expect(try weekly.object()["period"] as? String == "2026-11-16")
            #expect(try weekly.object()["late"] as? Bool == false)
        }
    }

    @Test("RPT-03 the shift leaders are reminded of last month's analysis from three days before it is due, once")
    func monthlyReminder() async throws {
        try await withTestApp { app in
            let cast = try await ReportCast.make(app)
            let jobs = ReportSubmissions(db: app.db, services: app.services)
            let calendar = app.services.rulebook.calendar
            #expect(try await jobs.remindMonthly(now: calendar.instant(LocalDate("2026-12-18")!, LocalTime(hour: 9, minute: 0))) == nil)
            #expect(try await jobs.remindMonthly(now: calendar.instant(LocalDate("2026-12-19")!, LocalTime(hour: 9, minute: 0))) == "2026-11")
            _ = try await jobs.remindMonthly(now: calendar.instant(LocalDate("2026-12-20")!, LocalTime(hour: 9, minute: 0)))
            let inbox = try await app.send(.GET, "api/v1/notifications", as: cast.shiftLeader).items()
            #expect(inbox.filter { $0["kind"] as? String == "report.monthly_due" }.count == 1)
        }
    }

    @Test("RPT-05 RPT-06 QA-09 RTV-05 work logs, half-year and annual summaries the QA monthly summary and the return-visit summary are handed in by their writers and listed")
    func otherKinds() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await ReportCast.make(app)
            let qa = try await app.staff("qazhou", roles: [.qaInspector])
            let path = "api/v1/reports/submissions"
            let log = try await app.send(.POST, path, as: cast.leaderA, json: ["kind": "work_log", "period": "2026-11-23", "analysis": "疑难：宽带故障集中在东区；设备正常"])
            #expect(log.status == .created, "\(log.body.string)")
            let half = try await app.send(.POST, path, as: cast.director, json: ["kind": "half_year", "period": "2026-h2", "analysis": "下半年总结与明年上半年计划"])
            #expect(try half.object()["period"] as? String == "2026-H2")
            #expect(try half.object()["late"] as? Bool == false)
            #expect(try await app.send(.POST, path, as: cast.director, json: ["kind": "half_year", "period": "2026-H3", "analysis": "x"]).status == .badRequest)
            #expect(try await app.send(.POST, path, as: cast.director, json: ["kind": "annual", "period": "2027", "analysis": "x"]).status == .badRequest)
            let annual = try await app.send(.POST, path, as: cast.director, json: ["kind": "annual", "period": "2025", "analysis": "2025年度总结"])
            #expect(try annual.object()["late"] as? Bool == true)   // due within 15 days of 2025-12-31
            // QA-09: the QA station writes its monthly summary; it may not hand in a shift leader's daily report.
            #expect(try await app.send(.POST, path, as: qa, json: ["kind": "daily", "period": "2026-11-23", "analysis": "x"]).status == .forbidden)
            let summary = try await app.send(.POST, path, as: qa, json: ["kind": "qa_monthly", "period": "2026-10", "analysis": "十月质检：语气问题最多"])
            #expect(try summary.object()["late"] as? Bool == true)
            // RTV-05: the return-visit station's weekly summary; a shift leader does not write it.
            #expect(try await app.send(.POST, path, as: cast.shiftLeader, json: ["kind": "return_visit_summary", "period": "2026-11-23", "analysis": "x"]).status == .forbidden)
            let visits = try await app.send(.POST, path, as: cast.visitor, json: ["kind": "return_visit_summary", "period": "2026-11-25",
                                                                                 "analysis": "社会建议：延长营业时间；热点：宽带提速"])
            #expect(try visits.object()["period"] as? String == "2026-11-23")
            // The return visitor reads the register of the kind they write only.
            let theirs = try await app.send(.GET, "api/v1/reports/submissions", as: cast.visitor).items()
            #expect(theirs.count == 1 && theirs.first?["kind"] as? String == "return_visit_summary")
            #expect(try await app.send(.GET, "api/v1/reports/submissions?kind=daily", as: cast.visitor).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/reports/submissions", as: cast.lina).status == .forbidden)
            let all = try await app.send(.GET, "api/v1/reports/submissions", as: cast.director).items()
            #expect(all.count == 5)
            let logs = try await app.send(.GET, "api/v1/reports/submissions?kind=work_log", as: qa).items()
            #expect(logs.count == 1 && logs.first?["analysis"] as? String == "疑难：宽带故障集中在东区；设备正常")
            #expect(try await app.send(.GET, "api/v1/reports/submissions?kind=novel", as: qa).status == .badRequest)
            let paged = try await app.send(.GET, "api/v1/reports/submissions?limit=3", as: qa).object()
            #expect((paged["items"] as? [Any])?.count == 3 && paged["next_cursor"] is String)
        }
    }
}
