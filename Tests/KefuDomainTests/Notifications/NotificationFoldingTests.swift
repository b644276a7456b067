import Foundation
import Testing
@testable import KefuDomain

@Suite("Notifications: a repeat about the same thing folds into one notification")
struct NotificationFoldingTests {
    let warning = InboxNotice(kind: "case.deadline_warning", titleKey: "notice.case_deadline_warning", titleArgument: "KS-20261123-0001",
                              titleWordKey: "deadline.kind.first_response", at: .t0)
    var breach: InboxNotice {
        InboxNotice(kind: "case.deadline_breach", titleKey: "notice.case_deadline_breach", titleArgument: "KS-20261123-0001",
                    titleWordKey: "deadline.kind.resolve", at: .t0.addingTimeInterval(3_600))
    }

    @Test("The first notice is added")
    func first() {
        #expect(NotificationFolding.fold(existing: nil, incoming: warning, repeats: .refresh) == .insert(warning))
        #expect(NotificationFolding.fold(existing: nil, incoming: warning, repeats: .ignore) == .insert(warning))
    }

    @Test("The same event again (a re-run job) changes nothing")
    func ignored() {
        #expect(NotificationFolding.fold(existing: warning, incoming: breach, repeats: .ignore) == .unchanged)
    }

    @Test("A new event takes the newest title and time, is unread again and counts the events since the last read")
    func refreshed() {
        var read = warning
        read.readAt = .t0.addingTimeInterval(60)
        guard case .update(let folded) = NotificationFolding.fold(existing: read, incoming: breach, repeats: .refresh) else {
            Issue.record("expected an update"); return
        }
        #expect(folded.kind == "case.deadline_breach" && folded.titleWordKey == "deadline.kind.resolve")
        #expect(folded.at == breach.at && folded.readAt == nil && folded.repeatCount == 1)
        #expect(folded.section == .needsMe)
        guard case .update(let again) = NotificationFolding.fold(existing: folded, incoming: breach, repeats: .refresh) else {
            Issue.record("expected an update"); return
        }
        #expect(again.repeatCount == 2)
    }

    @Test("A late event never moves the notification back in time")
    func neverBackwards() {
        var late = warning
        late.at = .t0.addingTimeInterval(-600)
        guard case .update(let folded) = NotificationFolding.fold(existing: breach, incoming: late, repeats: .refresh) else {
            Issue.record("expected an update"); return
        }
        #expect(folded.at == breach.at)
    }
}

@Suite("Notifications: grouped by case or subject on the page")
struct NotificationGroupingTests {
    struct Item { let id: Int; let subjectType: String?; let subjectID: UUID?; let kind: String }

    @Test("One group per subject, in the order of each group's newest item; without a subject, one per kind")
    func groups() {
        let caseA = UUID(), caseB = UUID()
        let items = [Item(id: 1, subjectType: "case", subjectID: caseA, kind: "case.deadline_breach"),
                     Item(id: 2, subjectType: nil, subjectID: nil, kind: "return_visit.breach"),
                     Item(id: 3, subjectType: "case", subjectID: caseB, kind: "case.assigned"),
                     Item(id: 4, subjectType: "case", subjectID: caseA, kind: "case.assigned"),
                     Item(id: 5, subjectType: nil, subjectID: nil, kind: "return_visit.breach")]
        let groups = NotificationGrouping.group(items) { NotificationGrouping.key(subjectType: $0.subjectType, subjectID: $0.subjectID, kind: $0.kind) }
        #expect(groups.map { $0.items.map(\.id) } == [[1, 4], [2, 5], [3]])
        #expect(groups[0].key == "case:\(caseA.uuidString.lowercased())")
        #expect(groups[1].key == "kind:return_visit.breach")
    }

    @Test("A group key names what to mark read; anything else is refused")
    func targets() {
        let id = UUID()
        #expect(NotificationGrouping.target(of: "case:\(id.uuidString.lowercased())") == .subject(type: "case", id: id))
        #expect(NotificationGrouping.target(of: "kind:return_visit.breach") == .kind("return_visit.breach"))
        for bad in ["", "case", "case:not-a-uuid", ":x", "kind:"] { #expect(NotificationGrouping.target(of: bad) == nil, "\(bad)") }
    }
}
