/// Case types of API.md (CHN-07 plus redemption, CHN-25, and service requests, SRV).
public enum CaseType: String, CaseIterable, Codable, Sendable {
    case consultation, query, complaint, suggestion
    case faultReport = "fault_report"
    case serviceRequest = "service_request"
    case proactive
    case tariffDispute = "tariff_dispute"
    case redemption, other

    /// CHN-17: the service queue a case type belongs to — complaint CS (投诉客服), order CS (订单客服:
    /// service requests and redemptions) or general CS (客服) for everything else.
    /// NOTE: the source names the three queues but not the mapping; this is the suggested default.
    public var queue: CaseQueue {
        switch self {
        case .complaint, .tariffDispute: .complaint
        case .serviceRequest, .redemption: .order
        default: .general
        }
    }
}

/// The three service queues of CHN-17.
public enum CaseQueue: String, CaseIterable, Codable, Sendable {
    case general, order, complaint
}

/// Channels a case arrives by (CHN-01..05): phone, visit, web, chat, WeChat, QQ, letter, email.
public enum CaseChannel: String, CaseIterable, Codable, Sendable {
    case phone, visit, web, chat, wechat, qq, letter, email
}

public enum CasePriority: String, CaseIterable, Codable, Sendable {
    case low, normal, high, urgent
}

/// The status machine of API.md: `new → assigned → in_progress ⇄ pending_customer → resolved → closed`,
/// `reopen` from resolved or closed.
public enum CaseStatus: String, CaseIterable, Codable, Sendable {
    case new, assigned
    case inProgress = "in_progress"
    case pendingCustomer = "pending_customer"
    case resolved, closed

    /// Open cases still need work (they sit in queues and backlogs, CHN-14).
    public var isOpen: Bool { self != .resolved && self != .closed }
}
