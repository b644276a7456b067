import Foundation
import KefuCore
@testable import KefuWeb
import Testing
import FluentPostgresDriver
import KefuTestSupport
import Vapor

@Suite("Chat hub (issue 9)")
struct ChatHubTests {
    @Test("CHN-04 a new message number reaches every listener of its chat, not those of other chats; a listener that leaves is dropped")
    func delivery() async throws {
        let hub = ChatHub()
        let (chat, other) = (UUID(), UUID())
        let customer = await hub.listen(to: chat)
        let agent = await hub.listen(to: chat)
        let stranger = await hub.listen(to: other)
        await hub.publish(chat, seq: 1)
        await hub.publish(chat, seq: 2)
        var customerSeen: [Int] = [], agentSeen: [Int] = []
        var iterator = customer.stream.makeAsyncIterator()
        for _ in 0..<2 { if let seq = await iterator.next() { customerSeen.append(seq) } }
        var agentIterator = agent.stream.makeAsyncIterator()
        for _ in 0..<2 { if let seq = await agentIterator.next() { agentSeen.append(seq) } }
        #expect(customerSeen == [1, 2] && agentSeen == [1, 2])
        await hub.leave(chat, agent.token)
        #expect(await hub.listenerCount(chat) == 1)
        await hub.leave(other, stranger.token)
        #expect(await hub.listenerCount(other) == 0)
        var strangerIterator = stranger.stream.makeAsyncIterator()
        #expect(await strangerIterator.next() == nil)  // finished without ever receiving the other chat's messages
    }
}

/// Issue 9 §2 on PostgreSQL: two nodes share one database; a message number announced on one reaches the
/// listeners on the other through LISTEN/NOTIFY. (SQLite in memory: one node per database — returns at once.)
@Suite("Chat signals across nodes (PostgreSQL)")
struct ChatNodesTests {
    @Test("CHN-04 a message announced on one node reaches the chat's listener on another node sharing PostgreSQL")
    func acrossNodes() async throws {
        guard testsUsePostgres, case .postgres(let url) = try Settings.testing().database else { return }
        try await withTestApp { app in
            let node2 = try await Application.make(.testing)
            do {
                try await configure(node2, settings: try Settings.testing())
                let listener = ChatNotifyListener(configuration: try SQLPostgresConfiguration(url: url).coreConfiguration)
                try await listener.didBootAsync(node2)
                let chat = UUID()
                let agentOnNode2 = await node2.chatHub.listen(to: chat)
                try await Task.sleep(for: .milliseconds(500))  // the listener's LISTEN is in place
                try await ChatSignals(db: app.db, hub: app.chatHub).announce(chat, seq: 7)
                let received = await withTaskGroup(of: Int?.self) { group in
                    group.addTask { var iterator = agentOnNode2.stream.makeAsyncIterator(); return await iterator.next() }
                    group.addTask { try? await Task.sleep(for: .seconds(5)); return nil }
                    let first = await group.next() ?? nil
                    group.cancelAll()
                    return first
                }
                #expect(received == 7)
                await listener.shutdownAsync(node2)
            } catch {
                try? await node2.asyncShutdown()
                throw error
            }
            try await node2.asyncShutdown()
        }
    }
}
