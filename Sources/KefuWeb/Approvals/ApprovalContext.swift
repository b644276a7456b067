import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import Vapor

/// What an approver must read to decide an approval without leaving the page (the amount and what it is
/// for, the case and its customer, the dates of a leave, the room and time of a booking …), in words, in
/// the reader's language and the organization's time zone. Each module that starts approvals says what its
/// subject looks like by registering an `ApprovalContexts` loader, the way it registers its outcome handler.
struct ApprovalContext: Sendable {
    /// One line that names the subject: "事假 · 张三 · 12月8日–12月9日".
    var summary: String
    /// Label and value pairs under the summary: 金额, 处理方式, 工单, 客户 …
    var facts: [ApprovalFact] = []
    /// The whole context fits the inbox row (leave, shift swaps, room bookings): it may be decided there.
    var decidableInRow = false
    /// The subject as the object of a sentence, for the confirmation after deciding: "张三 12月8日–12月9日 的事假".
    var object: String
    /// The band of an amount or length table that chose the approver, in words ("不少于1000元、不超过5000元").
    var band: String?
    /// The module's own page of the subject, for what does not fit here (documents, the full case).
    var link: String?
    /// Set by a module whose guard narrows the step beyond role and department (SWP-02: only that party's
    /// team leader): who really decides, in words, and whether the reader is that person.
    var decidedOnlyBy: String?
    var readerMayDecide = true
}

struct ApprovalFact: Encodable, Sendable {
    let label: String
    let value: String
}

/// Who asks for contexts, and for which page.
struct ApprovalContextRequest {
    let req: Request
    /// The approval's own page (one approval): a customer's number may be shown in full to whoever may see
    /// it (SEC-01..03), and that read is logged as every full read is. Lists (the inbox) always mask it.
    let detail: Bool

    var db: any Database { req.db }
    var services: AppServices { req.services }
    func t(_ key: String, _ arguments: [String] = []) -> String { req.t(key, arguments) }
}

/// The modules' context loaders by subject type. A loader receives the approvals of one page that share its
/// subject type and returns their contexts by approval id, reading its subjects in a bounded number of
/// queries whatever the page size (the inbox shows 50 rows: no query per row).
public struct ApprovalContexts: Sendable {
    typealias Loader = @Sendable ([Approval], ApprovalContextRequest) async throws -> [UUID: ApprovalContext]
    private var loaders: [String: Loader] = [:]

    public init() {}

    mutating func register(subjectType: String, _ loader: @escaping Loader) { loaders[subjectType] = loader }

    func loader(for subjectType: String) -> Loader? { loaders[subjectType] }
}

extension Application {
    private struct ApprovalContextsKey: StorageKey { typealias Value = ApprovalContexts }

    /// Presentation, not a rule: kept beside the application (set up in `configure`), not in `AppServices`.
    public var approvalContexts: ApprovalContexts {
        get { storage[ApprovalContextsKey.self] ?? ApprovalContexts() }
        set { storage[ApprovalContextsKey.self] = newValue }
    }
}
