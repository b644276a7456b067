import Fluent
import Foundation
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Issue 22: new rows get time-ordered (v7) ids; a database written before keeps its random (v4) ids, with
/// no migration, and lists, cursors and timelines page through old and new rows together (ids are only
/// tie-breakers after a date).
@Suite("Time-ordered ids: new rows get v7 ids, old v4 rows page together with them")
struct TimeOrderedIDUpgradeTests {
    /// Saturday 2026-11-14 11:12:01 +08:00: a time of these tests only (see `TimeOrderedIDClocks`).
    static let ownClock = Date.t0.addingTimeInterval(-9 * 86_400 + 4_321)

    @Test("Cases opened after the upgrade have v7 ids stamped with the app's clock, and the database sorts them in the order they were made")
    func newCasesAreTimeOrdered() async throws {
        try await withTestApp { app in
            // given: a clock that does not move, so every id falls in the same millisecond; a time no other test
            // uses, so that no other app of this process makes ids within 10 s of it meanwhile (TimeOrderedIDClocks)
            app.services.now = { Self.ownClock }
            let lina = try await app.staff("lina", roles: [.agent])
            // when
            var made: [UUID] = []
            for n in 0..<6 { made.append(try #require(UUID(uuidString: try await app.openCase(as: lina, phone: "1391234567\(n)")["id"] as? String ?? ""))) }
            // then
            for id in made { #expect(TimeOrderedIDGenerator.timestamp(of: id) == Self.ownClock, "\(id)") }
            // The stored form (SQLite: the upper-case text; PostgreSQL: uuid, compared bytewise) keeps that order.
            let stored = try await CaseRecord.query(on: app.db).filter(\.$id ~~ made).sort(\.$id).all().map { $0.id! }
            #expect(stored == made)
            // The rows written with the case take ids from the same clock.
            let clocks = try await DeadlineClockRecord.query(on: app.db).filter(\.$subjectID ~~ made).all()
            let events = try await AuditEventRecord.query(on: app.db).filter(\.$subjectID ~~ made).all()
            let customers = try await CustomerRecord.query(on: app.db).all()
            #expect(!clocks.isEmpty && !events.isEmpty && customers.count == 6)
            for id in clocks.map({ $0.id! }) + events.map({ $0.id! }) + customers.map({ $0.id! }) {
                #expect(TimeOrderedIDGenerator.timestamp(of: id) == Self.ownClock, "\(id)")
            }
        }
    }

    @Test("Old cases with random ids and new ones of the same millisecond list once each, in (created_at, id) order, across API pages")
    func oldAndNewCasesPageTogether() async throws {
        try await withTestApp { app in
            // given: cases written before the upgrade (random v4 ids), some in the very millisecond of the new ones
            app.services.now = { .t0 }
            let lina = try await app.staff("lina", roles: [.agent])
            let boss = try await app.staff("boss", roles: [.agent, .admin])
            var old: [(id: UUID, at: Date)] = []
            for n in 0..<7 {
                let at = n < 5 ? Date.t0 : Date.t0.addingTimeInterval(-60)
                old.append((try await insertOldCase(app, number: n, owner: lina.id, at: at), at))
            }
            // when: cases are opened by the new code
            var new: [(id: UUID, at: Date)] = []
            for n in 0..<7 {
                let opened = try await app.openCase(as: lina, phone: "1380000100\(n)")
                new.append((try #require(UUID(uuidString: opened["id"] as? String ?? "")), .t0))
            }
            // then: pages of 3 give every case once, newest first, ties broken by the id as the database compares it
            var seen: [UUID] = [], cursor: String?, pages = 0
            repeat {
                let response = try await app.send(.GET, "api/v1/cases?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""), as: boss)
                #expect(response.status == .ok, "\(response.body.string)")
                seen += try response.items().compactMap { ($0["id"] as? String).flatMap(UUID.init(uuidString:)) }
                cursor = try response.object()["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 20
            let expected = (old + new).sorted { $0.at != $1.at ? $0.at > $1.at : $0.id.uuidString > $1.id.uuidString }.map(\.id)
            #expect(seen == expected)
            #expect(pages == 5)
            // An old case and a new one are both read by id.
            #expect(try await app.send(.GET, "api/v1/cases/\(old[0].id)", as: boss).status == .ok)
            #expect(try await app.send(.GET, "api/v1/cases/\(new[0].id)", as: boss).status == .ok)
        }
    }

    @Test("An old case's timeline of random-id events and the new events of the same millisecond pages once each, in order")
    func oldTimelineWithNewEvents() async throws {
        try await withTestApp { app in
            // given: an old case with three old events (random ids) at t0
            app.services.now = { .t0 }
            let lina = try await app.staff("lina", roles: [.agent, .admin])
            let caseID = try await insertOldCase(app, number: 0, owner: lina.id, at: .t0)
            for n in 0..<3 {
                let event = AuditEventRecord()
                event.id = UUID(); event.at = .t0; event.actorID = lina.id; event.actorName = "lina"; event.action = "case.noted"
                event.subjectType = "case"; event.subjectID = caseID; event.summary = "old \(n)"; event.rulebookVersion = "old"
                try await event.create(on: app.db)
            }
            // when: the new code works on it in the same millisecond
            let assigned = try await app.send(.POST, "api/v1/cases/\(caseID)/assign", as: lina, json: ["assignee_id": lina.id.uuidString])
            #expect(assigned.status == .ok, "\(assigned.body.string)")
            // then
            let all = try await AuditEventRecord.query(on: app.db).filter(\.$subjectID == caseID).all()
            #expect(all.count > 3)
            #expect(all.filter { TimeOrderedIDGenerator.timestamp(of: $0.id!) == nil }.count == 3)
            var seen: [UUID] = [], cursor: String?, pages = 0
            repeat {
                let response = try await app.send(.GET, "api/v1/cases/\(caseID)/events?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), as: lina)
                #expect(response.status == .ok, "\(response.body.string)")
                seen += try response.items().compactMap { ($0["id"] as? String).flatMap(UUID.init(uuidString:)) }
                cursor = try response.object()["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 20
            #expect(seen == all.map { $0.id! }.sorted { $0.uuidString < $1.uuidString })
        }
    }

    @Test("A record created without an id gets a time-ordered one from the app's clock (the model middleware); one that comes with an id keeps it")
    func recordsWithoutAnID() async throws {
        try await withTestApp { app in
            // given
            app.services.now = { Self.ownClock }
            let lina = try await app.staff("lina", roles: [.agent])
            let keep = UUID()
            // when: a customer read (written on every open of a case) leaves its id to Fluent
            var rows: [CustomerReadRecord] = []
            for id in [nil, nil, keep] {
                let row = CustomerReadRecord()
                row.id = id; row.customerID = UUID(); row.userID = lina.id; row.userName = "lina"; row.via = "test"; row.at = Self.ownClock
                try await row.create(on: app.db)
                rows.append(row)
            }
            // then
            #expect(TimeOrderedIDGenerator.timestamp(of: try #require(rows[0].id)) == Self.ownClock)
            #expect(rows[0].id!.uuidString < rows[1].id!.uuidString)
            #expect(rows[2].id == keep)
        }
    }

    /// A case as the code before issue 22 wrote it: random (v4) ids for the case and its customer.
    private func insertOldCase(_ app: Application, number: Int, owner: UUID, at: Date) async throws -> UUID {
        let customer = CustomerRecord(name: "旧客户\(number)", phone: "1370000000\(number)", address: nil, region: nil,
                                      isMember: false, tier: nil, createdBy: owner, createdAt: at)
        customer.id = UUID()
        try await CustomerRepository(db: app.db).insert(customer, phoneKeys: [])
        let record = CaseRecord()
        record.id = UUID()
        record.number = "ZX-20261122-\(9000 + number)"
        record.type = CaseType.consultation.rawValue; record.channel = CaseChannel.phone.rawValue
        record.status = CaseStatus.new.rawValue; record.priority = CasePriority.normal.rawValue
        record.subject = "旧工单 \(number)"; record.description = ""
        record.customerID = customer.id!; record.ownerID = owner
        record.escalationLevel = 0; record.createdAt = at; record.updatedAt = at; record.version = 1
        try await CaseRepository(db: app.db).insert(record, searchText: record.subject)
        #expect(TimeOrderedIDGenerator.timestamp(of: record.id!) == nil)
        return record.id!
    }
}
