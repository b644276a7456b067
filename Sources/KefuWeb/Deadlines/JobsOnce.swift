import Foundation
import KefuCore
import KefuDomain
import KefuStore
import FluentKit
import Fluent
import Vapor

/// `kefu jobs run-once`: every background job of `BackgroundJobs`, once, under the same lease as `serve`.
public enum JobsOnce {
    public static func run(_ app: Application) async throws -> String {
        guard let lines = try await BackgroundJobs.run(BackgroundJobs.all(app), app: app) else {
            return "deadline scan skipped: another node holds the lease"
        }
        return lines.joined(separator: "; ")
    }
}
