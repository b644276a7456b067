import Fluent
import Foundation
import KefuCore
import KefuTestSupport
import Testing

/// Starts the built `kefu` binary from a temporary folder, as an operator would.
@Suite("kefu command line (the built binary)")
struct CommandLineTests {
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kefu")
    }

    @discardableResult
    func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KEFU_DATABASE_URL")
        env.removeValue(forKey: "KEFU_DATA_DIR")
        env.merge(environment) { $1 }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("users create works on a fresh data folder without prompting, then users list shows the account")
    func usersCreate() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            Issue.record("the kefu binary is not built at \(Self.binary.path)")
            return
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try run(["users", "create", "--username", "zhangwei", "--password", "secret-pass-1", "--roles", "admin,agent", "--display-name", "张伟"], in: folder)
        #expect(created.status == 0, "\(created.output)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("kefu-data/kefu.sqlite").path))
        let listed = try run(["users", "list"], in: folder)
        #expect(listed.output.contains("zhangwei\t张伟\tadmin,agent"))
        let duplicate = try run(["users", "create", "--username", "zhangwei", "--password", "secret-pass-1", "--roles", "agent"], in: folder)
        #expect(duplicate.status != 0)
        let badRole = try run(["users", "create", "--username", "lisi", "--password", "secret-pass-1", "--roles", "wizard"], in: folder)
        #expect(badRole.status != 0)
        #expect(badRole.output.contains("wizard"))
    }

    @Test("rules check accepts a valid override, prints its differences, and refuses a broken one with file and line")
    func rulesCheck() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            Issue.record("the kefu binary is not built")
            return
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.yaml")
        try "complaints:\n  close_within: {value: 5, unit: natural_days}\n".write(to: good, atomically: true, encoding: .utf8)
        let ok = try run(["rules", "check", good.path], in: folder)
        #expect(ok.status == 0, "\(ok.output)")
        #expect(ok.output.contains("complaints.close_within"))
        let bad = folder.appendingPathComponent("bad.yaml")
        try "complaints:\n  close_within: {value: -6, unit: natural_days}\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try run(["rules", "check", bad.path], in: folder)
        #expect(refused.status != 0)
        #expect(refused.output.contains("bad.yaml:2"))
    }

    @Test("serve refuses to start with a broken rulebook, naming the file and the line; users passwd changes a password")
    func serveRefusesBadRulebook() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            Issue.record("the kefu binary is not built")
            return
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("center.yaml")
        try "return_visits:\n  max_attempts: 9\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try run(["serve", "--port", "0", "--rulebook", bad.path], in: folder)
        #expect(refused.status != 0)
        #expect(refused.output.contains("center.yaml:2"))
        #expect(refused.output.contains("return_visits.max_attempts"))
        let viaEnvironment = try run(["migrate"], in: folder, environment: ["KEFU_RULEBOOK": bad.path])
        #expect(viaEnvironment.status != 0)
        try run(["users", "create", "--username", "lisi", "--password", "secret-pass-1", "--roles", "agent"], in: folder)
        #expect(try run(["users", "passwd", "--username", "lisi", "--password", "short"], in: folder).status != 0)
        #expect(try run(["users", "passwd", "--username", "lisi", "--password", "another-pass-2"], in: folder).status == 0)
    }

    @Test("backup writes a consistent copy of the embedded database with VACUUM INTO")
    func backup() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            Issue.record("the kefu binary is not built")
            return
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try run(["migrate"], in: folder)
        let result = try run(["backup", folder.appendingPathComponent("copy.sqlite").path], in: folder)
        #expect(result.status == 0, "\(result.output)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("copy.sqlite").path))
    }
}
