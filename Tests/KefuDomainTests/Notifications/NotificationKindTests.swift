import Foundation
import Testing
@testable import KefuDomain

@Suite("Notifications: which section each kind goes to")
struct NotificationKindTests {
    @Test("An action waiting on the reader needs them now: assigned to me, an approval waiting, a deadline about to pass on my case")
    func needsMe() {
        for kind in ["case.assigned", "approval.waiting", "case.deadline_warning", "case.deadline_breach", "complaint.task",
                     "handover.created", "return_visit.breach", "chat.assigned", "parcel"] {
            #expect(NotificationKinds.section(of: kind) == .needsMe, "\(kind)")
        }
    }

    @Test("What someone else did or decided is for information")
    func forInformation() {
        for kind in ["approval.finished", "case.escalation_skipped", "meeting.scheduled", "report.submitted", "fines.reward",
                     "upward_report.acknowledged", "return_visit.weekly", NotificationKinds.digest] {
            #expect(NotificationKinds.section(of: kind) == .forInformation, "\(kind)")
        }
    }

    @Test("An undeclared kind (an older release's row) is for information and labelled 'other'")
    func undeclared() {
        #expect(NotificationKinds.section(of: "something.new") == .forInformation)
        #expect(NotificationKinds.kind("something.new").labelKey == "notifications.kind.other")
    }

    @Test("Every kind is declared once, with a label key of its own that is no code word")
    func catalogue() {
        let names = NotificationKinds.all.map(\.name)
        #expect(Set(names).count == names.count)
        let labels = NotificationKinds.all.map(\.labelKey)
        #expect(Set(labels).count == labels.count)
        #expect(labels.allSatisfy { $0.hasPrefix("notifications.kind.") && !$0.dropFirst("notifications.kind.".count).contains(".") })
        #expect(Set(NotificationKinds.names(in: .needsMe)).isDisjoint(with: NotificationKinds.names(in: .forInformation)))
        #expect(NotificationKinds.names(in: .needsMe).count + NotificationKinds.names(in: .forInformation).count == names.count)
    }
}
