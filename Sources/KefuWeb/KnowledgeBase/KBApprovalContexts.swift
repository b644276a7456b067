import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// What the issuing department reads when it confirms a knowledge-base wording (KB-05): the entry, the
/// notice it comes from, and the question and answer as they would be published.
enum KBApprovalContexts {
    static func register(in contexts: inout ApprovalContexts) {
        contexts.register(subjectType: KBEntries.confirmationSubject, confirmations)
    }

    @Sendable static func confirmations(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let rows = try await KBEntryRecord.query(on: asking.db).filter(\.$id ~~ approvals.map(\.subjectID)).all()
        let byID = Dictionary(rows.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let entry = byID[approval.subjectID] else { continue }
            var facts = [ApprovalFact(label: asking.t("kb.entry_title"), value: "\(entry.number) \(entry.title)")]
            if let notice = [entry.noticeRef, entry.noticeSummary].compactMap({ $0 }).joined(separator: " ").nilIfBlank {
                facts.append(ApprovalFact(label: asking.t("kb.notice_ref"), value: notice))
            }
            facts.append(ApprovalFact(label: asking.t("kb.question"), value: entry.question))
            facts.append(ApprovalFact(label: asking.t("kb.answer"), value: entry.answer))
            contexts[approval.id] = ApprovalContext(
                summary: "\(entry.number) \(entry.title)", facts: facts,
                object: asking.t("approvals.kb.object", [entry.number, entry.title]), link: "/kb/\(entry.id!)")
        }
        return contexts
    }
}
