import Foundation
import KefuCore
import KefuDomain
import FluentKit
import Fluent
import NIOConcurrencyHelpers
import NIOPosix
import Vapor

/// bcrypt on the application's thread pool, so hashing (deliberately slow) never blocks an event loop.
public struct PasswordHashing: Sendable {
    let cost: Int
    let pool: NIOThreadPool

    public init(cost: Int, pool: NIOThreadPool) { self.cost = cost; self.pool = pool }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await pool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    private static let dummies = NIOLockedValueBox<[Int: String]>([:])

    /// A hash of a random secret at the configured cost: unknown usernames are checked against it so that
    /// they cost as much time as real ones.
    public func dummyHash() async throws -> String {
        if let known = Self.dummies.withLockedValue({ $0[cost] }) { return known }
        let made = try await hash(UUID().uuidString)
        Self.dummies.withLockedValue { $0[cost] = made }
        return made
    }

    public func verify(_ password: String, created digest: String) async throws -> Bool {
        try await pool.runIfActive { (try? Bcrypt.verify(password, created: digest)) ?? false }
    }
}

extension Application {
    public var passwordHashing: PasswordHashing { PasswordHashing(cost: services.settings.bcryptCost, pool: threadPool) }
}

extension Request {
    var passwordHashing: PasswordHashing { application.passwordHashing }
}
