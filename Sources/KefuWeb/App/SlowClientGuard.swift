import Foundation
import KefuCore
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Vapor

/// Issue 20: slow clients were never timed out (3,000 connections sending a header byte by byte stayed open
/// for a minute). Three limits, in force on every connection `kefu serve` accepts:
///
/// - a complete request head within `headerTimeout` of the connection opening or of the previous answer
///   (an idle keep-alive connection is closed after the same time);
/// - the whole request body within `bodyTimeout` of its head;
/// - at most `maxPerAddress` open connections from one client address (0: no limit).
///
/// Vapor 4 has no knob for these (only an idle timeout that a trickle of bytes resets) and no hook into its
/// connection pipeline, so `install` adds a handler to the listening channel; each accepted connection gets
/// the address count and, behind NIO's HTTP decoder, a timer handler that sees request heads, body ends and
/// answers as they pass.
extension Duration {
    /// NIO schedules in its own time unit.
    var timeAmount: TimeAmount { .nanoseconds(components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000) }
}

public enum SlowClientGuard {
    /// Adds the limits to the running server's listening channel; false when Vapor's server is not the
    /// expected one (then the limits are not in force, and the caller says so in the log).
    public static func install(on server: HTTPServer, limits: ConnectionLimits) async -> Bool {
        guard let channel = listeningChannel(server) else { return false }
        let counter = AddressCounter()
        do {
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(AcceptHandler(limits: limits, counter: counter), position: .first)
            }.get()
            return true
        } catch {
            return false
        }
    }

    /// Vapor keeps the listening channel private; it is read by reflection (the server's `connection` box
    /// holds an `HTTPServerConnection` whose `channel` is it). Checked by SlowClientTests on every upgrade.
    static func listeningChannel(_ server: HTTPServer) -> (any Channel)? {
        func child(_ value: Any, _ label: String) -> Any? { Mirror(reflecting: value).children.first { $0.label == label }?.value }
        guard let box = child(server, "connection"), let storage = child(box, "_storage") else { return nil }
        // The box's storage is a ManagedBuffer whose header is the optional connection (one reference).
        let object = storage as AnyObject
        guard let connection = unsafeBitCast(object, to: ManagedBuffer<AnyObject?, UInt8>.self).header else { return nil }
        return child(connection, "channel") as? any Channel
    }
}

/// Open connections per client address, shared by the event loops.
final class AddressCounter: Sendable {
    private let counts = NIOLockedValueBox<[String: Int]>([:])

    func open(_ address: String, limit: Int) -> Bool {
        counts.withLockedValue { table in
            let now = table[address, default: 0]
            if limit > 0, now >= limit { return false }
            table[address] = now + 1
            return true
        }
    }

    func close(_ address: String) {
        counts.withLockedValue { table in
            let left = table[address, default: 1] - 1
            table[address] = left > 0 ? left : nil
        }
    }
}

/// On the listening channel: puts a `ConnectionHandler` at the front of each accepted connection's pipeline,
/// before the server's own initializer adds the HTTP handlers.
private final class AcceptHandler: ChannelInboundHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel
    let limits: ConnectionLimits
    let counter: AddressCounter

    init(limits: ConnectionLimits, counter: AddressCounter) { self.limits = limits; self.counter = counter }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let child = unwrapInboundIn(data)
        let (limits, counter) = (limits, counter)
        if child.eventLoop.inEventLoop {
            try? child.pipeline.syncOperations.addHandler(ConnectionHandler(limits: limits, counter: counter), position: .first)
        } else {
            // Queued before the bootstrap's own set-up task for this connection, so it runs first.
            child.eventLoop.execute {
                try? child.pipeline.syncOperations.addHandler(ConnectionHandler(limits: limits, counter: counter), position: .first)
            }
        }
        context.fireChannelRead(data)
    }
}

