import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// A case with its persons and entries, as one unit of reading and acting.
struct AccountabilityFile {
    let record: AccountabilityCaseRecord
    let persons: [AccountabilityPersonRecord]
    let entries: [AccountabilityEntryRecord]

    var personIDs: Set<UUID> { Set(persons.map(\.userID)) }

    func isPerson(_ id: UUID) -> Bool { personIDs.contains(id) }

    func entries(_ kind: String) -> [AccountabilityEntryRecord] { entries.filter { $0.kind == kind } }

    static func load(_ record: AccountabilityCaseRecord, db: any Database) async throws -> AccountabilityFile {
        let repository = AccountabilityRepository(db: db)
        return AccountabilityFile(record: record, persons: try await repository.persons(of: [record.id!]),
                                  entries: try await repository.entries(of: [record.id!]))
    }

    /// A page of cases with their persons and entries in two queries (no N+1).
    static func load(_ records: [AccountabilityCaseRecord], db: any Database) async throws -> [AccountabilityFile] {
        let ids = records.compactMap(\.id)
        let repository = AccountabilityRepository(db: db)
        let persons = Dictionary(grouping: try await repository.persons(of: ids), by: \.caseID)
        let entries = Dictionary(grouping: try await repository.entries(of: ids), by: \.caseID)
        return records.map { AccountabilityFile(record: $0, persons: persons[$0.id!] ?? [], entries: entries[$0.id!] ?? []) }
    }
}

/// Who may see and do what in accountability (REQUIREMENTS §20, §25). Managers (`accountability.manage`)
/// open and decide cases — center-wide roles see every case, a department's manager the cases of their
/// department and those they opened. The reviewer role of the rulebook (`accountability.appeal_to`,
/// read at request time) sees every case and reviews appeals. Anyone sees the cases they are held to
/// account in or investigate; any other case is "not found", so its existence is not revealed.
struct AccountabilityViewer {
    let staff: StaffUser
    let rules: AccountabilityRules

    var isManager: Bool { staff.has(.accountabilityManage) }
    var isReviewer: Bool { staff.roles.contains(rules.appealTo) }
    var seesAll: Bool { isReviewer || (isManager && DataScope.of(roles: staff.roles, leadsTeam: false) == .all) }

    func canRead(_ file: AccountabilityFile) -> Bool {
        if seesAll || file.isPerson(staff.id) || file.record.investigatorID == staff.id || file.record.openedBy == staff.id { return true }
        return isManager && staff.departmentID != nil && file.record.departmentID == staff.departmentID
    }

    /// Manages this case: a manager who may read it and is not one of the persons held to account.
    func manages(_ file: AccountabilityFile) -> Bool { isManager && canRead(file) && !file.isPerson(staff.id) }

    /// The list filter for this reader (nil: every case).
    func visibility(db: any Database) async throws -> AccountabilityRepository.Visibility? {
        if seesAll { return nil }
        let own = try await AccountabilityRepository(db: db).caseIDs(ofPerson: staff.id)
        return .init(userID: staff.id, departmentID: isManager ? staff.departmentID : nil, ownCaseIDs: own)
    }

    /// The case if this reader may see it; otherwise not found.
    func readable(_ id: UUID, db: any Database) async throws -> AccountabilityFile {
        guard let record = try await AccountabilityRepository(db: db).find(id) else { throw DomainError.notFound(subject: "accountability_case") }
        let file = try await AccountabilityFile.load(record, db: db)
        guard canRead(file) else { throw DomainError.notFound(subject: "accountability_case") }
        return file
    }
}
