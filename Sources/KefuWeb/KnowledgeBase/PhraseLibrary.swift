import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The phrase library (话术库, REQUIREMENTS §27.2 PHR, KB-14): the built-in defaults merged with the
/// editors' changes and own phrases. `phrases(in:)` is the small query other pages use (the new-case page's
/// hints; the return-visit page's satisfied / average / unsatisfied branches, RTV-12).
struct PhraseLibrary {
    let db: any Database
    let services: AppServices

    /// The organization's name that fills `{organization}` (C20).
    var organization: String { services.rulebook.organization.name }

    /// Every phrase, defaults first edited by their override, then the editors' own, by category and position.
    func all(includeRetired: Bool = false) async throws -> [Phrase] {
        let edits = try await KBRepository(db: db).phraseEdits()
        let byKey = Dictionary(edits.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var phrases = PhraseDefaults.all.map { phrase in byKey[phrase.key].map { Self.phrase($0, isDefault: true) } ?? phrase }
        phrases += edits.filter { PhraseDefaults.find($0.key) == nil }.map { Self.phrase($0, isDefault: false) }
        let order = Dictionary(uniqueKeysWithValues: PhraseCategory.allCases.enumerated().map { ($1, $0) })
        return phrases.filter { includeRetired || $0.active }
            .sorted { (order[$0.category]!, $0.position, $0.key) < (order[$1.category]!, $1.position, $1.key) }
    }

    /// The active phrases of the given categories, in library order.
    func phrases(in categories: [PhraseCategory]) async throws -> [Phrase] {
        try await all().filter { categories.contains($0.category) }
    }

    /// The phrases of `categories` as text ready to say, with the organization's and the agent's names filled in.
    func rendered(_ categories: [PhraseCategory], agent: String? = nil) async throws -> [String] {
        try await phrases(in: categories).map { $0.rendered(organization: organization, agent: agent) }
    }

    static func phrase(_ r: PhraseRecord, isDefault: Bool) -> Phrase {
        Phrase(key: r.key, category: PhraseCategory(rawValue: r.category) ?? .greeting, text: r.text, position: r.position,
               active: r.active, isDefault: isDefault, version: r.version)
    }

    // MARK: Editing (kb.edit)

    struct Input: Content {
        var category: PhraseCategory?
        var text: String?
        var position: Int?
        var active: Bool?
        var version: Int?
    }

    func create(_ input: Input, by staff: StaffUser) async throws -> Phrase {
        var errors = FieldErrors()
        let category = errors.require(input.category, "category")
        let text = errors.text(input.text, "text", limit: 500)
        if let position = input.position, !(0...100_000).contains(position) { errors.add("position", "error.field.invalid_value") }
        try errors.check()
        let record = PhraseRecord()
        record.id = services.newID(); record.key = "custom.\(record.id!.uuidString.lowercased())"; record.category = category!.rawValue
        record.text = text; record.position = input.position ?? 1_000; record.active = input.active ?? true
        record.updatedBy = staff.id; record.updatedAt = services.now(); record.version = 1
        try await save(record, staff: staff, action: "phrase.created")
        return Self.phrase(record, isDefault: false)
    }

    /// Changes a phrase (a default's first change stores its override); `active: false` retires it.
    func update(_ key: String, _ input: Input, by staff: StaffUser) async throws -> Phrase {
        var errors = FieldErrors()
        let text = input.text.map { errors.text($0, "text", limit: 500) }
        if let position = input.position, !(0...100_000).contains(position) { errors.add("position", "error.field.invalid_value") }
        try errors.check()
        let existing = try await KBRepository(db: db).phraseEdit(key: key)
        guard let base = existing.map({ Self.phrase($0, isDefault: PhraseDefaults.find(key) != nil) }) ?? PhraseDefaults.find(key) else {
            throw DomainError.notFound(subject: "phrase")
        }
        if let expected = input.version, expected != base.version { throw DomainError.staleVersion(current: base.version) }
        let record = existing ?? PhraseRecord()
        if existing == nil { record.id = services.newID(); record.key = key }
        record.category = (input.category ?? base.category).rawValue
        record.text = text ?? base.text
        record.position = input.position ?? base.position
        record.active = input.active ?? base.active
        record.updatedBy = staff.id; record.updatedAt = services.now(); record.version = base.version + 1
        try await save(record, staff: staff, action: "phrase.updated")
        return Self.phrase(record, isDefault: PhraseDefaults.find(key) != nil)
    }

    private func save(_ record: PhraseRecord, staff: StaffUser, action: String) async throws {
        try await db.transaction { db in
            try await KBRepository(db: db).save(record)
            try await AuditRepository(db: db).append(AuditEntry(
                at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: "phrase",
                subjectID: record.id!, summary: "\(record.key) \(record.category)", rulebookVersion: services.rulebook.versionShort))
        }
    }
}

struct PhraseResponse: Content {
    let id: String, category: String, text: String, rendered: String, position: Int, active: Bool, isDefault: Bool, version: Int

    enum CodingKeys: String, CodingKey {
        case id, category, text, rendered, position, active, version
        case isDefault = "default"
    }

    init(_ p: Phrase, organization: String) {
        id = p.key; category = p.category.rawValue; text = p.text; rendered = p.rendered(organization: organization)
        position = p.position; active = p.active; isDefault = p.isDefault; version = p.version
    }
}

/// `/api/v1/phrases`: the library for everyone with `kb.read`; editing for `kb.edit`.
struct PhrasesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let phrases = routes.grouped("api", "v1", "phrases")
        phrases.on(.GET, access: .permission(.kbRead), summary: "Phrase library (PHR, C20 greeting with the organization's name; ?category=)", use: list)
        phrases.on(.POST, access: .permission(.kbEdit), summary: "Add a phrase (KB-14)", request: PhraseLibrary.Input.self, use: create)
        phrases.on(.PATCH, ":key", access: .permission(.kbEdit), summary: "Change or retire (active=false) a phrase", request: PhraseLibrary.Input.self, use: update)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<PhraseResponse> {
        let library = PhraseLibrary(db: req.db, services: req.services)
        var phrases = try await library.all(includeRetired: req.staff?.has(.kbEdit) == true && req.query[String.self, at: "retired"] == "true")
        if let text = req.query[String.self, at: "category"] {
            guard let category = PhraseCategory(rawValue: text) else { throw DomainError.validation(fields: ["category": "error.field.invalid_value"]) }
            phrases = phrases.filter { $0.category == category }
        }
        return ListResponse(items: phrases.map { PhraseResponse($0, organization: library.organization) }, nextCursor: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let library = PhraseLibrary(db: req.db, services: req.services)
        let phrase = try await library.create(try req.content.decode(PhraseLibrary.Input.self), by: try req.requireStaff())
        return try await PhraseResponse(phrase, organization: library.organization).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> PhraseResponse {
        let library = PhraseLibrary(db: req.db, services: req.services)
        let key = try req.textParameter("key")
        var input = try req.content.decode(PhraseLibrary.Input.self)
        input.version = try req.expectedVersion(body: input.version)
        return PhraseResponse(try await library.update(key, input, by: try req.requireStaff()), organization: library.organization)
    }
}