/// First on a connection: counts it against its address (closing it over the limit) and, once the HTTP
/// handlers are in place, adds the timer handler behind the HTTP decoder. Passes everything through.
private final class ConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    let limits: ConnectionLimits
    let counter: AddressCounter
    private var address: String?
    private var activated = false
    /// Set when the connection became active before the server's initializer had added the HTTP handlers
    /// (the accepting loop and the connection's loop race): the timer is then added at the first read, and
    /// until then a plain deadline stands in for it, so a client that connects and says nothing still goes.
    private var timerPending = false
    private var standIn: Scheduled<Void>?

    init(limits: ConnectionLimits, counter: AddressCounter) { self.limits = limits; self.counter = counter }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { activate(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        activate(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if timerPending { addTimer(context) }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let address { counter.close(address); self.address = nil }
        standIn?.cancel(); standIn = nil
        context.fireChannelInactive()
    }

    private func activate(_ context: ChannelHandlerContext) {
        guard !activated else { return }
        activated = true
        let remote = context.channel.remoteAddress?.ipAddress ?? "?"
        guard counter.open(remote, limit: limits.maxPerAddress) else {
            context.close(promise: nil)
            return
        }
        address = remote
        timerPending = true
        addTimer(context)
        if timerPending {
            let channel = context.channel
            standIn = context.eventLoop.scheduleTask(in: limits.headerTimeout.timeAmount) { channel.close(promise: nil) }
        }
    }

    private func addTimer(_ context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        guard let decoder = try? pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self) else { return }
        timerPending = false
        standIn?.cancel(); standIn = nil
        try? pipeline.addHandler(RequestTimer(limits: limits), position: .after(decoder))
    }
}

/// Behind the HTTP decoder: one deadline at a time — for the next request head while no request is open,
/// for the body from a head to its end; none while the answer is being produced (a long poll may take
/// its time). Leaves on a protocol switch (WebSocket), where HTTP parts stop.
private final class RequestTimer: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let limits: ConnectionLimits
    private var deadline: Scheduled<Void>?
    private var readingRequest = false
    private var answersPending = 0
    private var done = false

    init(limits: ConnectionLimits) { self.limits = limits }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, limits.headerTimeout.timeAmount) }
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelInactive(context: ChannelHandlerContext) {
        done = true
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            readingRequest = true
            answersPending += 1
            arm(context, limits.bodyTimeout.timeAmount)
        case .body:
            break
        case .end:
            readingRequest = false
            if answersPending == 0 { arm(context, limits.headerTimeout.timeAmount) } else { disarm() }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status == .switchingProtocols:
            context.write(data, promise: promise)
            done = true
            disarm()
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        case .end:
            let written = promise ?? context.eventLoop.makePromise()
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            written.futureResult.whenSuccess {
                let (timer, context) = bound.value
                timer.answersPending = max(0, timer.answersPending - 1)
                if !timer.readingRequest, timer.answersPending == 0 { timer.arm(context, timer.limits.headerTimeout.timeAmount) }
            }
            context.write(data, promise: written)
        default:
            context.write(data, promise: promise)
        }
    }

    private func arm(_ context: ChannelHandlerContext, _ timeout: TimeAmount) {
        disarm()
        guard !done else { return }
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}

/// Vapor's HTTP server with the connection limits installed as soon as it listens (`configure` makes it
/// the application's server, so `kefu serve` and tests that start a real server both get it).
struct GuardedServer: Server {
    let inner: HTTPServer
    let limits: ConnectionLimits
    let logger: Logger

    var onShutdown: EventLoopFuture<Void> { inner.onShutdown }

    func start(address: BindAddress?) async throws {
        try await inner.start(address: address)
        if !(await SlowClientGuard.install(on: inner, limits: limits)) {
            logger.error("slow-client limits are not in force: Vapor's server does not expose its listening channel as expected")
        }
    }

    func shutdown() async { await inner.shutdown() }

    @available(*, noasync)
    func start(address: BindAddress?) throws {
        let (inner, limits, logger) = (inner, limits, logger)
        try inner.start(address: address)
        Task {
            if !(await SlowClientGuard.install(on: inner, limits: limits)) {
                logger.error("slow-client limits are not in force: Vapor's server does not expose its listening channel as expected")
            }
        }
    }

    @available(*, noasync)
    func shutdown() { inner.shutdown() }
}
