import Foundation
import KefuCore
import Vapor

extension Request {
    private struct StaffKey: StorageKey { typealias Value = StaffUser }

    public internal(set) var staff: StaffUser? {
        get { storage[StaffKey.self] }
        set { storage[StaffKey.self] = newValue }
    }

    /// The signed-in staff member; 401 when there is none.
    public func requireStaff() throws -> StaffUser {
        guard let staff else { throw Abort(.unauthorized) }
        return staff
    }

    /// API requests live under /api; everything else is the web UI.
    var isAPI: Bool { url.path.hasPrefix("/api/") }
}
