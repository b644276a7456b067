import Foundation
import KefuDomain
import Testing

struct PriorityDispatchTests {
    private let friday = LocalDay(year: 2025, month: 1, day: 3)!
    private let saturday = LocalDay(year: 2025, month: 1, day: 4)!

    @Test("SRV-10 a job registered on Friday and not dispatched is flagged on Saturday")
    func fridayToSaturday() throws {
        #expect(ServiceJob.needsPriorityDispatch(registeredOn: friday, today: saturday, dispatched: false))
        let job = try Fixture.registered()
        #expect(job.registeredOn == friday)
        #expect(job.needsPriorityDispatch(today: saturday))
        #expect(job.needsPriorityDispatch(today: LocalDay(year: 2025, month: 1, day: 6)!))
    }

    @Test("SRV-10 not flagged on the registration day or once dispatched")
    func notFlagged() throws {
        #expect(!ServiceJob.needsPriorityDispatch(registeredOn: friday, today: friday, dispatched: false))
        #expect(!ServiceJob.needsPriorityDispatch(registeredOn: friday, today: saturday, dispatched: true))
        #expect(!(try Fixture.registered()).needsPriorityDispatch(today: friday))
        #expect(!(try Fixture.dispatched()).needsPriorityDispatch(today: saturday))
        #expect(!(try Fixture.registered(offsite: true)).needsPriorityDispatch(today: saturday))
    }

    @Test("SRV-10 the day boundary is the center's local midnight")
    func localMidnight() throws {
        let lateFriday = Date(timeIntervalSince1970: 1_735_918_200) // 23:30 Shanghai, 15:30 UTC
        let job = try ServiceJob.register(
            caseID: Fixture.caseID, category: .free, entry: Fixture.entry, isOffsite: false,
            at: lateFriday, timeZone: Fixture.timeZone)
        #expect(job.registeredOn == friday)
        #expect(!job.needsPriorityDispatch(at: lateFriday.addingTimeInterval(1_500), timeZone: Fixture.timeZone))
        #expect(job.needsPriorityDispatch(at: lateFriday.addingTimeInterval(2_400), timeZone: Fixture.timeZone))
    }

    @Test("SRV-10 LocalDay orders, steps and encodes calendar days")
    func localDay() throws {
        #expect(friday < saturday)
        #expect(friday.next == saturday)
        #expect(LocalDay(year: 2024, month: 2, day: 28)!.next == LocalDay(year: 2024, month: 2, day: 29))
        #expect(LocalDay(year: 2023, month: 2, day: 28)!.next == LocalDay(year: 2023, month: 3, day: 1))
        #expect(LocalDay(year: 2024, month: 12, day: 31)!.next == LocalDay(year: 2025, month: 1, day: 1))
        #expect(LocalDay(year: 2023, month: 2, day: 29) == nil)
        #expect(LocalDay(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDay(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDay(iso: "0987-03-04")?.iso == "0987-03-04")
        let data = try JSONEncoder().encode([friday])
        #expect(String(decoding: data, as: UTF8.self) == #"["2025-01-03"]"#)
        #expect(try JSONDecoder().decode([LocalDay].self, from: data) == [friday])
    }
}
