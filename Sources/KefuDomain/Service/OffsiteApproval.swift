/// State of the off-site service application (異地服務申請) of a job (SRV-11).
///
/// WHY: off-site service costs travel and allowances (SRV-12), so it needs approval before
/// anyone is sent; on-site jobs need no application at all.
public enum OffsiteApproval: String, Codable, CaseIterable, Sendable {
    case notRequired = "not_required"
    case pending
    case approved
    case rejected
}
