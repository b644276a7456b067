import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/leave-requests` and `/api/v1/shift-swaps` (API.md "Workforce", REQUIREMENTS §12 LV, §13 SWP).
/// Everyone files for themselves; lists are in the viewer's data scope (`scope=own` narrows to one's own);
/// the decisions happen on `/approvals`.
struct LeaveAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.on(.POST, "leave-requests", access: .authenticated, summary: "Request leave: notice rules, then the approval chain by length (LV-03..17)", request: CreateLeaveRequest.self, response: LeaveRequestResponse.self, status: .created, use: file)
        api.on(.GET, "leave-requests", access: .authenticated, summary: "Leave requests in one's scope (scope=own|team, state)", use: list)
        api.on(.GET, "leave-requests", "chain", access: .authenticated, summary: "Who would decide a leave of this type and dates (type, starts_at, ends_at; LV-07, LV-16)", response: LeaveChainResponse.self) { req in
            try await LeaveChainResponse.answer(req)
        }
        api.on(.GET, "leave-requests", "balance", access: .authenticated, summary: "Approved days per type in a year and the history (user_id, year)", use: balance)
        api.on(.GET, "leave-requests", ":id", access: .authenticated, summary: "One leave request", use: show)
        api.on(.POST, "leave-requests", ":id", "withdraw", access: .authenticated, summary: "Withdraw one's pending leave request", request: NoBody.self, use: withdraw)
        api.on(.POST, "leave-requests", ":id", "hand-in", access: .authenticated, summary: "Sick note / emergency paperwork handed in (LV-11/12, LV-22)", request: LeaveHandInRequest?.self, use: handIn)
        api.on(.POST, "shift-swaps", access: .authenticated, summary: "Request a shift swap (SWP-03..06, SWP-11); both team leaders approve (SWP-02)", request: CreateShiftSwapRequest.self, response: ShiftSwapResponse.self, status: .created, use: swap)
        api.on(.GET, "shift-swaps", access: .authenticated, summary: "Shift swaps in one's scope (scope=own)", use: swaps)
        api.on(.GET, "shift-swaps", ":id", access: .authenticated, summary: "One shift swap", use: showSwap)
        api.on(.POST, "shift-swaps", ":id", "withdraw", access: .authenticated, summary: "Withdraw one's pending swap", request: NoBody.self, use: withdrawSwap)
    }

    @Sendable func file(req: Request) async throws -> Response {
        let record = try await LeaveRequests(db: req.db, services: req.services).file(try req.content.decode(CreateLeaveRequest.self), by: try req.requireStaff())
        return try await response(record, req).encodeResponse(status: .created, for: req)
    }

    func response(_ record: LeaveRequestRecord, _ req: Request) async throws -> LeaveRequestResponse {
        LeaveRequestResponse(record, names: try await CasePeople.names(of: [record.userID], db: req.db))
    }

    @Sendable func list(req: Request) async throws -> ListResponse<LeaveRequestResponse> {
        let staff = try req.requireStaff()
        let queries = LeaveQueries(db: req.db, services: req.services)
        let (cursor, limit) = try req.pagination()
        let state = req.query[String.self, at: "state"]
        if let state, !["pending", "approved", "rejected", "withdrawn"].contains(state) { throw DomainError.validation(fields: ["state": "error.field.invalid_value"]) }
        let page = try await queries.leave(in: try await queries.scope(staff, own: req.query[String.self, at: "scope"] == "own"),
                                           state: state, after: cursor, limit: limit)
        let names = try await CasePeople.names(of: page.items.map(\.userID), db: req.db)
        return ListResponse(items: page.items.map { LeaveRequestResponse($0, names: names) }, nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> LeaveRequestResponse {
        try await response(try await Self.visible(req), req)
    }

    /// The request if the viewer may see it (404 otherwise, so ids outside one's scope stay unknown).
    static func visible(_ req: Request) async throws -> LeaveRequestRecord {
        let staff = try req.requireStaff()
        guard let record = try await LeaveRequestRecord.find(try WorkforceAPIController.id(req), on: req.db) else {
            throw DomainError.notFound(subject: "leave_request")
        }
        if record.filedBy == staff.id { return record }
        guard try await LeaveQueries(db: req.db, services: req.services).canSee(record.userID, staff: staff) else {
            throw DomainError.notFound(subject: "leave_request")
        }
        return record
    }

    @Sendable func withdraw(req: Request) async throws -> LeaveRequestResponse {
        try await response(try await LeaveRequests(db: req.db, services: req.services).withdraw(try WorkforceAPIController.id(req), by: try req.requireStaff()), req)
    }

    @Sendable func handIn(req: Request) async throws -> LeaveRequestResponse {
        let input = req.body.data == nil ? LeaveHandInRequest() : try req.content.decode(LeaveHandInRequest.self)
        return try await response(try await LeaveHandIn(db: req.db, services: req.services).handIn(try WorkforceAPIController.id(req), input, by: try req.requireStaff()), req)
    }

    struct BalanceResponse: Content {
        let userID: UUID, year: Int, approvedDays: [String: String], pending: Int, absenteeism: Int, history: [LeaveRequestResponse]
        enum CodingKeys: String, CodingKey {
            case year, pending, absenteeism, history
            case userID = "user_id", approvedDays = "approved_days"
        }
    }

    @Sendable func balance(req: Request) async throws -> BalanceResponse {
        let staff = try req.requireStaff()
        var userID = staff.id
        if let text = req.query[String.self, at: "user_id"] {
            guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: ["user_id": "error.field.invalid_value"]) }
            userID = id
        }
        let queries = LeaveQueries(db: req.db, services: req.services)
        guard try await queries.canSee(userID, staff: staff) else { throw DomainError.notFound(subject: "user") }
        let thisYear = req.services.rulebook.calendar.localDate(of: req.services.now()).year
        let year = req.query[Int.self, at: "year"] ?? thisYear
        guard (2000...2100).contains(year) else { throw DomainError.validation(fields: ["year": "error.field.invalid_value"]) }
        let balance = try await queries.balance(of: userID, year: year)
        let names = try await CasePeople.names(of: [userID], db: req.db)
        return BalanceResponse(userID: userID, year: year, approvedDays: balance.approvedDays.mapValues { "\($0)" }, pending: balance.pending,
                               absenteeism: balance.absenteeism, history: balance.history.map { LeaveRequestResponse($0, names: names) })
    }

    @Sendable func swap(req: Request) async throws -> Response {
        let record = try await ShiftSwaps(db: req.db, services: req.services).request(try req.content.decode(CreateShiftSwapRequest.self), by: try req.requireStaff())
        return try await swapResponse(record, req).encodeResponse(status: .created, for: req)
    }

    func swapResponse(_ record: ShiftSwapRecord, _ req: Request) async throws -> ShiftSwapResponse {
        ShiftSwapResponse(record, names: try await CasePeople.names(of: [record.requesterID, record.counterpartID], db: req.db))
    }

    @Sendable func swaps(req: Request) async throws -> ListResponse<ShiftSwapResponse> {
        let staff = try req.requireStaff()
        let queries = LeaveQueries(db: req.db, services: req.services)
        let (cursor, limit) = try req.pagination()
        let page = try await queries.swaps(in: try await queries.scope(staff, own: req.query[String.self, at: "scope"] == "own"), after: cursor, limit: limit)
        let names = try await CasePeople.names(of: page.items.flatMap { [$0.requesterID, $0.counterpartID] }, db: req.db)
        return ListResponse(items: page.items.map { ShiftSwapResponse($0, names: names) }, nextCursor: page.nextCursor)
    }

    static func visibleSwap(_ req: Request) async throws -> ShiftSwapRecord {
        let staff = try req.requireStaff()
        let queries = LeaveQueries(db: req.db, services: req.services)
        guard let record = try await ShiftSwapRecord.find(try WorkforceAPIController.id(req), on: req.db) else { throw DomainError.notFound(subject: "shift_swap") }
        if try await queries.canSee(record.requesterID, staff: staff) { return record }
        if try await queries.canSee(record.counterpartID, staff: staff) { return record }
        throw DomainError.notFound(subject: "shift_swap")
    }

    @Sendable func showSwap(req: Request) async throws -> ShiftSwapResponse {
        try await swapResponse(try await Self.visibleSwap(req), req)
    }

    @Sendable func withdrawSwap(req: Request) async throws -> ShiftSwapResponse {
        try await swapResponse(try await ShiftSwaps(db: req.db, services: req.services).withdraw(try WorkforceAPIController.id(req), by: try req.requireStaff()), req)
    }
}
