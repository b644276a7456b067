import Dispatch
import Foundation
import KefuCore
import KefuTestSupport
@testable import KefuWeb
import NIOCore
import Testing
import Vapor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 20: slow clients were never timed out (3,000 slow-header connections stayed open 60 s). Real
/// sockets against a real server with short limits set by the test.
@Suite("Issue 20: slow clients are timed out and connections per address are bounded")
struct SlowClientTests {
    private func withServer(_ limits: ConnectionLimits, _ body: (Int) async throws -> Void) async throws {
        var settings = try Settings.testing([:])
        settings.database = .sqliteMemory
        settings.connectionLimits = limits
        let app = try await Application.make(.testing)
        do {
            try await configure(app, settings: settings)
            try await app.autoMigrate()
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            try await body(port)
            await app.server.shutdown()
        } catch {
            await app.server.shutdown()
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    private static func limits(header: Int64 = 1, body: Int64 = 1, perAddress: Int = 0) -> ConnectionLimits {
        var limits = ConnectionLimits()
        limits.headerTimeout = .seconds(header)
        limits.bodyTimeout = .seconds(body)
        limits.maxPerAddress = perAddress
        return limits
    }

    @Test("I20-SLOW-1 A request head trickled byte by byte is cut off after the header bound; a complete request is answered")
    func slowHeader() async throws {
        // Bounds with slack: the suite shares 2 cores with builds, and a starved event loop answers late.
        try await withServer(Self.limits(header: 5, body: 5)) { port in
            let quick = try RawClient(port: port)
            // A static file: no database work that could outlive the test's application on a busy machine.
            try quick.send("GET /css/kefu.css HTTP/1.1\r\nHost: kefu\r\n\r\n")
            #expect(await quick.readHead(upTo: .seconds(30)).hasPrefix("HTTP/1.1 200"))
            quick.close()

            let slow = try RawClient(port: port)
            try slow.send("GET /css/kefu.css HTTP/1.1\r\nHost: kefu\r\n")
            let closedAfter = await slow.trickleUntilClosed(String(repeating: "X-Slow: a\r\n", count: 60), giveUp: .seconds(45))
            slow.close()
            let elapsed = try #require(closedAfter, "the server kept a trickling header open")
            #expect(elapsed >= .milliseconds(4_800))
            #expect(elapsed < .seconds(40))
        }
    }

    @Test("I20-SLOW-2 A request body trickled byte by byte is cut off after the body bound")
    func slowBody() async throws {
        try await withServer(Self.limits(header: 10, body: 3)) { port in
            let slow = try RawClient(port: port)
            try slow.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: kefu\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{")
            let closedAfter = await slow.trickleUntilClosed(String(repeating: " ", count: 390), giveUp: .seconds(45))
            slow.close()
            let elapsed = try #require(closedAfter, "the server kept a trickling body open")
            #expect(elapsed < .seconds(40))
        }
    }

    @Test("I20-SLOW-3 One address may hold only so many connections; a closed one frees its place")
    func perAddress() async throws {
        try await withServer(Self.limits(header: 10, body: 10, perAddress: 3)) { port in
            let held = try (0..<3).map { _ in try RawClient(port: port) }
            for client in held { #expect(!(await client.closedWithin(.milliseconds(300)))) }
            let fourth = try RawClient(port: port)
            #expect(await fourth.closedWithin(.seconds(5)))
            fourth.close()
            held[0].close()
            try await Task.sleep(for: .milliseconds(300))
            let again = try RawClient(port: port)
            try again.send("GET /css/kefu.css HTTP/1.1\r\nHost: kefu\r\n\r\n")
            #expect(await again.readHead(upTo: .seconds(30)).hasPrefix("HTTP/1.1 200"))
            again.close()
            for client in held.dropFirst() { client.close() }
        }
    }

    @Test("I20-SLOW-4 The limits come from KEFU_HEADER_TIMEOUT_SECONDS, KEFU_BODY_TIMEOUT_SECONDS, KEFU_MAX_CONNECTIONS_PER_ADDRESS")
    func settings() throws {
        let limits = try Settings.fromEnvironment(["KEFU_HEADER_TIMEOUT_SECONDS": "7", "KEFU_BODY_TIMEOUT_SECONDS": "30",
                                                   "KEFU_MAX_CONNECTIONS_PER_ADDRESS": "0"]).connectionLimits
        #expect(limits.headerTimeout == .seconds(7))
        #expect(limits.bodyTimeout == .seconds(30))
        #expect(limits.maxPerAddress == 0)
        #expect(try Settings.fromEnvironment([:]).connectionLimits == ConnectionLimits())
        #expect(throws: Settings.Invalid.self) { try Settings.fromEnvironment(["KEFU_HEADER_TIMEOUT_SECONDS": "0"]) }
    }
}

/// A TCP client for loopback tests. Every read is non-blocking and every wait a `Task.sleep`: a blocking
/// `recv` would hold one of the few threads Swift's concurrency pool has (two on a 2-core machine), and the
/// server under test answers on that same pool — two such waits at once starved it and the answer never came.
final class RawClient: @unchecked Sendable {
    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { Glibc.close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw POSIXError(.EPIPE) }
    }

    private enum Read { case bytes([UInt8]), nothingYet, closed }

    private func readNow() -> Read {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        if n > 0 { return .bytes(Array(buffer[0..<n])) }
        if n == 0 { return .closed }
        return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? .nothingYet : .closed
    }

    /// True when the server closed the connection within `limit` (bytes it sent meanwhile are dropped).
    func closedWithin(_ limit: Duration) async -> Bool {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < limit {
            if case .closed = readNow() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Sends one byte of `text` every 100 ms until the server closes; the time that took, or nil.
    func trickleUntilClosed(_ text: String, giveUp: Duration) async -> Duration? {
        let start = ContinuousClock.now
        var bytes = Array(text.utf8)[...]
        while ContinuousClock.now - start < giveUp {
            if let byte = bytes.popFirst() {
                if Glibc.send(fd, [byte], 1, Int32(MSG_NOSIGNAL)) != 1 { return ContinuousClock.now - start }
            }
            if case .closed = readNow() { return ContinuousClock.now - start }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// What the server sent until the end of an answer's head, the connection's close or `limit`.
    func readHead(upTo limit: Duration) async -> String {
        var data = [UInt8]()
        let start = ContinuousClock.now
        while ContinuousClock.now - start < limit {
            switch readNow() {
            case .bytes(let bytes):
                data += bytes
                if String(decoding: data, as: UTF8.self).contains("\r\n\r\n") { return String(decoding: data, as: UTF8.self) }
            case .closed:
                return String(decoding: data, as: UTF8.self)
            case .nothingYet:
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        return String(decoding: data, as: UTF8.self)
    }

    func close() { Glibc.close(fd) }
}
