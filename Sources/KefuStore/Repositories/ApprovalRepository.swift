import FluentKit
import Foundation
import KefuDomain

public struct ApprovalRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func insert(_ approval: Approval) async throws {
        try await db.transaction { db in
            try await ApprovalRecord(approval).create(on: db)
            try await approval.steps.map { ApprovalStepRecord($0, approvalID: approval.id, at: approval.createdAt) }.create(on: db)
        }
    }

    public func find(_ id: UUID) async throws -> Approval? {
        guard let record = try await ApprovalRecord.find(id, on: db) else { return nil }
        let steps = try await ApprovalStepRecord.query(on: db).filter(\.$approvalID == id).all()
        return try record.toDomain(steps: steps)
    }

    /// Saves a decided approval; `expectedVersion` is the version it was loaded with (stale → 409).
    public func save(_ approval: Approval, expectedVersion: Int) async throws {
        // The version claim and the rows change together or not at all.
        try await db.transaction { db in
            guard let record = try await ApprovalRecord.find(approval.id, on: db) else {
                throw DomainError.notFound(subject: "approval")
            }
            try await VersionGuard.claim(db, table: ApprovalRecord.schema, id: approval.id, expected: expectedVersion)
            record.update(from: approval)
            try await record.save(on: db)
            let steps = try await ApprovalStepRecord.query(on: db).filter(\.$approvalID == approval.id).all()
            for row in steps {
                guard let step = approval.steps.first(where: { $0.position == row.position }) else { continue }
                row.update(from: step)
                if row.hasChanges { try await row.save(on: db) }
            }
        }
    }

    /// What a list filter asks for.
    public struct Filter: Sendable {
        public var state: ApprovalState?
        /// Only approvals whose pending step is addressed to one of these roles (the inbox).
        public var pendingRoles: [Role]?
        public var departmentID: UUID?
        public var requestedBy: UUID?
        /// The inbox leaves out the caller's own requests: nobody decides their own.
        public var excludingRequester: UUID?
        /// Only approvals of one kind (the leave page links to the leave approvals waiting for the reader).
        public var subjectType: String?

        public init(state: ApprovalState? = nil, pendingRoles: [Role]? = nil, departmentID: UUID? = nil,
                    requestedBy: UUID? = nil, excludingRequester: UUID? = nil, subjectType: String? = nil) {
            self.state = state; self.pendingRoles = pendingRoles; self.departmentID = departmentID
            self.requestedBy = requestedBy; self.excludingRequester = excludingRequester; self.subjectType = subjectType
        }
    }

    /// Newest first, keyset-paginated; steps loaded in one query for the whole page (no N+1).
    public func list(_ filter: Filter, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<Approval> {
        var query = ApprovalRecord.query(on: db)
        if let state = filter.state { query = query.filter(\.$state == state.rawValue) }
        if let roles = filter.pendingRoles {
            // Bounded: a user holds at most Role.allCases.count roles.
            query = query.filter(\.$pendingRole ~~ roles.map(\.rawValue))
            query = query.group(.or) { group in
                group.filter(\.$pendingDepartmentID == nil)
                if let department = filter.departmentID { group.filter(\.$pendingDepartmentID == department) }
            }
        }
        if let requester = filter.requestedBy { query = query.filter(\.$requestedBy == requester) }
        if let excluded = filter.excludingRequester { query = query.filter(\.$requestedBy != excluded) }
        if let subjectType = filter.subjectType { query = query.filter(\.$subjectType == subjectType) }
        if let cursor {
            let at = try Cursor.date(cursor.key)
            query = query.group(.or) { group in
                group.filter(\.$createdAt < at).group(.and) { $0.filter(\.$createdAt == at).filter(\.$id < cursor.id) }
            }
        }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let pageRows = Array(rows.prefix(limit))
        let ids = pageRows.compactMap(\.id)
        let steps = ids.isEmpty ? [] : try await ApprovalStepRecord.query(on: db).filter(\.$approvalID ~~ ids).all()
        let grouped = Dictionary(grouping: steps, by: \.approvalID)
        let items = try pageRows.map { try $0.toDomain(steps: grouped[$0.id!] ?? []) }
        let next = rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.createdAt), id: $0.id).encoded } : nil
        return KeysetPage(items: items, nextCursor: next)
    }

    public func latest(subjectType: String, subjectID: UUID) async throws -> Approval? {
        guard let record = try await ApprovalRecord.query(on: db).filter(\.$subjectType == subjectType)
            .filter(\.$subjectID == subjectID).sort(\.$createdAt, .descending).first(), let id = record.id else { return nil }
        let steps = try await ApprovalStepRecord.query(on: db).filter(\.$approvalID == id).all()
        return try record.toDomain(steps: steps)
    }
}
