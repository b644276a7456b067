import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Issue 9 §1 "can send … an image", "an image that is not an image": the bytes are recognised by their magic
/// numbers only (ChatMessagePolicy), never by a declared type, and must fit `chat.max_image_bytes`. The image is
/// stored in the message row (every node serves it) and served back with its recognised type and `nosniff`.
extension Chats {
    /// Who posts the image: the chat's customer (by token, checked by the caller) or staff allowed to post.
    enum ImageAuthor {
        case customer
        case staff(StaffUser)
    }

    func postImage(_ chat: ChatRecord, data: [UInt8], from author: ImageAuthor) async throws -> ChatMessageRecord {
        let type: String
        do { type = try services.rulebook.chat.policy.imageType(data) } catch {
            throw DomainError.validation(fields: ["image": "error.chat.\(error.rawValue)"])
        }
        if data.isEmpty { throw DomainError.validation(fields: ["image": "error.chat.not_an_image"]) }
        let message = ChatMessageRecord()
        message.chatID = chat.id!; message.imageType = type; message.image = Data(data); message.at = services.now()
        switch author {
        case .customer:
            guard ChatState(rawValue: chat.state)?.isOpen == true else { throw DomainError.conflict(reason: "error.chat.ended") }
            message.party = ChatParty.customer.rawValue; message.authorName = chat.customerName
        case .staff(let staff):
            guard ChatState(rawValue: chat.state) == .active else { throw DomainError.conflict(reason: "error.chat.not_active") }
            try await ChatGate(db: db).requirePost(chat, by: staff)
            message.party = ChatParty.agent.rawValue; message.authorID = staff.id; message.authorName = staff.displayName
        }
        let stored = try await ChatRepository(db: db).append(message)
        try await ChatSignals(db: db, hub: hub).announce(chat.id!, seq: stored.seq)
        switch author {
        case .customer:  // an image waits for an answer like a text does (CHN-16)
            try await ChatRecord.query(on: db).filter(\.$id == chat.id!).filter(\.$answerDue == nil)
                .set(\.$answerDue, to: answerDue(after: stored.at, agentHasAnswered: chat.lastAgentAt != nil))
                .set(\.$lastCustomerAt, to: stored.at).update()
        case .staff:
            try await ChatRecord.query(on: db).filter(\.$id == chat.id!).set(\.$answerDue, to: nil).set(\.$lastAgentAt, to: stored.at).update()
        }
        return stored
    }

    /// The image of message `seq` (its type and bytes); a text message or an unknown number → 404.
    func image(_ chat: ChatRecord, seq: Int) async throws -> (type: String, data: Data) {
        guard let message = try await ChatMessageRecord.query(on: db).filter(\.$chatID == chat.id!).filter(\.$seq == seq).first(),
              let type = message.imageType, let data = message.image else {
            throw DomainError.notFound(subject: "chat_image")
        }
        return (type, data)
    }
}
