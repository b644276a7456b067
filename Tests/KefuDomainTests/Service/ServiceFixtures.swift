import Foundation
import KefuDomain

/// Shared builders for the service-job tests.
enum Fixture {
    static let timeZone = TimeZone(identifier: "Asia/Shanghai")!
    /// Friday 2025-01-03 13:00 in Shanghai.
    static let t0 = Date(timeIntervalSince1970: 1_735_880_400)
    static let caseID = UUID()
    static let manager = UUID()
    static let technician = UUID()
    static let threshold = Decimal(200)
    /// PNG magic bytes followed by a few bytes of "image".
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])

    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    static let entry = ServiceRegisterEntry(
        customerName: "王小明", address: "上海市浦東新區世紀大道 100 號", phone: "13800138000",
        productModel: "KF-2000", specification: "220V", purchaseDate: "2024-06-18",
        purchasePlace: "上海門市")

    static func registered(_ category: ServiceCategory = .paid, offsite: Bool = false) throws -> ServiceJob {
        try ServiceJob.register(
            caseID: caseID, category: category, entry: entry, isOffsite: offsite,
            at: t0, timeZone: timeZone)
    }

    static func dispatched(_ category: ServiceCategory = .paid, offsite: Bool = false) throws -> ServiceJob {
        var job = try registered(category, offsite: offsite)
        if offsite { try job.offsiteApproved(at: at(60)) }
        try job.dispatch(to: technician, by: manager, isDepartmentManager: true, at: at(120))
        return job
    }

    static func inService(_ category: ServiceCategory = .paid, offsite: Bool = false) throws -> ServiceJob {
        var job = try dispatched(category, offsite: offsite)
        try job.startService(at: at(3_000))
        return job
    }

    static func signed(
        _ category: ServiceCategory = .paid, fee: Decimal? = Decimal(150), offsite: Bool = false
    ) throws -> ServiceJob {
        var job = try inService(category, offsite: offsite)
        try job.recordVoucher(
            by: technician, serviceStart: at(3_600), serviceEnd: at(7_200),
            content: "更換主機板並測試", signature: .captured(png: png),
            fee: category == .paid ? fee : nil, lowFeeThreshold: threshold, at: at(8_000))
        return job
    }

    static func countersigned() throws -> ServiceJob {
        var job = try signed()
        try job.countersign(by: manager, isDepartmentManager: true, at: at(9_000))
        return job
    }

    static func filed() throws -> ServiceJob {
        var job = try countersigned()
        try job.file(at: at(10_000))
        return job
    }
}
