import Foundation
import KefuCore
import KefuDomain
import Vapor

/// `kefu rules check` without a file (GOV-02): which rulebook is in force on this database and why, and
/// what is scheduled next — the same facts as the admin page.
public enum RulebookStatus {
    public static func lines(_ app: Application) -> [String] {
        let services = app.services
        let inForce = RulebookInForce(services: services)
        let rulebook = services.rulebook
        var lines = ["in force: version \(rulebook.versionShort), interpreted by \(inForce.interpretedBy), since \(inForce.effectiveSince)"]
        switch inForce.source {
        case "stored_version":
            lines.append("why: a version stored by an administrator (\(inForce.versionId?.uuidString ?? "")) took effect on \(inForce.effectiveSince); it wins over the start-up file")
        case "startup_file":
            lines.append("why: the start-up file \(services.settings.rulebookFile ?? "") (--rulebook / KEFU_RULEBOOK); no stored version has taken effect")
        default:
            lines.append("why: the default rulebook (no --rulebook / KEFU_RULEBOOK file, no stored version in force)")
        }
        for next in services.rulebooks.upcoming(after: services.now()) {
            lines.append("scheduled: version \(next.rulebook.versionShort) takes effect at \(DisplayTime.format(next.effectiveAt, services: services))")
        }
        lines.append("review due: \(inForce.reviewDue) (governance.review_every_months)")
        return lines + HolidayWarnings.current(services).map { "warning: \($0.englishText)" }
    }

    /// SHF-16 for `kefu rules check FILE`: the holiday coverage of that file's calendar, "now" asked of the
    /// clock the application would use (no database is opened); tests pass their own clock.
    public static func holidayWarnings(for rulebook: Rulebook, settings: Settings, now: (@Sendable () -> Date)? = nil) throws -> [String] {
        var services = AppServices(rulebook: rulebook, localization: try Localization.load(directory: KefuResources.localizationDirectory),
                                   metrics: KefuMetrics(), settings: settings)
        if let now { services.now = now }
        return HolidayWarnings.current(services).map { "warning: \($0.englishText)" }
    }
}
