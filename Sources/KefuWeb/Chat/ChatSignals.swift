import FluentKit
import Foundation
import KefuCore
import NIOConcurrencyHelpers
import PostgresNIO
import SQLKit
import Vapor

extension Application {
    private struct ChatHubKey: StorageKey { typealias Value = ChatHub }

    /// This node's chat hub (one per application).
    var chatHub: ChatHub {
        if let hub = storage[ChatHubKey.self] { return hub }
        let hub = ChatHub()
        storage[ChatHubKey.self] = hub
        return hub
    }
}

/// After a message is stored: signal this node's listeners and, on PostgreSQL, every other node through
/// `NOTIFY kefu_chat` (delivered when the storing transaction commits, so the message is there to read).
struct ChatSignals {
    static let channel = "kefu_chat"
    let db: any Database
    let hub: ChatHub

    func announce(_ chatID: UUID, seq: Int) async throws {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_notify(\(bind: Self.channel), \(bind: "\(chatID.uuidString):\(seq)"))").run()
        }
        await hub.publish(chatID, seq: seq)
    }

    /// `<chat id>:<seq>` → its parts; anything else is ignored.
    static func parse(_ payload: String) -> (UUID, Int)? {
        let parts = payload.split(separator: ":")
        guard parts.count == 2, let id = UUID(uuidString: String(parts[0])), let seq = Int(parts[1]) else { return nil }
        return (id, seq)
    }
}

/// On PostgreSQL, each node keeps one connection listening to `kefu_chat` and feeds the payloads into its hub,
/// so a customer on one node and an agent on another see each other's messages. A dropped connection is
/// reopened after a second; clients meanwhile catch up from their last message number.
struct ChatNotifyListener: LifecycleHandler {
    let configuration: PostgresConnection.Configuration
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(configuration: PostgresConnection.Configuration) { self.configuration = configuration }

    func didBootAsync(_ app: Application) async throws {
        let logger = Logger(label: "kefu.chat")
        let hub = app.chatHub
        let configuration = configuration
        let eventLoop = app.eventLoopGroup.any()
        task.withLockedValue { $0 = Task {
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 1, logger: logger).get()
                    do {
                        for try await notification in try await connection.listen(ChatSignals.channel) {
                            if let (chat, seq) = ChatSignals.parse(notification.payload) { await hub.publish(chat, seq: seq) }
                        }
                    } catch {
                        logger.warning("chat listener dropped", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                    }
                    try? await connection.close()
                } catch {
                    logger.warning("chat listener cannot connect", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: .seconds(1))
            }
        } }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
