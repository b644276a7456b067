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

@Suite("Concurrent writes on an SQLite file")
struct ConcurrentWritesTests {
    @Test("Sixteen agents opening cases at the same moment all succeed: numbers unique and consecutive, no 500")
    func concurrentCreates() async throws {
        try await withSQLiteFileApp { app in
            try await KefuApp.migrate(app)
            app.services.now = { .t0 }
            let lina = try await app.staff("lina", roles: [.agent])
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<16 {
                    group.addTask {
                        try await app.send(.POST, "api/v1/cases", as: lina, json: [
                            "type": "query", "channel": "phone", "subject": "并发 \(index)", "description": "并发写入",
                            "customer": ["name": "客户\(index)", "phone": "1390000\(String(format: "%04d", index))"]]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created }, "\(statuses)")
            let numbers = try await CaseRecord.query(on: app.db).all().map(\.number).sorted()
            #expect(numbers == (1...16).map { String(format: "CX-20261123-%04d", $0) })
        }
    }

    @Test("Creations mixed with notes and the background jobs: every request succeeds and every number is unique")
    func creationsBesideOtherWrites() async throws {
        try await withSQLiteFileApp { app in
            try await KefuApp.migrate(app)
            app.services.now = { .t0 }
            let lina = try await app.staff("lina", roles: [.agent])
            let first = try await app.send(.POST, "api/v1/cases", as: lina, json: [
                "type": "query", "channel": "phone", "subject": "第一单", "description": "先建",
                "customer": ["name": "客户", "phone": "13900009999"]]).object()
            let id = try #require(first["id"] as? String)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        try await app.send(.POST, "api/v1/cases", as: lina, json: [
                            "type": "query", "channel": "phone", "subject": "并发 \(index)", "description": "并发写入",
                            "customer": ["name": "客户\(index)", "phone": "1390000\(String(format: "%04d", index))"]]).status
                    }
                    group.addTask {
                        try await app.send(.POST, "api/v1/cases/\(id)/notes", as: lina, json: ["body": "备注 \(index)", "internal": true]).status
                    }
                }
                group.addTask {
                    _ = try await JobsOnce.run(app)
                    return .ok
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created || $0 == .ok }, "\(statuses)")
            let numbers = try await CaseRecord.query(on: app.db).all().map(\.number)
            #expect(numbers.count == 13)
            #expect(Set(numbers).count == 13)
        }
    }
}
