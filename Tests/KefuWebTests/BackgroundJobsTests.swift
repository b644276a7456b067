import Foundation
import KefuCore
import KefuTestSupport
@testable import KefuWeb
import Testing
import VaporTesting

/// Issue 22: `serve`'s loop and `kefu jobs run-once` run one list of background jobs.
@Suite("Background jobs: one list for serve and run-once")
struct BackgroundJobsTests {
    @Test("serve's scan loop runs every job of run-once but chat routing, which has its own 5-second loop; the deadline scan first")
    func oneList() async throws {
        try await withTestApp { app in
            let all = BackgroundJobs.all(app)
            let names = all.map(\.job.name)
            #expect(names.first == "deadline scan")
            #expect(Set(names).count == names.count)
            let outOfLoop = all.filter { !$0.inLoop }.map(\.job.name)
            #expect(outOfLoop == ["chat routing"])
            // Idle chats were ended by run-once only; serve's loop now ends them too.
            #expect(all.contains { $0.job.name == "idle chats" && $0.inLoop })
            let summary = try await JobsOnce.run(app)
            #expect(summary.hasPrefix("deadline scan: 0 breached, 0 warned in "))
            #expect(summary.contains("webhooks: 0 delivered"))
        }
    }
}
