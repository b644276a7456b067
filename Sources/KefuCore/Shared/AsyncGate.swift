import Foundation

/// A first-come, first-served async mutex: one body at a time, the others wait without blocking a thread.
/// On SQLite it is the one gate every write passes (`SQLiteWriteGate` for requests, the group commit of
/// `OpenCaseQueue` for case openings).
package actor AsyncGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Whether the current task runs inside a gate's body: work that would take the gate again (a case
    /// opened by a request that already holds it) runs in place instead of waiting for itself.
    @TaskLocal package static var isHeld = false

    package init() {}

    package func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await Self.$isHeld.withValue(true) { try await body() }
    }

    private func acquire() async {
        guard busy else { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
