import Foundation

/// KB-10 / KB-11: the knowledge-base families (目录). The rulebook's `knowledge_base.catalogs` says which
/// of them an organization uses.
public enum KBCatalog: String, CaseIterable, Codable, Sendable {
    /// 信息库: business notices and tariff changes turned into unified wording (KB-05).
    case information
    /// 业务知识库
    case business
    /// 百科知识库
    case encyclopedia
    /// 生活专栏: agents' literature, drawings and handicraft (KB-11).
    case life
}

/// The editing flow of an entry (知识库维护流程, KB-07): the business notice is received (`received`), the
/// center director reads it (→ `drafting`), the editors write the unified wording and submit it to the
/// issuing department (`confirming`, KB-05), which confirms it (`confirmed`) or sends it back (`drafting`);
/// then it is published (`published`, KB-06). A published entry that is changed goes back to `drafting`
/// while its published version stays live; withdrawing takes it out of service (`withdrawn`).
public enum KBEntryState: String, CaseIterable, Codable, Sendable {
    case received, drafting, confirming, confirmed, published, withdrawn
}

/// The actions of the editing flow.
public enum KBAction: String, CaseIterable, Codable, Sendable {
    /// 报中心主任阅: the director has read the notice.
    case read
    /// 下发文件部门确认: send the wording to the issuing department.
    case submit
    /// 录入知识库
    case publish
    /// 删除 (recording the end time, KB-08): out of service, kept in history.
    case withdraw
}

/// The rules of the editing flow, apart from storage.
public enum KBPolicy {
    /// KB-05: the rulebook key of the confirmation by the issuing department.
    public static let confirmRule = "knowledge_base.confirm_by"
    /// KB-07: the rulebook key of the director's reading of the notice.
    public static let readRule = "knowledge_base.notice_reader"
    /// KB-10 / KB-11
    public static let catalogRule = "knowledge_base.catalogs"

    /// The state after `action`; an action the state does not allow → 409. Publishing before the issuing
    /// department confirmed → 422 (KB-05), whatever the state.
    public static func next(after action: KBAction, from state: KBEntryState, hasLiveVersion: Bool) throws -> KBEntryState {
        switch (action, state) {
        case (.read, .received): return .drafting
        case (.submit, .drafting): return .confirming
        case (.publish, .confirmed): return .published
        case (.publish, .received), (.publish, .drafting), (.publish, .confirming):
            throw DomainError.ruleViolation(rule: confirmRule, reason: "rule.kb.confirmation_required")
        case (.withdraw, _) where hasLiveVersion: return .withdrawn
        default: throw DomainError.invalidTransition(from: state.rawValue, to: action.rawValue)
        }
    }

    /// The state after the issuing department decided the wording.
    public static func afterConfirmation(approved: Bool) -> KBEntryState { approved ? .confirmed : .drafting }

    /// KB-08: the wording is in force from `from` (nil: from publication) until before `to` (nil: open end).
    public static func checkPeriod(from: Date?, to: Date?) throws {
        if let from, let to, to <= from { throw DomainError.validation(fields: ["effective_to": "error.kb.effective_to_before_from"]) }
    }

    /// KB-08: whether a published version is in force at `now`.
    public static func isInForce(from: Date?, to: Date?, at now: Date) -> Bool {
        (from.map { $0 <= now } ?? true) && (to.map { now < $0 } ?? true)
    }
}
