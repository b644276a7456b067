import Foundation

/// The phrase library's categories (REQUIREMENTS §27.2, PHR; KB-14 统一客服话术). The three return-visit
/// branches follow RTV-12 / PHR-25..27.
public enum PhraseCategory: String, CaseIterable, Codable, Sendable {
    case greeting, confirm, waiting, transfer, apology, closing
    case returnVisitSatisfied = "return_visit_satisfied"
    case returnVisitAverage = "return_visit_average"
    case returnVisitUnsatisfied = "return_visit_unsatisfied"
}

/// A phrase as the library shows it: a built-in default (possibly edited) or an editor's own.
public struct Phrase: Equatable, Sendable {
    /// Stable key: a default's name, or `custom.<uuid>`.
    public var key: String
    public var category: PhraseCategory
    /// The template: `{organization}` is the organization's name (C20), `{agent}` the agent's name.
    public var text: String
    public var position: Int
    public var active: Bool
    public var isDefault: Bool
    public var version: Int

    public init(key: String, category: PhraseCategory, text: String, position: Int, active: Bool = true, isDefault: Bool, version: Int = 1) {
        self.key = key; self.category = category; self.text = text; self.position = position
        self.active = active; self.isDefault = isDefault; self.version = version
    }

    /// C20: the template with the organization's name (and the agent's, when known) filled in.
    public func rendered(organization: String, agent: String? = nil) -> String {
        text.replacingOccurrences(of: "{organization}", with: organization)
            .replacingOccurrences(of: "{agent}", with: agent ?? "")
    }
}

/// The default phrases (PHR-01..27), in simplified Chinese, with the organization's own greeting (C20).
public enum PhraseDefaults {
    public static let all: [Phrase] = {
        let rows: [(String, PhraseCategory, String)] = [
            ("greeting_phone", .greeting, "您好，这里是{organization}，请问有什么可以帮您？"),
            ("greeting_online", .greeting, "您好，{organization}为您服务，请问有什么可以帮您！"),
            ("greeting_silent", .greeting, "您好！{organization}为您服务，请问有什么可以帮到您？"),
            ("confirm_details", .confirm, "您好，与您核对信息，请您确认。"),
            ("confirm_contact", .confirm, "麻烦您留一下您的联系电话好吗？"),
            ("waiting_lookup", .waiting, "请稍等，我为您查一下。"),
            ("waiting_thanks", .waiting, "感谢您的耐心等待，让您久等了。"),
            ("transfer_department", .transfer, "请您稍等，我为您转接相关部门的同事为您处理。"),
            ("transfer_supervisor", .transfer, "很抱歉，您是否可以留下您的电话，由我们的主管与您直接联系处理，好吗？"),
            ("apology_result", .apology, "非常抱歉，给您带来了麻烦，我们核实后会在约定时间内把处理的结果反馈给您，好吗？"),
            ("apology_understand", .apology, "您的心情我能理解，我尽快想办法给您解决，好吗？请您相信我们。"),
            ("closing_anything_else", .closing, "请问还有什么可以帮您的吗？感谢您的来电，再见！"),
            ("closing_callback", .closing, "我们的工作人员会尽快给您回复的，感谢您的来电，再见！"),
            ("return_visit_satisfied_ask", .returnVisitSatisfied, "您对我们的服务有什么建议吗？"),
            ("return_visit_satisfied_close", .returnVisitSatisfied,
             "感谢您的答复，您如果需要什么帮助，可随时跟我们取得联系，祝您工作愉快，再见！"),
            ("return_visit_average_ask", .returnVisitAverage, "能否告诉我您觉得哪方面还不够好？我们应改进哪方面的工作？"),
            ("return_visit_average_close", .returnVisitAverage,
             "非常谢谢您的反映，这一点我们的确做得不够，我们很快就会有改进的，望您监督，祝您工作愉快，再见！"),
            ("return_visit_unsatisfied_ask", .returnVisitUnsatisfied, "能否告诉我您对哪方面不满意吗？"),
            ("return_visit_unsatisfied_close", .returnVisitUnsatisfied,
             "非常谢谢您的反映，这一点我们的确做得不够，我们很快就会有改进的，望您监督，祝您工作愉快，再见！"),
        ]
        return rows.enumerated().map { index, row in
            Phrase(key: row.0, category: row.1, text: row.2, position: (index + 1) * 10, isDefault: true)
        }
    }()

    public static func find(_ key: String) -> Phrase? { all.first { $0.key == key } }
}
