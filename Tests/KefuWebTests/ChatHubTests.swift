import Foundation
@testable import KefuWeb
import Testing

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
