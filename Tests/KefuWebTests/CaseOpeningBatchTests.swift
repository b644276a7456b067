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

/// Issue 22: case openings written together (group commit). A batch gives no number twice, refuses only the
/// opening at fault, and stores exactly what openings written one by one store.
@Suite("Opening cases together: group commit")
struct CaseOpeningBatchTests {
    static func input(_ subject: String, customer: UUID? = nil, newPhone: String? = nil, type: CaseType = .query,
                      service: ServiceOrder? = nil) -> OpenCase.Input {
        OpenCase.Input(type: type, channel: .phone, customerID: customer,
                       newCustomer: newPhone.map { RegisterCustomer.Input(name: "王先生", phone: $0, isMember: false) },
                       subject: subject, description: "客户来电", service: service)
    }

    @Test("CMP-02 a batch of openings draws consecutive numbers once per type; each case, its clocks, audit and search row are stored")
    func batchStoresEverything() async throws {
        try await withTestApp { app in
            // Numbers restart each day: hold the clock still so a slow run near midnight stays on one day.
            let clock = TestClock(app.services.now())
            app.services.now = { clock.now }
            let lina = try await app.staffUser(of: app.staff("lina", roles: [.agent]))
            let customer = try await app.openCase(as: app.staff("wei", roles: [.agent]), type: "query", subject: "先开一单")["customer"] as? [String: Any]
            let customerID = try #require(UUID(uuidString: customer?["id"] as? String ?? ""))
            let open = OpenCase(db: app.db, services: app.services)
            var openings: [OpenCase.Pending] = []
            for n in 1...5 { openings.append(try await open.prepare(Self.input("宽带断线 \(n)", customer: customerID), by: lina)) }
            openings.append(try await open.prepare(Self.input("投诉 1", customer: customerID, type: .complaint), by: lina))
            let results = await OpenCaseBatch(db: app.db, services: app.services).write(openings)
            let opened = try results.map { try $0.get() }
            let numbers = opened.map(\.record.number)
            #expect(Set(numbers).count == 6)
            // The query numbers follow the one opened before, in the batch's order.
            let sequences = opened.prefix(5).compactMap { Int($0.record.number.suffix(4)) }
            #expect(sequences == Array(2...6))
            #expect(opened[5].record.number.hasSuffix("0001"))
            for case_ in opened {
                let stored = try #require(try await CaseRepository(db: app.db).find(case_.record.id!))
                #expect(stored.number == case_.record.number)
                #expect(stored.ownerID == lina.id)
                let clocks = try await DeadlineClockRepository(db: app.db).clocks(subjectType: "case", subjectID: case_.record.id!)
                #expect(Set(clocks.map(\.kind)) == Set(case_.clocks?.map(\.kind) ?? []))
                #expect(clocks.count >= 3)
                let events = try await AuditRepository(db: app.db).timeline(subjectType: "case", subjectID: case_.record.id!, after: nil, limit: 10)
                #expect(events.items.map(\.action) == ["case.created"])
            }
            // The search index holds every case's words.
            let staff = try await app.staffUser(of: app.staff("boss", roles: [.admin]))
            var filter = CaseRepository.Filter()
            filter.text = "断线"
            let found = try await CaseRepository(db: app.db).list(scope: CaseScope.of(staff, db: app.db).repositoryScope,
                                                                   filter: filter, after: nil, limit: 50)
            #expect(found.items.count == 5)  // the five 宽带断线 of the batch, not the complaint nor the first case
        }
    }

    @Test("A refused opening in a batch refuses only itself; one new number is one customer, also when registered meanwhile; an unknown customer is refused before")
    func refusalsStayAlone() async throws {
        try await withTestApp { app in
            let lina = try await app.staffUser(of: app.staff("lina", roles: [.agent]))
            let open = OpenCase(db: app.db, services: app.services)
            await #expect(throws: DomainError.self) { try await open.prepare(Self.input("零", customer: UUID()), by: lina) }
            let openings = [
                try await open.prepare(Self.input("一", newPhone: "13800138000"), by: lina),
                try await open.prepare(Self.input("三", newPhone: "13800138000"), by: lina),
                try await open.prepare(Self.input("四", newPhone: "13800138000", type: .serviceRequest,
                                                  service: ServiceOrder(category: .paid, productModel: "", address: "朝阳区", offsite: false)), by: lina),
                try await open.prepare(Self.input("五", newPhone: "13900139000"), by: lina),
            ]
            let results = await OpenCaseBatch(db: app.db, services: app.services).write(openings)
            #expect((try? results[0].get()) != nil)
            // The same new number twice in one batch is one customer.
            #expect(try results[1].get().customer.id == results[0].get().customer.id)
            #expect(throws: DomainError.self) { try results[2].get() }
            #expect((try? results[3].get()) != nil)
            #expect(try await CaseRecord.query(on: app.db).count() == 3)
            #expect(try await CustomerRecord.query(on: app.db).count() == 2)
            #expect(try await ServiceJobRecord.query(on: app.db).count() == 0)
            // A number registered by someone else after the check is reused when the batch writes.
            let late = try await open.prepare(Self.input("六", newPhone: "13700137000"), by: lina)
            _ = try await RegisterCustomer(db: app.db, services: app.services).run(.init(name: "赵女士", phone: "13700137000", isMember: false), by: lina)
            let reused = try await OpenCaseBatch(db: app.db, services: app.services).write([late])[0].get()
            #expect(reused.customer.name == "赵女士")
            #expect(try await CustomerRecord.query(on: app.db).count() == 3)
            let registered = try await AuditEventRecord.query(on: app.db).filter(\.$action == "customer.registered").count()
            #expect(registered == 3)
        }
    }

    @Test("Thirty-two openings through the server at once: every one answered 201 with its own number, all stored")
    func concurrentOpeningsThroughTheQueue() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for n in 0..<32 {
                    group.addTask {
                        let response = try await app.send(.POST, "api/v1/cases", as: lina, json: [
                            "type": "query", "channel": "web", "customer": ["name": "客户\(n)", "phone": String(format: "1380013%04d", n)],
                            "subject": "咨询 \(n)", "description": "网上留言"])
                        #expect(response.status == .created)
                        return try response.object()["number"] as? String ?? ""
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(answers).count == 32)
            #expect(try await CaseRecord.query(on: app.db).count() == 32)
            #expect(try await CustomerRecord.query(on: app.db).count() == 32)
        }
    }
}
