import Foundation
import KefuCore
import KefuTestSupport
@testable import KefuWeb
import Testing

/// The application's clock (issue 20): tests can start it at any instant, and nothing else reads the date.
@Suite("Application clock")
struct AppClockTests {
    @Test("KEFU_TEST_CLOCK_START is parsed strictly: an offset is required and an impossible date is refused")
    func parseStart() throws {
        let start = try #require(AppClock.parseStart("2025-12-31T23:58:00+08:00"))
        #expect(start == Date(timeIntervalSince1970: 1_767_196_680))
        #expect(AppClock.parseStart("2025-12-31T15:58:00Z") == start)
        #expect(AppClock.parseStart("2028-02-29T00:01:00-05:30") != nil)
        for bad in ["2027-02-30T10:00:00+08:00", "2026-13-01T10:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T10:00:00",
                    "2026-11-23 10:00:00+08:00", " 2026-11-23T10:00:00Z", "yesterday"] {
            #expect(AppClock.parseStart(bad) == nil, "\(bad)")
        }
        #expect(throws: Settings.Invalid.self) { try Settings.testing(["KEFU_TEST_CLOCK_START": "2027-02-30T10:00:00+08:00"]) }
        #expect(try Settings.testing(["KEFU_TEST_CLOCK_START": "2025-12-31T23:58:00+08:00"]).clockStart == start)
        #expect(try Settings.testing([:]).clockStart == nil)
    }

    @Test("A started clock begins at its instant and runs forward at the real rate")
    func startedClock() async throws {
        let start = Date(timeIntervalSince1970: 1_767_196_680)
        let now = AppClock.starting(at: start)
        let first = now()
        #expect(first >= start && first < start.addingTimeInterval(5))
        try await Task.sleep(for: .milliseconds(20))
        #expect(now() > first)
    }

    @Test("A test application's clock starts at KEFU_TEST_CLOCK_START when it is set")
    func testAppClock() async throws {
        try await withTestApp { app in
            let now = app.services.now()
            if let start = app.services.settings.clockStart {
                // Near the start, not at the real date (a loaded machine took minutes to set an application up).
                #expect(now >= start && now < start.addingTimeInterval(86_400))
            } else {
                #expect(app.services.settings.clockStart == nil)
            }
        }
    }

    /// Only AppClock.swift may read the real date; everything else asks `services.now()` (or takes `now`).
    @Test("No product or test code reads the real clock except AppClock")
    func nothingElseReadsTheDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let pattern = /(^|[^A-Za-z0-9_.])Date\(\)|Date\.now\b|Date\(timeIntervalSinceNow|timeIntervalSinceNow/
        var offenders: [String] = []
        for folder in ["Sources", "Tests"] {
            let base = root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in files where file.pathExtension == "swift" && file.lastPathComponent != "AppClock.swift"
                && file.lastPathComponent != "AppClockTests.swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where line.contains(pattern) && !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                    offenders.append("\(file.path.dropFirst(root.path.count + 1)):\(number + 1)")
                }
            }
        }
        #expect(offenders.isEmpty, "read the date through services.now(): \(offenders)")
    }
}
