import Fluent
import Foundation
import KefuCore
import KefuDomain
import NIOConcurrencyHelpers
import Vapor

/// GOV-02 on several nodes: every `serve` node re-reads the stored rulebook versions every 15 seconds (not
/// under the scanner lease: each node needs its own copy). A version scheduled ahead is installed long before
/// its instant and switches exactly on time; one effective at once reaches the other nodes within 15 s.
struct RulebookReloadLoop: LifecycleHandler {
    static let interval: Duration = .seconds(15)
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ app: Application) async throws {
        let logger = Logger(label: "kefu.rulebook")
        task.withLockedValue { $0 = Task {
            // At once first: a node started with --no-migrate has not loaded the stored versions yet.
            while !Task.isCancelled {
                do {
                    try await RulebookVersions(db: app.db, services: app.services).reload(logger: app.logger)
                } catch {
                    logger.error("rulebook reload failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: Self.interval)
            }
        } }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
