import Foundation
import KefuDomain
import Testing

/// Illegal moves of the service-job state machine and cancellation.
struct ServiceJobTransitionTests {
    enum Move: String, CaseIterable, Sendable {
        case approve, reject, dispatch, start, voucher, countersign, file
    }

    private func apply(_ move: Move, to job: inout ServiceJob) throws {
        let now = Fixture.at(8_500)
        switch move {
        case .approve: try job.offsiteApproved(at: now)
        case .reject: try job.offsiteRejected(at: now)
        case .dispatch: try job.dispatch(to: Fixture.technician, by: Fixture.manager, isDepartmentManager: true, at: now)
        case .start: try job.startService(at: now)
        case .voucher:
            try job.recordVoucher(
                by: Fixture.technician, serviceStart: Fixture.at(3_600), serviceEnd: Fixture.at(7_200),
                content: "x", signature: .captured(png: Fixture.png), fee: 10,
                lowFeeThreshold: Fixture.threshold, at: now)
        case .countersign: try job.countersign(by: Fixture.manager, isDepartmentManager: true, at: now)
        case .file: try job.file(at: now)
        }
    }

    private static let targets: [Move: String] = [
        .approve: "registered", .reject: "cancelled", .dispatch: "dispatched", .start: "in_service",
        .voucher: "voucher_signed", .countersign: "countersigned", .file: "filed",
    ]

    private func job(in status: ServiceJobStatus) throws -> ServiceJob {
        switch status {
        case .awaitingOffsiteApproval: return try Fixture.registered(offsite: true)
        case .registered: return try Fixture.registered()
        case .dispatched: return try Fixture.dispatched()
        case .inService: return try Fixture.inService()
        case .voucherSigned: return try Fixture.signed()
        case .countersigned: return try Fixture.countersigned()
        case .filed: return try Fixture.filed()
        case .cancelled:
            var job = try Fixture.registered()
            try job.cancel(reason: "客戶取消", at: Fixture.at(60))
            return job
        }
    }

    /// The single legal move out of each state (besides cancel).
    private static let legal: [ServiceJobStatus: Set<Move>] = [
        .awaitingOffsiteApproval: [.approve, .reject], .registered: [.dispatch], .dispatched: [.start],
        .inService: [.voucher], .voucherSigned: [.countersign], .countersigned: [.file],
    ]

    @Test("every move not in the state machine throws invalidTransition and changes nothing",
          arguments: ServiceJobStatus.allCases)
    func illegalMoves(status: ServiceJobStatus) throws {
        for move in Move.allCases where !(Self.legal[status] ?? []).contains(move) {
            if status == .awaitingOffsiteApproval && move == .dispatch { continue } // SRV-11 rule instead
            var job = try job(in: status)
            let before = job
            #expect(throws: DomainError.invalidTransition(from: status.rawValue, to: Self.targets[move]!)) {
                try apply(move, to: &job)
            }
            #expect(job == before)
        }
    }

    @Test("cancel is allowed before voucher_signed and bumps the version",
          arguments: [ServiceJobStatus.awaitingOffsiteApproval, .registered, .dispatched, .inService])
    func cancelAllowed(status: ServiceJobStatus) throws {
        var job = try job(in: status)
        let version = job.version
        try job.cancel(reason: " 客戶取消 ", at: Fixture.at(9_999))
        #expect(job.status == .cancelled)
        #expect(job.cancelReason == "客戶取消")
        #expect(job.cancelledAt == Fixture.at(9_999))
        #expect(job.version == version + 1)
    }

    @Test("cancel is refused from voucher_signed on", arguments: [ServiceJobStatus.voucherSigned, .countersigned, .filed, .cancelled])
    func cancelRefused(status: ServiceJobStatus) throws {
        var job = try job(in: status)
        #expect(throws: DomainError.invalidTransition(from: status.rawValue, to: "cancelled")) {
            try job.cancel(reason: "太遲", at: Fixture.at(9_999))
        }
    }

    @Test("cancel needs a reason of at most 500 characters")
    func cancelReason() throws {
        var job = try Fixture.registered()
        #expect(throws: DomainError.validation(fields: ["reason": "error.field.required"])) {
            try job.cancel(reason: "  ", at: Fixture.t0)
        }
        #expect(throws: DomainError.validation(fields: ["reason": "error.field.too_long"])) {
            try job.cancel(reason: String(repeating: "因", count: 501), at: Fixture.t0)
        }
        #expect(job.status == .registered && job.version == 1)
    }

    @Test("status raw values are snake_case")
    func rawValues() {
        #expect(ServiceJobStatus.allCases.map(\.rawValue) == [
            "awaiting_offsite_approval", "registered", "dispatched", "in_service",
            "voucher_signed", "countersigned", "filed", "cancelled",
        ])
    }

    @Test("a full job round-trips through JSON")
    func codable() throws {
        let job = try Fixture.filed()
        let data = try JSONEncoder().encode(job)
        #expect(try JSONDecoder().decode(ServiceJob.self, from: data) == job)
    }
}
