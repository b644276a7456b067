import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `kefu demo`: a few web chats (issue 9) so the console, the board's 在线对话 panel and QA have something to
/// show — two waiting in the queue, one open with 陈静 (a question waiting for her answer), two ended and rated.
/// Written through the chat use cases, so numbering, clocks, cases and transcripts are as in real use.
/// Idempotent: nothing is added once any chat exists. The demo hands the chats out itself (no routing at the
/// start): at office hours the demo's roster has agents on duty, and routing had already taken them.
public enum DemoChats {
    public static func load(_ app: Application, progress: (String) -> Void) async throws {
        guard try await ChatRecord.query(on: app.db).count() == 0,
              let chenjing = try await UserRepository(db: app.db).find(username: "chenjing"),
              let yangli = try await UserRepository(db: app.db).find(username: "yangli") else { return }
        let chats = Chats(db: app.db, services: app.services, hub: app.chatHub)
        let agent = try await DemoCases.staffUser(chenjing, app), colleague = try await DemoCases.staffUser(yangli, app)
        let finished: [(String, String?, [String], Int)] = [
            ("刘女士", "13912345678", ["你好，我家宽带昨晚开始断断续续", "光猫重启过了，还是一样"], 5),
            ("周先生", nil, ["空调遥控器没反应，换了电池也不行"], 4),
        ]
        for (name, phone, lines, rating) in finished {
            var (chat, _) = try await chats.start(name: name, phone: phone, routed: false)
            _ = try await chats.postFromCustomer(chat, text: lines[0])
            chat = try await chats.take(chat, by: colleague)
            _ = try await chats.postFromAgent(chat, text: "请您稍等，我为您查询一下。", by: colleague)
            for line in lines.dropFirst() { _ = try await chats.postFromCustomer(chat, text: line) }
            _ = try await chats.postFromAgent(chat, text: "已为您登记报修，师傅会在24小时内联系您。", by: colleague)
            chat = try await chats.end(chat, by: .agent, staff: colleague)
            _ = try await chats.rate(chat, score: rating)
        }
        var (open, _) = try await chats.start(name: "王先生", phone: "13812345678", routed: false)
        _ = try await chats.postFromCustomer(open, text: "我的订单显示已签收，但我没收到货")
        open = try await chats.take(open, by: agent)
        _ = try await chats.postFromCustomer(open, text: "订单号是 DD20261123001")
        for (name, text) in [("访客", "请问你们周末上门维修吗？"), ("孙女士", "发票抬头开错了，怎么重开？")] {
            let (waiting, _) = try await chats.start(name: name == "访客" ? nil : name, phone: nil, routed: false)
            _ = try await chats.postFromCustomer(waiting, text: text)
        }
        progress("在线客服 chats: 2 waiting, 1 open with 陈静, 2 ended and rated")
    }
}
