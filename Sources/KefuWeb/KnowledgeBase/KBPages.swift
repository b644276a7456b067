import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Leaf contexts of the knowledge-base pages, every label resolved in the reader's language.
enum KBPages {
    struct Row: Encodable {
        let id: UUID, number: String, title: String, catalog: String, state: String, stateKey: String, inForce: Bool, unread: Bool, answer: String
    }

    struct Tab: Encodable { let label: String; let href: String; let active: Bool }

    struct ListPage: Encodable {
        let shell: PageShell
        let heading: String
        let query: String
        let tabs: [Tab]
        let states: [Tab]
        let rows: [Row]
        let canEdit: Bool
        let nextHref: String?
    }

    struct Version: Encodable { let revision: Int; let title: String; let question: String; let answer: String; let period: String; let publishedAt: String; let endedAt: String? }
    struct Document: Encodable { let id: UUID; let filename: String; let size: Int }

    struct Can: Encodable { var edit = false, attach = false, read = false, submit = false, publish = false, withdraw = false, acknowledge = false }

    struct EntryPage: Encodable {
        let shell: PageShell
        let id: UUID, number: String, title: String, question: String, answer: String, catalog: String, catalogKey: String
        let state: String, stateKey: String, version: Int
        let department: String?, noticeRef: String?, noticeSummary: String?, period: String
        let readBy: String?, approval: String?, approvalID: UUID?
        let live: Version?, inForce: Bool, unread: Bool, readCount: Int?
        let versions: [Version], documents: [Document], can: Can
        let form: [String: String], catalogs: [SelectOption], departments: [SelectOption]
    }

    static func period(_ from: Date?, _ to: Date?, _ req: Request) -> String {
        let start = from.map { DisplayTime.format($0, req) } ?? req.t("kb.from_publication")
        let end = to.map { DisplayTime.format($0, req) } ?? req.t("kb.open_end")
        return "\(start) — \(end)"
    }

    static func rows(_ records: [KBEntryRecord], req: Request) async throws -> [Row] {
        let staff = try req.requireStaff()
        let responses = try await KBEntryResponse.page(records, reader: staff.id, db: req.db, now: req.services.now())
        return responses.map { r in
            Row(id: r.id, number: r.number, title: r.live?.title ?? r.title, catalog: req.t("kb.catalog.\(r.catalog)"),
                state: req.t("kb.state.\(r.state)"), stateKey: r.state, inForce: r.inForce, unread: r.unread, answer: r.live?.answer ?? r.answer)
        }
    }

    static func date(_ value: Date?) -> String {
        guard let value else { return "" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: value)
    }

    static func entryPage(_ record: KBEntryRecord, req: Request, flashError: String?, form: [String: String]? = nil) async throws -> EntryPage {
        let staff = try req.requireStaff()
        let repository = KBRepository(db: req.db)
        let rules = req.services.rulebook.knowledgeBase
        let response = try await KBAPIController.response(record, req: req)
        let versions = try await repository.versions(of: record.id!)
        let departments = try await OrganizationRepository(db: req.db).departments()
        let names = try await CasePeople.names(of: [record.readBy].compactMap { $0 }, db: req.db)
        func version(_ v: KBEntryVersionRecord) -> Version {
            Version(revision: v.revision, title: v.title, question: v.question, answer: v.answer, period: period(v.effectiveFrom, v.effectiveTo, req),
                    publishedAt: DisplayTime.format(v.publishedAt, req), endedAt: v.endedAt.map { DisplayTime.format($0, req) })
        }
        let state = KBEntryState(rawValue: record.state) ?? .received
        let edit = staff.has(.kbEdit)
        var can = Can()
        can.edit = edit && state != .confirming
        can.attach = edit
        can.read = state == .received && (staff.roles.contains(rules.noticeReader) || staff.roles.contains(.admin))
        can.submit = edit && state == .drafting
        can.publish = edit && state == .confirmed
        can.withdraw = edit && record.liveRevision != nil
        can.acknowledge = response.unread
        let catalog = record.catalog
        return EntryPage(
            shell: PageShell(req, title: record.title, flashError: flashError),
            id: record.id!, number: record.number, title: record.title, question: record.question, answer: record.answer,
            catalog: req.t("kb.catalog.\(catalog)"), catalogKey: catalog, state: req.t("kb.state.\(record.state)"), stateKey: record.state,
            version: record.version, department: record.issuingDepartmentID.flatMap { id in departments.first { $0.id == id }?.name },
            noticeRef: record.noticeRef, noticeSummary: record.noticeSummary, period: period(record.effectiveFrom, record.effectiveTo, req),
            readBy: record.readAt.map { "\(record.readBy.flatMap { names[$0] } ?? "") \(DisplayTime.format($0, req))" },
            approval: record.approvalState.map { req.t("approval.state.\($0)") }, approvalID: record.approvalID,
            live: versions.first { $0.revision == record.liveRevision }.map(version), inForce: response.inForce, unread: response.unread,
            readCount: edit ? try await record.liveRevision.asyncMap { try await repository.readCount(entryID: record.id!, revision: $0) } : nil,
            versions: versions.map(version),
            documents: try await repository.documents(of: record.id!).map { Document(id: $0.id!, filename: $0.filename, size: $0.size) },
            can: can,
            form: form ?? ["title": record.title, "question": record.question, "answer": record.answer, "notice_ref": record.noticeRef ?? "",
                           "notice_summary": record.noticeSummary ?? "", "effective_from": date(record.effectiveFrom), "effective_to": date(record.effectiveTo),
                           "catalog": catalog, "issuing_department_id": record.issuingDepartmentID?.uuidString ?? ""],
            catalogs: catalogOptions(req, chosen: form?["catalog"] ?? catalog),
            departments: departmentOptions(departments, chosen: form?["issuing_department_id"] ?? record.issuingDepartmentID?.uuidString ?? "", req: req))
    }

    static func catalogOptions(_ req: Request, chosen: String?) -> [SelectOption] {
        req.services.rulebook.knowledgeBase.catalogs.map { SelectOption(value: $0.rawValue, label: req.t("kb.catalog.\($0.rawValue)"), selected: $0.rawValue == chosen) }
    }

    static func departmentOptions(_ departments: [DepartmentRecord], chosen: String, req: Request) -> [SelectOption] {
        [SelectOption(value: "", label: req.t("kb.no_department"))]
            + departments.map { SelectOption(value: $0.id!.uuidString, label: $0.name, selected: $0.id!.uuidString == chosen) }
    }
}
