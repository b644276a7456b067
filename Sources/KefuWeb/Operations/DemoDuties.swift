import Fluent
import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Demo duties (SEC-13..19): this week's duty roster generated from the demo shift roster and the rulebook,
/// so /duties shows today's duties and the week. Idempotent like the daily job (the unique index).
public enum DemoDuties {
    public static func load(_ app: Application, progress: (String) -> Void) async throws {
        let calendar = app.services.rulebook.calendar
        let today = calendar.localDate(of: app.services.now())
        let monday = DutyRoster.date(today, adding: 1 - calendar.weekday(of: today).rawValue)
        let generation = DutyGeneration(db: app.db, services: app.services)
        var created = 0
        for offset in 0..<7 { created += try await generation.generate(DutyRoster.date(monday, adding: offset)) }
        progress(created == 0 ? "值日 duties: this week's duties kept" : "值日 duties: \(created) duties in the week of \(monday)")
    }
}
