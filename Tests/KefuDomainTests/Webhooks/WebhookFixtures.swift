import Foundation
import Testing
@testable import KefuDomain

enum Fixtures {
    static let subjectID = UUID(uuidString: "3F2504E0-4F89-11D3-9A0C-0305E82C3301")!
    /// 2024-05-01T08:00:00Z
    static let occurredAt = Date(timeIntervalSince1970: 1_714_550_400)

    static func event(
        title: String = "工单已分配给 张三",
        detail: String? = "请在 30 分钟内响应",
        link: String? = "https://kefu.example.cn/cases/42"
    ) -> WebhookEvent {
        WebhookEvent(
            kind: "case.assigned", occurredAt: occurredAt, subjectType: "case",
            subjectID: subjectID, title: title, detail: detail, link: link
        )
    }

    static func string(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
