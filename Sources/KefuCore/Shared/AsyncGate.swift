import Foundation

/// A first-come, first-served async mutex: one body at a time, the others wait without blocking a thread.
package actor AsyncGate {
    package init() {}

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    package func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        guard busy else { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
