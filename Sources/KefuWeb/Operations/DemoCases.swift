import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `kefu demo` also opens customers and cases (issue 3 §9) through the real use cases — numbers, clocks,
/// search index and timeline are the ones real work produces. Cases are spread over the last 30 days
/// (each opened "at" its own time), most assigned, many resolved or closed, some left to breach; the
/// deadline scan then marks the breaches. Skipped when cases already exist.
public enum DemoCases {
    public static func load(_ app: Application, cases total: Int, seed: UInt64 = 2026,
                            progress: (Int, Int) -> Void) async throws -> Int {
        guard try await CaseRecord.query(on: app.db).count() == 0 else { return 0 }
        var random = SeededRandom(seed: seed)
        let users = try await UserRecord.query(on: app.db).filter(\.$active == true).all()
        let agents = users.filter { $0.roles.contains(.agent) }
        guard !agents.isEmpty else { return 0 }
        let now = app.services.now()
        let customers = try await makeCustomers(app, count: max(20, total / 10), random: &random, opener: agents[0])
        // Opened oldest first, as a real center opens them: on SQLite the search index numbers its rows in
        // that order, and search results follow it (CaseSearchWalk).
        let ages = (0..<total).map { _ in Int.random(in: 600...(30 * 86_400), using: &random) }.sorted(by: >)
        for index in 0..<total {
            let owner = agents.randomElement(using: &random)!
            let opened = now.addingTimeInterval(-Double(ages[index]))
            var services = app.services
            services.now = { opened }
            let type = CaseType.allCases.randomElement(using: &random)!
            let staff = try await staffUser(owner, app)
            let customer = customers.randomElement(using: &random)!
            let detail = DemoCaseText.details.randomElement(using: &random)!
                .replacingOccurrences(of: "{product}", with: DemoCaseText.products.randomElement(using: &random)!)
                .replacingOccurrences(of: "{region}", with: customer.region ?? "深圳")
                .replacingOccurrences(of: "{order}", with: "SO\(Int.random(in: 100_000...999_999, using: &random))")
            let input = OpenCase.Input(
                type: type, channel: CaseChannel.allCases.randomElement(using: &random)!, customerID: customer.id, newCustomer: nil,
                subject: DemoCaseText.subjects[type]!.randomElement(using: &random)!,
                description: DemoCaseText.openings.randomElement(using: &random)! + detail,
                priority: [.low, .normal, .normal, .normal, .high, .urgent].randomElement(using: &random)!, departmentID: nil,
                // Only recent cases still wait in the unassigned queue.
                assigneeID: now.timeIntervalSince(opened) < 86_400 && Int.random(in: 0..<10, using: &random) < 4 ? nil : owner.id, callAt: nil, callerRegion: nil,
                contact: nil, relatedDepartmentID: nil, feedbackResult: nil, appointmentAt: nil)
            let record = try await OpenCase(db: app.db, services: services).run(input, by: staff)
            if type == .complaint {
                // The complaint form (客户投诉处理表) that every complaint case carries.
                try await Complaints(db: app.db, services: services).record(ComplaintFormRequest(
                    category: Bool.random(using: &random) ? .quality : .nonQuality, cause: nil,
                    orderNo: "SO\(Int.random(in: 100_000...999_999, using: &random))", batchNo: "B-\(Int.random(in: 1000...9999, using: &random))",
                    shippedOn: nil, defectiveQty: Int.random(in: 1...20, using: &random), customerRequest: ["退货", "换货", "赔偿运费", "上门维修"].randomElement(using: &random)!,
                    claimAmount: MoneyInput(value: Decimal(Int.random(in: 1...80, using: &random) * 100)),
                    severity: ComplaintRules.Severity.allCases.randomElement(using: &random)), for: record)
            }
            try await work(on: record, by: staff, opened: opened, now: now, app: app, random: &random)
            progress(index + 1, total)
        }
        _ = try await ScanDeadlines(db: app.db, services: app.services).run(now: now)
        return total
    }

    /// Older cases are mostly resolved or closed; recent ones still open (and some of those breach).
    private static func work(on record: CaseRecord, by staff: StaffUser, opened: Date, now: Date, app: Application,
                             random: inout SeededRandom) async throws {
        guard record.assigneeID != nil else { return }
        let age = now.timeIntervalSince(opened)
        let roll = Int.random(in: 0..<100, using: &random)
        let later = opened.addingTimeInterval(min(age * 0.5, Double(Int.random(in: 300...7_200, using: &random))))
        var services = app.services
        services.now = { later }
        let actions = CaseActions(db: app.db, services: services)
        _ = try await actions.addNote(record.id!, body: DemoCaseText.replies.randomElement(using: &random)!, isInternal: roll % 3 == 0,
                                      by: staff, expectedVersion: nil)
        if age > 3 * 86_400, roll < 85 || age > 7 * 86_400, roll < 95 {
            _ = try await actions.resolve(record.id!, resolution: DemoCaseText.replies.randomElement(using: &random)!, by: staff, expectedVersion: nil)
            // A complaint closes only after its approved conclusion reached the customer (CMP-25), which the demo
            // does not play through: demo complaints stay resolved.
            if roll < 60, record.type != CaseType.complaint.rawValue { _ = try await actions.close(record.id!, by: staff, expectedVersion: nil) }
        } else if roll < 15 {
            _ = try await actions.pause(record.id!, reason: "等待客户提供资料", by: staff, expectedVersion: nil)
        }
    }

    private static func makeCustomers(_ app: Application, count: Int, random: inout SeededRandom, opener: UserRecord) async throws -> [CustomerRecord] {
        let staff = try await staffUser(opener, app)
        var made: [CustomerRecord] = []
        for index in 0..<count {
            let name = String(DemoCaseText.surnames.randomElement(using: &random)!) + DemoCaseText.givenNames.randomElement(using: &random)!
            let phone = "13\(Int.random(in: 0...9, using: &random))\(String(format: "%08d", 10_000_000 + index * 7_919 % 89_999_999))"
            let tier = index % 25 == 0 ? "key_account" : (index % 7 == 0 ? "important" : "regular")
            do {
                made.append(try await RegisterCustomer(db: app.db, services: app.services).run(
                    .init(name: name, phone: phone, address: nil, region: DemoCaseText.regions.randomElement(using: &random),
                          isMember: index % 3 == 0, tier: tier), by: staff))
            } catch DomainError.conflict { continue }
        }
        return made
    }

    static func staffUser(_ user: UserRecord, _ app: Application) async throws -> StaffUser {
        StaffUser(user, token: AuthTokenRecord(tokenHash: "demo", kind: "demo", userID: user.id!, csrfToken: nil, createdAt: app.services.now(), expiresAt: app.services.now()))
    }
}
