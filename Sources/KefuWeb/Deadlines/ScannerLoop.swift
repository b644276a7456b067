import KefuCore
import KefuDomain
import FluentKit
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// `serve` runs the background jobs (`BackgroundJobs`: the deadline scanner first) every
/// `deadlines.scan_interval_seconds` of the rulebook (default 30), under the lease.
struct ScannerLoop: LifecycleHandler {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ app: Application) async throws {
        let interval = TimeInterval(app.services.rulebook.deadlines.scanIntervalSeconds)
        let logger = Logger(label: "kefu.deadlines")
        let jobs = BackgroundJobs.all(app).filter(\.inLoop)
        task.withLockedValue { $0 = Task {
            while !Task.isCancelled {
                do {
                    // The same list as `kefu jobs run-once` (`BackgroundJobs`), less what `serve` triggers otherwise.
                    let lines = try await BackgroundJobs.run(jobs, app: app) ?? []
                    if let scan = lines.first, !scan.hasPrefix("deadline scan: 0 breached, 0 warned") {
                        logger.info("background jobs", metadata: ["done": "\(lines.joined(separator: "; "))"])
                    }
                } catch {
                    logger.error("deadline scan failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: .seconds(interval))
            }
        } }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
