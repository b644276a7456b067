import FluentKit
import Foundation
import KefuCore
import SQLiteNIO
import Vapor

/// SQLite has one writer at a time, and a deferred transaction that reads before it writes fails at
/// once with SQLITE_BUSY when another connection is writing (the busy handler is not consulted, to
/// avoid deadlock). So on an SQLite database, requests that change data pass one at a time through
/// this gate, and a busy failure (a background job wrote meanwhile) is retried: the failed transaction
/// rolled back completely, so running the request again is safe. Reads are never held up.
/// PostgreSQL deployments do not install it.
struct SQLiteWriteGate: AsyncMiddleware {
    /// The app's one gate (`AppServices.writeGate`), shared with the group commit of case openings.
    let gate: AsyncGate
    static let attempts = 5

    /// Routes whose writes take the gate themselves, for a batch of many requests at once (issue 22: case
    /// openings through `OpenCaseQueue`); holding it for the whole request would leave nothing to batch.
    static let batchedRoutes: Set<String> = ["/api/v1/cases"]

    let attachmentLimit: ByteCount

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method != .GET, request.method != .HEAD else { return try await next.respond(to: request) }
        // The body is read before the gate is taken, so a client sending slowly holds up no one else.
        // The limit is the route's (uploads have their own, larger one); an oversize body is 413 here.
        let limit = request.url.path.hasSuffix("/attachments") ? attachmentLimit.value
            : request.url.path.hasSuffix("/images") ? ChatCoreAPIController.imageBodyLimit  // chat images (issue 9)
            : request.application.routes.defaultMaxBodySize.value
        _ = try await request.body.collect(max: limit).get()
        if request.method == .POST, Self.batchedRoutes.contains(request.url.path) { return try await next.respond(to: request) }
        return try await gate.run {
            var attempt = 1
            while true {
                do {
                    return try await next.respond(to: request)
                } catch where Self.isBusy(error) && attempt < Self.attempts {
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(Int.random(in: 5...25) * attempt))
                }
            }
        }
    }

    /// Runs `body` (one transaction) again after a busy failure, as the gate does for requests: for
    /// background work that writes outside the gate (the deadline scanner), so that a request writing at
    /// that moment delays a breach by milliseconds instead of skipping it until the next scan.
    static func retryingBusy<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch where isBusy(error) && attempt < attempts * 2 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 5...25) * attempt))
            }
        }
    }

    static func isBusy(_ error: any Error) -> Bool {
        guard let error = error as? SQLiteError else { return false }
        return [.busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot].contains(error.reason)
    }
}
