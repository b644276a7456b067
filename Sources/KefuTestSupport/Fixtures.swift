import Fluent
import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
@testable import KefuWeb
import Vapor
import VaporTesting

extension Date {
    /// A fixed Monday morning in Shanghai: 2026-11-23 10:00 +08:00.
    public static let t0 = Date(timeIntervalSince1970: 1_795_399_200)
}

/// A created staff member with an API token.
public struct TestStaff: Sendable {
    public let id: UUID
    public let username: String
    public let password: String
    public let token: String

    public var bearer: HTTPHeaders {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        return headers
    }
}

extension Application {
    /// Creates a user through the real use case and logs them in through the API.
    public func staff(_ username: String, roles: [Role], departmentID: UUID? = nil, teamID: UUID? = nil,
                      password: String = "secret-pass-1") async throws -> TestStaff {
        let user = try await CreateUser(db: db, services: services, hashing: passwordHashing).run(
            .init(username: username, displayName: username.capitalized, password: password, roles: roles,
                  departmentID: departmentID, teamID: teamID), actor: (nil, "test"))
        let opened = try await LogIn(db: db, services: services, password: passwordHashing)
            .run(username: username, password: password, kind: .api)
        return TestStaff(id: user.id!, username: username, password: password, token: opened.secret)
    }

    /// The StaffUser of a test account, as the authenticator builds it from the account's API token.
    public func staffUser(of staff: TestStaff) async throws -> StaffUser {
        guard let account = try await AuthRepository(db: db).signedIn(hash: TokenSecret.hash(staff.token), kind: TokenKind.api.rawValue,
                                                                       at: services.now()) else {
            throw Abort(.unauthorized)
        }
        return StaffUser(account)
    }

    public func department(_ name: String, kind: DepartmentKind = .customerService) async throws -> UUID {
        try await CreateDepartment(db: db, services: services).run(name: name, kind: kind, actor: nil).id!
    }

    public func team(_ name: String, departmentID: UUID, leaderID: UUID? = nil) async throws -> UUID {
        try await CreateTeam(db: db, services: services).run(name: name, departmentID: departmentID, leaderID: leaderID, actor: nil).id!
    }
}

extension TestingHTTPResponse {
    /// The `error.code` of an API error body.
    public var errorCode: String? {
        struct Body: Decodable { struct E: Decodable { let code: String }; let error: E }
        return try? JSONDecoder().decode(Body.self, from: Data(body.readableBytesView)).error.code
    }

    public func json<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(body.readableBytesView))
    }
}

/// A settable clock for tests that move time forward (`app.services.now = { clock.now }`).
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = start }

    public var now: Date {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
