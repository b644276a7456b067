/// Wire format of an outbound webhook endpoint.
public enum WebhookFormat: String, CaseIterable, Codable, Sendable {
    /// Kefu's own flat JSON document.
    case generic
    /// 企业微信 (WeCom) group robot, markdown message.
    case wecom
    /// 钉钉 (DingTalk) group robot, markdown message.
    case dingtalk
}
