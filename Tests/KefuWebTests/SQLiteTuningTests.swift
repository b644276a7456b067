import Fluent
import Foundation
import KefuCore
import KefuStore
@testable import KefuWeb
import SQLKit
import Testing
import Vapor

/// `serve` tunes every SQLite connection it will use (issue 10): the settings must hold on each event
/// loop's connection, not only on the first.
@Suite("SQLite tuning: every served connection")
struct SQLiteTuningTests {
    @Test("synchronous NORMAL, 32 MB cache, memory temp store and a 5 s busy timeout on each event loop's connection")
    func pragmasOnEveryConnection() async throws {
        try await withSQLiteFileApp { app in
            try await SQLiteTuning.apply(app)
            var loops = 0
            for loop in app.eventLoopGroup.makeIterator() {
                loops += 1
                let sql = try #require(app.databases.database(logger: app.logger, on: loop) as? any SQLDatabase)
                func pragma(_ name: String) async throws -> Int? {
                    try await sql.raw("PRAGMA \(unsafeRaw: name)").first()?.decode(column: name == "busy_timeout" ? "timeout" : name, as: Int.self)
                }
                #expect(try await pragma("synchronous") == 1)
                #expect(try await pragma("cache_size") == -32_768)
                #expect(try await pragma("temp_store") == 2)
                #expect(try await pragma("busy_timeout") == 5_000)
            }
            #expect(loops >= 1)
        }
    }
}
