import Foundation
import KefuDomain
import Testing

struct ServiceCostTests {
    @Test("SRV-12 off-site travel and allowance are booked as service cost with a total")
    func offsiteCosts() throws {
        var job = try Fixture.dispatched(.contract, offsite: true)
        try job.bookCost(ServiceCost(kind: .travel, amount: Decimal(string: "356.50")!, note: "高鐵"), at: Fixture.at(200))
        try job.bookCost(ServiceCost(kind: .allowance, amount: Decimal(100)), at: Fixture.at(210))
        try job.bookCost(ServiceCost(kind: .material, amount: Decimal(0)), at: Fixture.at(220))
        #expect(job.costs.map(\.kind) == [.travel, .allowance, .material])
        #expect(job.costTotal == Decimal(string: "456.5")!)
        #expect(job.version == 6)
    }

    @Test("SRV-12 only off-site jobs may book travel or allowance", arguments: [ServiceCost.Kind.travel, .allowance])
    func onsiteTravel(kind: ServiceCost.Kind) throws {
        var job = try Fixture.dispatched()
        #expect(throws: DomainError.validation(fields: ["kind": "error.service.cost_offsite_only"])) {
            try job.bookCost(ServiceCost(kind: kind, amount: Decimal(10)), at: Fixture.at(200))
        }
        try job.bookCost(ServiceCost(kind: .material, amount: Decimal(10)), at: Fixture.at(200))
        #expect(job.costTotal == Decimal(10))
    }

    @Test("SRV-12 cost amount must be non-negative with at most 2 decimal places")
    func amounts() {
        #expect(ServiceCost(kind: .other, amount: Decimal(-1)).validate(isOffsite: true)
            == ["amount": "error.service.cost_negative"])
        #expect(ServiceCost(kind: .other, amount: Decimal(string: "0.001")!).validate(isOffsite: true)
            == ["amount": "error.service.amount_precision"])
        #expect(ServiceCost(kind: .other, amount: Decimal(0), note: String(repeating: "n", count: 201))
            .validate(isOffsite: false) == ["note": "error.field.too_long"])
        #expect(ServiceCost.total([]) == 0)
    }

    @Test("SRV-12 costs are booked only between dispatch and filing, once per line")
    func bookableStates() throws {
        var registered = try Fixture.registered()
        #expect(throws: DomainError.conflict(reason: "service.cost_not_bookable")) {
            try registered.bookCost(ServiceCost(kind: .other, amount: 1), at: Fixture.t0)
        }
        var filed = try Fixture.filed()
        #expect(throws: DomainError.conflict(reason: "service.cost_not_bookable")) {
            try filed.bookCost(ServiceCost(kind: .other, amount: 1), at: Fixture.t0)
        }
        var signed = try Fixture.signed()
        let line = ServiceCost(kind: .other, amount: 1)
        try signed.bookCost(line, at: Fixture.at(8_500))
        #expect(throws: DomainError.conflict(reason: "service.cost_duplicate")) {
            try signed.bookCost(line, at: Fixture.at(8_600))
        }
    }
}
