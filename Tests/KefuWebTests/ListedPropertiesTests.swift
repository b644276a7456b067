import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import NIOConcurrencyHelpers
import Testing

/// The hand-listed properties the hot lists decode through (`allListed()`, issue 10) must be exactly the
/// record's database properties, and a row read through them must equal the row Fluent reads.
@Suite("Records read without reflection: the listed properties are the record's, and decode the same")
struct ListedPropertiesTests {
    /// The record's properties as the runtime's reflection finds them (what Fluent's default `properties` does).
    static func reflected(_ model: some Model) -> [any AnyProperty] {
        Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
    }

    static func keys(_ properties: [any AnyProperty]) -> [String] {
        properties.compactMap { $0 as? any AnyDatabaseProperty }.flatMap(\.keys).map(\.description).sorted()
    }

    static func matches(_ model: some ListedProperties) -> Bool {
        let reflected = reflected(model)
        // Every property is a database property (nothing Fluent finds by reflection is left out of the list) …
        guard reflected.count == model.listedProperties.count, reflected.allSatisfy({ $0 is any AnyDatabaseProperty }) else { return false }
        // … the list and Fluent's `properties` are the reflected ones, key for key.
        return keys(reflected) == keys(model.listedAsProperties) && keys(model.properties) == keys(reflected)
    }

    @Test("Every property of the listed records is listed, and nothing else; Fluent's properties come from the list")
    func listsMatchReflection() {
        #expect(Self.matches(CaseRecord()))
        #expect(Self.matches(CustomerRecord()))
        #expect(Self.matches(DeadlineClockRecord()))
        #expect(Self.matches(ComplaintRecord()))
        #expect(Self.matches(AuditEventRecord()))
        #expect(Self.matches(CaseNoteRecord()))
        #expect(Self.matches(TeamRecord()))
        #expect(Self.matches(CustomerReadRecord()))
    }

    @Test("A case, its customer and its clocks read through the list equal what Fluent reads, field by field")
    func decodeMatchesFluent() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let created = try await app.openCase(as: lina, type: "complaint", extra: [
                "caller_region": "深圳", "contact": "王女士", "feedback_result": "已回复",
                "appointment_at": ISO8601DateFormatter().string(from: app.services.now().addingTimeInterval(86_400)),
            ])
            let id = try #require(UUID(uuidString: created["id"] as? String ?? ""))
            let fluentCase = try #require(try await CaseRecord.find(id, on: app.db))
            let listedCase = try #require(try await CaseRecord.query(on: app.db).filter(\.$id == id).allListed().first)
            #expect(Values(fluentCase) == Values(listedCase))
            #expect(listedCase.$id.exists)
            let fluentCustomer = try #require(try await CustomerRecord.find(fluentCase.customerID, on: app.db))
            let listedCustomer = try #require(try await CustomerRecord.query(on: app.db).filter(\.$id == fluentCase.customerID).allListed().first)
            #expect(Values(fluentCustomer) == Values(listedCustomer))
            let fluentClocks = try await DeadlineClockRecord.query(on: app.db).filter(\.$subjectID == id).sort(\.$id).all()
            let listedClocks = try await DeadlineClockRecord.query(on: app.db).filter(\.$subjectID == id).sort(\.$id).allListed()
            #expect(fluentClocks.count >= 3)
            #expect(fluentClocks.map(Values.init) == listedClocks.map(Values.init))
            // A list's clock summaries (five columns) say what the whole clocks say.
            let repository = DeadlineClockRepository(db: app.db)
            let summaries = try await repository.summaries(subjectType: "case", subjectIDs: [id])
            let whole = try await repository.clocks(subjectType: "case", subjectIDs: [id])
            #expect(summaries == whole.map(DeadlineClockSummary.init))
            #expect(summaries.count == fluentClocks.count)
        }
    }
}

/// Every stored value of a record, as Fluent would write it back.
private struct Values: Equatable {
    let text: [String: String]

    init(_ model: some Model) {
        let input = Recorder()
        model.input(to: input)
        text = input.values.withLockedValue { $0 }
    }

    final class Recorder: DatabaseInput, Sendable {
        let values = NIOLockedValueBox<[String: String]>([:])
        var wantsUnmodifiedKeys: Bool { true }
        func set(_ value: DatabaseQuery.Value, at key: FieldKey) {
            values.withLockedValue { $0[key.description] = "\(value)" }
        }
    }
}
