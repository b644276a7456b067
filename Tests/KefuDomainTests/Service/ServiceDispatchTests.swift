import Foundation
import KefuDomain
import Testing

struct ServiceDispatchTests {
    @Test("SRV-03 the department manager dispatches the job to a service person")
    func dispatch() throws {
        let job = try Fixture.dispatched()
        #expect(job.status == .dispatched)
        #expect(job.assigneeID == Fixture.technician)
        #expect(job.dispatchedBy == Fixture.manager)
        #expect(job.dispatchedAt == Fixture.at(120))
        #expect(job.version == 2)
    }

    @Test("SRV-04 only a department manager may dispatch; the job is left unchanged")
    func dispatchManagerOnly() throws {
        var job = try Fixture.registered()
        let before = job
        #expect(throws: DomainError.forbidden(reason: "service.dispatch_manager_only")) {
            try job.dispatch(to: Fixture.technician, by: UUID(), isDepartmentManager: false, at: Fixture.t0)
        }
        #expect(job == before)
    }

    @Test("SRV-04 a dispatched job cannot be dispatched again")
    func dispatchTwice() throws {
        var job = try Fixture.dispatched()
        #expect(throws: DomainError.invalidTransition(from: "dispatched", to: "dispatched")) {
            try job.dispatch(to: UUID(), by: Fixture.manager, isDepartmentManager: true, at: Fixture.t0)
        }
    }

    @Test("SRV-11 an off-site job cannot be dispatched before its approval")
    func offsiteNeedsApproval() throws {
        var job = try Fixture.registered(offsite: true)
        #expect(job.status == .awaitingOffsiteApproval)
        #expect(job.offsiteApproval == .pending)
        let before = job
        #expect(throws: DomainError.ruleViolation(
            rule: "service.offsite_requires_approval", reason: "rule.service.offsite_requires_approval")) {
            try job.dispatch(to: Fixture.technician, by: Fixture.manager, isDepartmentManager: true, at: Fixture.t0)
        }
        #expect(job == before)
    }

    @Test("SRV-11 an approved off-site job is registered and can be dispatched")
    func offsiteApproved() throws {
        var job = try Fixture.registered(offsite: true)
        try job.offsiteApproved(at: Fixture.at(60))
        #expect(job.status == .registered)
        #expect(job.offsiteApproval == .approved)
        try job.dispatch(to: Fixture.technician, by: Fixture.manager, isDepartmentManager: true, at: Fixture.at(120))
        #expect(job.status == .dispatched)
        #expect(job.version == 3)
    }

    @Test("SRV-11 a rejected off-site application cancels the job")
    func offsiteRejected() throws {
        var job = try Fixture.registered(offsite: true)
        try job.offsiteRejected(at: Fixture.at(60))
        #expect(job.status == .cancelled)
        #expect(job.offsiteApproval == .rejected)
        #expect(throws: DomainError.invalidTransition(from: "cancelled", to: "dispatched")) {
            try job.dispatch(to: Fixture.technician, by: Fixture.manager, isDepartmentManager: true, at: Fixture.t0)
        }
    }

    @Test("SRV-11 on-site jobs need no approval and cannot be approved")
    func onsiteNoApproval() throws {
        var job = try Fixture.registered()
        #expect(job.offsiteApproval == .notRequired)
        #expect(throws: DomainError.invalidTransition(from: "registered", to: "registered")) {
            try job.offsiteApproved(at: Fixture.t0)
        }
        #expect(throws: DomainError.invalidTransition(from: "registered", to: "cancelled")) {
            try job.offsiteRejected(at: Fixture.t0)
        }
    }
}
