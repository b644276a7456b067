import FluentKit
import Foundation

/// Group commit of case openings (issue 22): the openings that arrive while a batch is being written wait,
/// and are written together by the next one — one transaction, a statement per table for all of them
/// (`OpenCaseBatch`). Each caller is answered after its batch commits, so an acknowledged case is stored.
/// On SQLite each batch passes the same write gate as every other write request; one batch is written at a
/// time on every database (the next one forms meanwhile).
package actor OpenCaseQueue {
    /// SQLite's write gate (nil on PostgreSQL).
    private let gate: AsyncGate?
    private var waiting: [Waiting] = []
    private var writing = false

    /// At most this many openings per batch: a batch holds the write gate for a few milliseconds, not longer.
    package static let batchLimit = 64

    private struct Waiting {
        let opening: OpenCase.Pending
        let db: any Database
        let services: AppServices
        let answer: CheckedContinuation<OpenCase.Opened, any Error>
    }

    /// The connection batches are written through when the app has one of its own for them (SQLite); else
    /// the first caller's.
    private let database: (@Sendable () -> any Database)?

    package init(gate: AsyncGate?, database: (@Sendable () -> any Database)? = nil) {
        self.gate = gate
        self.database = database
    }

    package func submit(_ opening: OpenCase.Pending, db: any Database, services: AppServices) async throws -> OpenCase.Opened {
        try await withCheckedThrowingContinuation { answer in
            waiting.append(Waiting(opening: opening, db: db, services: services, answer: answer))
            if !writing {
                writing = true
                Task { await self.writeWaiting() }
            }
        }
    }

    /// How many openings the last batch wrote: the callers it answered are likely to send their next ones.
    private var lastBatchSize = 1
    /// The longest a batch waits for those before it is written anyway.
    package static let linger: Duration = .microseconds(1_000)

    private func writeWaiting() async {
        while !waiting.isEmpty {
            // Under steady load the callers of the last batch come back together a moment after their answers;
            // a batch started at once would often hold only the one opening that came in meanwhile, and the
            // rest would wait a whole batch (measured: batches of 1 and 7 alternating with 8 clients). A lone
            // caller (last batch of one) is never held.
            if waiting.count < lastBatchSize {
                let deadline = ContinuousClock.now.advanced(by: Self.linger)
                while waiting.count < lastBatchSize, ContinuousClock.now < deadline {
                    try? await Task.sleep(for: .microseconds(100))
                }
            }
            let batch = Array(waiting.prefix(Self.batchLimit))
            lastBatchSize = batch.count
            waiting.removeFirst(batch.count)
            // The batch uses the first caller's database handle and services (the same app's in every caller).
            let results = await Self.write(batch.map(\.opening), db: database?() ?? batch[0].db, services: batch[0].services, gate: gate)
            for (caller, result) in zip(batch, results) { caller.answer.resume(with: result) }
        }
        writing = false
    }

    private static func write(_ openings: [OpenCase.Pending], db: any Database, services: AppServices,
                              gate: AsyncGate?) async -> [Result<OpenCase.Opened, any Error>] {
        let batch = OpenCaseBatch(db: db, services: services)
        guard let gate else { return await batch.write(openings) }
        do {
            return try await gate.run { await batch.write(openings) }
        } catch {
            return openings.map { _ in .failure(error) }
        }
    }
}
