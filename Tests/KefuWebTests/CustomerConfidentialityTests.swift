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

/// SEC-01..03: a customer's number and address only for those who handle the customer; full reads and
/// exports are logged; the administrator lists who looked at a customer.
@Suite("Customer confidentiality (SEC-01..03)")
struct CustomerConfidentialityTests {
    struct Floor { let a1: TestStaff, b1: TestStaff, leaderB: TestStaff, director: TestStaff, customerID: String, caseID: String }

    /// Two teams of one department; agent a1 (team A) took a call from 13812345678 and owns the case.
    func floor(_ app: Application) async throws -> Floor {
        let department = try await app.department("客服部")
        let leaderA = try await app.staff("banzhanga", roles: [.teamLeader], departmentID: department)
        let leaderB = try await app.staff("banzhangb", roles: [.teamLeader], departmentID: department)
        let teamA = try await app.team("一班", departmentID: department, leaderID: leaderA.id)
        let teamB = try await app.team("二班", departmentID: department, leaderID: leaderB.id)
        let a1 = try await app.staff("lina", roles: [.agent], departmentID: department, teamID: teamA)
        let b1 = try await app.staff("zhao", roles: [.agent], departmentID: department, teamID: teamB)
        let director = try await app.staff("wangfang", roles: [.csDirector], departmentID: department)
        let opened = try await app.openCase(as: a1)
        let caseID = try #require(opened["id"] as? String)
        #expect(try await app.send(.POST, "api/v1/cases/\(caseID)/assign", as: a1, json: ["assignee_id": a1.id.uuidString]).status == .ok)
        let customer = try #require((opened["customer"] as? [String: Any])?["id"] as? String)
        return Floor(a1: a1, b1: b1, leaderB: leaderB, director: director, customerID: customer, caseID: caseID)
    }

    @Test("SEC-01 SEC-02 an agent of another team cannot read a customer's unmasked phone through any route (API, page, CSV, search)")
    func otherTeamSeesMasked() async throws {
        try await withTestApp { app in
            let f = try await floor(app)
            for who in [f.b1, f.leaderB] {
                let search = try await app.send(.GET, "api/v1/customers?q=5678", as: who)
                #expect(search.status == .ok && search.body.string.contains("138****5678") && !search.body.string.contains("1234"))
                let byName = try await app.send(.GET, "api/v1/customers?q=王", as: who)
                #expect(!byName.body.string.contains("1234"))
                let file = try await app.send(.GET, "api/v1/customers/\(f.customerID)", as: who)
                #expect(file.status == .ok && !file.body.string.contains("1234"))
                #expect(try await app.send(.GET, "api/v1/cases/\(f.caseID)", as: who).status == .notFound)
                #expect(try await app.send(.GET, "api/v1/customers/export.csv", as: who).status == .forbidden)
                var web = WebSession(app)
                try await web.logIn(who.username, who.password)
                for path in ["/customers?q=5678", "/customers/\(f.customerID)", "/cases/lookup?phone=5678", "/cases/new?customer_id=\(f.customerID)",
                             "/customers/export.csv"] {
                    let page = try await web.get(path)
                    #expect(!page.body.string.contains("1234"), "\(who.username) \(path)")
                }
            }
            // The agent who took the call, and the director, see it in full.
            #expect(try await app.send(.GET, "api/v1/customers?q=5678", as: f.a1).body.string.contains("13812345678"))
            #expect(try await app.send(.GET, "api/v1/customers/\(f.customerID)", as: f.director).body.string.contains("13812345678"))
            // Nobody of team B read the full record: only a1's and the director's reads are logged.
            let reads = try await CustomerReadRecord.query(on: app.db).all()
            #expect(Set(reads.map(\.userName)).isSubset(of: ["Lina", "Wangfang"]))
            #expect(!reads.contains { $0.userID == f.b1.id || $0.userID == f.leaderB.id })
        }
    }

    @Test("SEC-02 bulk export needs its permission, uses the same masking and is logged in the audit trail")
    func export() async throws {
        try await withTestApp { app in
            let f = try await floor(app)
            let csv = try await app.send(.GET, "api/v1/customers/export.csv", as: f.director)
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.string.contains("13812345678"))
            #expect(csv.body.string.contains("王先生"))
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == "customers.exported").all()
            #expect(audit.count == 1 && audit[0].summary.contains("1 customer"))
            #expect(CustomersExportController.field("=HYPERLINK(1)") == "'=HYPERLINK(1)")
            #expect(CustomersExportController.field("a,\"b\"") == "\"a,\"\"b\"\"\"")
        }
    }

    @Test("SEC-03 every full read of a customer's record is logged, and an administrator lists who looked at a customer")
    func readLog() async throws {
        try await withTestApp { app in
            let f = try await floor(app)
            let admin = try await app.staff("admin1", roles: [.admin])
            _ = try await app.send(.GET, "api/v1/customers/\(f.customerID)", as: f.a1)
            _ = try await app.send(.GET, "api/v1/cases/\(f.caseID)", as: f.a1)
            var web = WebSession(app)
            try await web.logIn("lina", f.a1.password)
            _ = try await web.get("/customers/\(f.customerID)")
            let reads = try await app.send(.GET, "api/v1/customers/\(f.customerID)/reads", as: admin).items()
            #expect(Set(reads.compactMap { $0["via"] as? String }) == ["api.customer", "api.case", "page.customer"])
            #expect(reads.allSatisfy { $0["user_name"] as? String == "Lina" })
            #expect(try await app.send(.GET, "api/v1/customers/\(f.customerID)/reads", as: f.a1).status == .forbidden)
            var adminWeb = WebSession(app)
            try await adminWeb.logIn("admin1", admin.password)
            let page = try await adminWeb.get("/customers/\(f.customerID)")
            #expect(page.body.string.contains("customer-reads") && page.body.string.contains("Lina"))
        }
    }
}
