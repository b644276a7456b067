import FluentKit
import Foundation
import NIOCore

/// Gives every record created through Fluent without an id a time-ordered one (issue 22).
///
/// Fluent fills a nil `@ID(key: .id)` with a random UUID when it creates the row, after the model
/// middleware has run; this middleware gets there first, so records that leave their id to Fluent append
/// to their indexes like those whose code sets a `RowIDs` id itself. Records that come with an id keep it.
public struct TimeOrderedIDMiddleware: AnyModelMiddleware {
    /// The app's clock (`services.now()`), read at each create.
    let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public func handle(_ event: ModelEvent, _ model: any AnyModel, on db: any Database,
                       chainingTo next: any AnyModelResponder) -> EventLoopFuture<Void> {
        if case .create = event, let model = model as? any Model { stamp(model) }
        return next.handle(event, model, on: db)
    }

    private func stamp<Record: Model>(_ record: Record) {
        guard Record.IDValue.self == UUID.self, record.id == nil,
              let id = RowIDs.next(at: now()) as? Record.IDValue else { return }
        record.id = id
    }
}
