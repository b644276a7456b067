import Foundation

/// A value read and replaced under a lock, for state shared by every request (the rulebook timeline);
/// held for a few instructions only. Foundation's lock keeps the use cases free of server packages.
public final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLockedValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
