import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The knowledge-base panel of the case page (KB-06): search the published wording in force while on the
/// phone (`?kb_q=`, a plain GET form), record which entry answered the case, and list those recorded.
struct KBCasePanel: Encodable {
    struct Hit: Encodable { let id: UUID; let number: String; let title: String; let question: String; let answer: String; let catalog: String }
    struct Used: Encodable { let id: UUID; let title: String; let revision: Int; let at: String }

    let query: String
    let searched: Bool
    let hits: [Hit]
    let used: [Used]
    let canUse: Bool

    static func build(for record: CaseRecord, canAct: Bool, req: Request) async throws -> KBCasePanel {
        let query = String((req.query[String.self, at: "kb_q"] ?? "").prefix(200)).trimmingCharacters(in: .whitespacesAndNewlines)
        var hits: [Hit] = []
        if !query.isEmpty, let search = KBSearchIndex(db: req.db).filter(matching: query) {
            let filter = KBRepository.Filter(inForceAt: req.services.now(), search: search)
            let page = try await KBRepository(db: req.db).list(filter, after: nil, limit: 10)
            let live = try await KBRepository(db: req.db).liveVersions(of: page.items)
            hits = page.items.compactMap { entry in
                live[entry.id!].map { Hit(id: entry.id!, number: entry.number, title: $0.title, question: $0.question, answer: $0.answer,
                                          catalog: req.t("kb.catalog.\($0.catalog)")) }
            }
        }
        let used = try await KBAPIController.uses(caseID: record.id!, db: req.db).map {
            Used(id: $0.entryID, title: $0.title, revision: $0.revision, at: DisplayTime.format($0.usedAt, req))
        }
        return KBCasePanel(query: query, searched: !query.isEmpty, hits: hits, used: used, canUse: canAct && req.staff?.has(.kbRead) == true)
    }
}
