import Fluent
import Foundation
import KefuCore
import NIOConcurrencyHelpers
import Vapor

/// `serve` routes waiting chats every few seconds (issue 9 §4): agents come on duty, end chats and free seats
/// between the moments a chat starts. No lease is needed — the claim is a conditional UPDATE, so nodes racing
/// for the same chat assign it once.
struct ChatRouterLoop: LifecycleHandler {
    static let interval: Duration = .seconds(5)
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ app: Application) async throws {
        let logger = Logger(label: "kefu.chat.router")
        task.withLockedValue { $0 = Task {
            while !Task.isCancelled {
                do {
                    let services = app.services
                    let assigned = try await ChatRouter(db: app.db, services: services, hub: app.chatHub).run(now: services.now())
                    if assigned > 0 { logger.info("chats routed", metadata: ["assigned": "\(assigned)"]) }
                } catch {
                    logger.error("chat routing failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: Self.interval)
            }
        } }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
