import Foundation

/// CMP-04: a complaint is about quality (质量) or not (非质量: transport, handling …).
public enum ComplaintCategory: String, CaseIterable, Codable, Sendable {
    case quality
    case nonQuality = "non_quality"
}

/// CMP-18 / API.md: how a complaint is settled.
public enum ComplaintSettlementMethod: String, CaseIterable, Codable, Sendable {
    case discount, compensation
    case returnGoods = "return"
    case reprocess
    case notEstablished = "not_established"
}

/// The settlement decision's approval state (none until a decision is posted).
public enum ComplaintDecisionState: String, CaseIterable, Codable, Sendable {
    case none, pending, approved, rejected, withdrawn
}
