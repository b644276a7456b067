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

/// The report pages: charts, tables, CSV, a refused range re-rendered with its message, hand-in forms.
@Suite("Report pages")
struct ReportPagesTests {
    @Test("RPT-04 the report pages render with an SVG chart and CSV; a 10-year range re-renders with the message")
    func pages() async throws {
        try await withTestApp { app in
            let cast = try await ReportCast.make(app)
            _ = try await app.resolvedCase(as: cast.lina, phone: "13900000001")
            _ = try await app.openCase(as: cast.lina, type: "complaint", phone: "13900000002", extra: ["complaint": ["category": "quality", "customer_request": "退货"]])
            var director = WebSession(app)
            try await director.logIn("wangfang", cast.director.password)
            let cases = try await director.get("/reports")
            #expect(cases.status == .ok)
            #expect(cases.body.string.contains("<svg class=\"chart\""))
            #expect(cases.body.string.contains("id=\"total-opened\">2<"))
            #expect(cases.body.string.contains("Lina"))
            for path in ["/reports/weekly", "/reports/complaints", "/reports/satisfaction", "/reports/monthly"] {
                let page = try await director.get(path)
                #expect(page.status == .ok, "\(path): \(page.body.string.prefix(300))")
            }
            let csv = try await director.get("/reports/cases.csv?from=2026-11-01&to=2026-11-30")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.string.hasPrefix("\u{FEFF}section,key,label,opened"))
            let long = try await director.get("/reports?from=2016-01-01&to=2026-01-01")
            #expect(long.status == .unprocessableEntity)
            #expect(long.body.string.contains("统计区间过长"))
            #expect(!long.body.string.contains("id=\"total-opened\""))
            let bad = try await director.get("/reports/complaints?from=2026-02-30")
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("YYYY-MM-DD"))
            var agent = WebSession(app)
            try await agent.logIn("lina", cast.lina.password)
            #expect(try await agent.get("/reports").status == .forbidden)
        }
    }

    @Test("RPT-03 RPT-04 handing in a report from the page; an empty analysis re-renders the form with the message")
    func handIn() async throws {
        try await withTestApp { app in
            let cast = try await ReportCast.make(app)
            var leader = WebSession(app)
            try await leader.logIn("zhibanzhang", cast.shiftLeader.password)
            let weekly = try await leader.get("/reports/weekly")
            #expect(weekly.body.string.contains("id=\"submit-report\""))
            let empty = try await leader.post("/reports/submissions", ["kind": "daily", "period": "2026-11-23", "analysis": ""])
            #expect(empty.status == .badRequest)
            #expect(empty.body.string.contains("id=\"submit-report\""))
            let today = app.services.rulebook.calendar.localDate(of: app.services.now()).description
            let sent = try await leader.post("/reports/submissions", ["kind": "daily", "period": today, "analysis": "<b>系统</b>正常"])
            #expect(sent.status == .seeOther)
            let after = try await leader.get("/reports/weekly?week=\(today)")
            #expect(after.body.string.contains("&lt;b&gt;系统&lt;/b&gt;正常"))
            #expect(try await leader.get("/reports/submissions").body.string.contains("&lt;b&gt;系统&lt;/b&gt;正常"))
            let half = try await leader.post("/reports/submissions", ["kind": "half_year", "period": "2026-H9", "analysis": "总结"])
            #expect(half.status == .badRequest)
            #expect(half.body.string.contains("id=\"submit-any\"") && half.body.string.contains("2026-H9"))
            let month = try await leader.post("/reports/submissions", ["kind": "monthly_quality", "period": "2026-01", "analysis": "  "])
            #expect(month.status == .badRequest)
            #expect(month.body.string.contains("id=\"submit-monthly\""))
        }
    }

    @Test("RPT-04 CSV cells that a spreadsheet would run as formulas are neutralized; quotes are escaped")
    func csvCells() {
        #expect(CSVText.cell("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVText.cell("-12") == "-12")
        #expect(CSVText.cell("-x") == "'-x")
        #expect(CSVText.cell("说\"明\",二") == "\"说\"\"明\"\",二\"")
        #expect(CSVText.render(header: ["a"], rows: [["1"]]) == "\u{FEFF}a\r\n1\r\n")
    }

    @Test("RPT-04 the bar chart scales to a round maximum and labels at most about twelve groups")
    func chart() {
        #expect(BarChart.niceMaximum(0) == 4 && BarChart.niceMaximum(3) == 4 && BarChart.niceMaximum(7) == 8 && BarChart.niceMaximum(9) == 12)
        #expect(BarChart.niceMaximum(15) == 20 && BarChart.niceMaximum(90) == 120 && BarChart.niceMaximum(1_234) == 2_000)
        let chart = BarChart(groups: (1...31).map { ("d\($0)", [$0, 1]) }, series: [("a", "opened"), ("b", "resolved")])
        #expect(chart.bars.count == 62)
        #expect(chart.xLabels.count <= 12)
        #expect(chart.bars.allSatisfy { $0.y >= chart.plotTop && $0.y + $0.height <= chart.plotBottom })
    }

    @Test("SAT-10 the center's satisfaction of the month is on the dashboard of center-wide readers, not on an agent's")
    func dashboardKPI() async throws {
        try await withTestApp { app in
            let cast = try await ReportCast.make(app)
            let id = try await app.resolvedCase(as: cast.lina, phone: "13900000001")
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/survey", as: cast.lina, json: [
                "attitude": "very_satisfied", "technical": "very_satisfied", "arrival_time": "satisfied", "promise": "satisfied"]).status == .created)
            var director = WebSession(app)
            try await director.logIn("wangfang", cast.director.password)
            let home = try await director.get("/")
            #expect(home.body.string.contains("id=\"kpi-satisfaction\">87%<"))
            var agent = WebSession(app)
            try await agent.logIn("lina", cast.lina.password)
            #expect(!(try await agent.get("/").body.string.contains("center-kpis")))
        }
    }
}
