import Foundation
import KefuCore
import Vapor

/// `kefu demo`: every demo loader in the order they depend on each other. The cases come before the chats:
/// a taken chat opens a case, and the case loader adds nothing once any case exists (it would have left the
/// demo with the chats' three cases only).
public enum DemoData {
    /// `say` gets one line per loader; `caseProgress` (done, total) while the cases are opened.
    public static func load(_ app: Application, password: String, cases: Int, say: (String) -> Void,
                            caseProgress: (Int, Int) -> Void) async throws -> Int {
        try await DemoOrganization.load(app, password: password, progress: say)
        try await DemoFines.load(app, progress: say)
        try await DemoMeetings.load(app, progress: say)
        try await DemoWorkforce.load(app, progress: say)
        try await DemoDuties.load(app, progress: say)
        try await DemoFrontDesk.load(app, progress: say)
        let made = try await DemoCases.load(app, cases: cases, progress: caseProgress)
        try await DemoChats.load(app, progress: say)
        return made
    }
}
