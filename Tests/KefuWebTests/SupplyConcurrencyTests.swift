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

/// Stock never goes negative under concurrent issues (FDS-04), on SQLite and on PostgreSQL
/// (`KEFU_TEST_DATABASE_URL`): the conditional UPDATE lets exactly one issue take the last unit.
@Suite("Front desk office supplies under concurrency (FDS-04)")
struct SupplyConcurrencyTests {
    @Test("FDS-04 two concurrent issues of the last unit: exactly one succeeds, the other is 409, stock ends at zero")
    func lastUnit() async throws {
        try await withTestApp { app in
            let o = try await SupplyTests.office(app)
            let item = try await SupplyTests.item(app, o, stock: 1)
            let first = try await SupplyTests.approvedRequisition(app, o, item: item, quantity: 1)
            let second = try await SupplyTests.approvedRequisition(app, o, item: item, quantity: 1)
            async let a = app.send(.POST, "api/v1/supply-requisitions/\(first)/issue", as: o.desk, json: ["collector_name": "Lina"])
            async let b = app.send(.POST, "api/v1/supply-requisitions/\(second)/issue", as: o.desk, json: ["collector_name": "Lina"])
            let statuses = [try await a.status, try await b.status].map(\.code).sorted()
            #expect(statuses == [200, 409])
            #expect(try await SupplyItemRecord.find(UUID(uuidString: item)!, on: app.db)?.stock == 0)
            let issued = try await SupplyRequisitionRecord.query(on: app.db).filter(\.$state == "issued").count()
            #expect(issued == 1)
        }
    }

    @Test("FDS-04 many concurrent issues against a small stock never take it below zero")
    func manyIssues() async throws {
        try await withTestApp { app in
            let o = try await SupplyTests.office(app)
            let item = try await SupplyTests.item(app, o, stock: 5)
            var ids: [String] = []
            for _ in 0..<4 { ids.append(try await SupplyTests.approvedRequisition(app, o, item: item, quantity: 2)) }
            let codes = try await withThrowingTaskGroup(of: UInt.self) { group in
                for id in ids {
                    group.addTask { try await app.send(.POST, "api/v1/supply-requisitions/\(id)/issue", as: o.desk, json: ["collector_name": "Lina"]).status.code }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(codes.filter { $0 == 200 }.count == 2 && codes.filter { $0 == 409 }.count == 2)
            #expect(try await SupplyItemRecord.find(UUID(uuidString: item)!, on: app.db)?.stock == 1)
        }
    }
}
