import Foundation

/// A background write that meets another writer's lock (SQLite's "busy") is tried again after a short,
/// growing pause, never skipped (issue 10: breaches that collided with a request were logged and lost).
/// Which errors mean "busy" is the database driver's knowledge: `AppServices.isWriteContention`.
package enum WriteContention {
    static let attempts = 10

    package static func retrying<T: Sendable>(_ services: AppServices, _ body: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch where services.isWriteContention(error) && attempt < attempts {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 5...25) * attempt))
            }
        }
    }
}
