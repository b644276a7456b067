import KefuCore
import Vapor

extension Application {
    private struct ServicesKey: StorageKey { typealias Value = AppServices }

    public var services: AppServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("configure(_:settings:) sets app.services") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    public var services: AppServices { application.services }
}
