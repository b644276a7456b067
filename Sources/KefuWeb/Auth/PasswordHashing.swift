import Foundation
import KefuDomain
import FluentKit
import Fluent
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
