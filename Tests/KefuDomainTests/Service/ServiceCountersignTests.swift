import Foundation
import KefuDomain
import Testing

struct ServiceCountersignTests {
    @Test("SRV-09 the department manager countersigns the signed voucher")
    func countersign() throws {
        let job = try Fixture.countersigned()
        #expect(job.status == .countersigned)
        #expect(job.voucher?.countersignedBy == Fixture.manager)
        #expect(job.voucher?.countersignedAt == Fixture.at(9_000))
    }

    @Test("SRV-09 only a department manager may countersign")
    func managerOnly() throws {
        var job = try Fixture.signed()
        let before = job
        #expect(throws: DomainError.forbidden(reason: "service.countersign_manager_only")) {
            try job.countersign(by: Fixture.technician, isDepartmentManager: false, at: Fixture.at(9_000))
        }
        #expect(job == before)
    }

    @Test("SRV-09 countersigning needs the customer signature first")
    func needsCustomerSignature() throws {
        var job = try Fixture.inService()
        #expect(throws: DomainError.invalidTransition(from: "in_service", to: "countersigned")) {
            try job.countersign(by: Fixture.manager, isDepartmentManager: true, at: Fixture.at(9_000))
        }
    }

    @Test("SRV-09 a countersigned job is filed; filing needs the countersignature")
    func filing() throws {
        var signed = try Fixture.signed()
        #expect(throws: DomainError.invalidTransition(from: "voucher_signed", to: "filed")) {
            try signed.file(at: Fixture.at(10_000))
        }
        let job = try Fixture.filed()
        #expect(job.status == .filed)
        #expect(job.filedAt == Fixture.at(10_000))
        // register 1, dispatch 2, start 3, voucher 4, countersign 5, file 6
        #expect(job.version == 6)
    }
}
