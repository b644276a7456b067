import Foundation
import KefuDomain
import Testing

struct ServiceRegisterEntryTests {
    @Test("SRV-02 a complete entry is valid and registers a job")
    func valid() throws {
        #expect(Fixture.entry.validate().isEmpty)
        let job = try Fixture.registered()
        #expect(job.status == .registered)
        #expect(job.version == 1)
        #expect(job.entry.purchaseDay == LocalDay(year: 2024, month: 6, day: 18))
    }

    @Test("SRV-02 product model is required, blank counts as missing")
    func modelRequired() {
        let entry = ServiceRegisterEntry(address: "x", productModel: "   ")
        #expect(entry.validate() == ["productModel": "error.field.required"])
    }

    @Test("SRV-02 address is required for on-site service only")
    func addressRequired() {
        #expect(ServiceRegisterEntry(productModel: "M").validate() == ["address": "error.field.required"])
        #expect(ServiceRegisterEntry(productModel: "M", onSite: false).validate().isEmpty)
    }

    @Test("SRV-02 length limits: 64 for model, specification, place; 200 for address")
    func lengths() {
        let ok = ServiceRegisterEntry(
            address: String(repeating: "路", count: 200), productModel: String(repeating: "M", count: 64),
            specification: String(repeating: "s", count: 64), purchasePlace: String(repeating: "店", count: 64))
        #expect(ok.validate().isEmpty)
        let long = ServiceRegisterEntry(
            address: String(repeating: "路", count: 201), productModel: String(repeating: "M", count: 65),
            specification: String(repeating: "s", count: 65), purchasePlace: String(repeating: "店", count: 65))
        #expect(long.validate() == [
            "address": "error.field.too_long", "productModel": "error.field.too_long",
            "specification": "error.field.too_long", "purchasePlace": "error.field.too_long",
        ])
    }

    @Test("SRV-02 purchase date must be a real YYYY-MM-DD day, not after today",
          arguments: ["2025-02-30", "2025/01/01", "25-01-01", "2025-1-01", "2025-13-01", "abcd-ef-gh"])
    func badDates(text: String) {
        let entry = ServiceRegisterEntry(address: "x", productModel: "M", purchaseDate: text)
        #expect(entry.validate() == ["purchaseDate": "error.field.date"])
    }

    @Test("SRV-02 leap day is accepted and future purchase date rejected")
    func dateEdges() {
        let today = LocalDay(year: 2025, month: 1, day: 3)!
        let leap = ServiceRegisterEntry(address: "x", productModel: "M", purchaseDate: "2024-02-29")
        #expect(leap.validate(today: today).isEmpty)
        let sameDay = ServiceRegisterEntry(address: "x", productModel: "M", purchaseDate: "2025-01-03")
        #expect(sameDay.validate(today: today).isEmpty)
        let future = ServiceRegisterEntry(address: "x", productModel: "M", purchaseDate: "2025-01-04")
        #expect(future.validate(today: today) == ["purchaseDate": "error.field.date"])
    }

    @Test("SRV-02 registering an invalid entry throws validation")
    func registerInvalid() {
        #expect(throws: DomainError.validation(fields: ["productModel": "error.field.required"])) {
            try ServiceJob.register(
                caseID: Fixture.caseID, category: .free,
                entry: ServiceRegisterEntry(address: "x", productModel: ""),
                isOffsite: false, at: Fixture.t0, timeZone: Fixture.timeZone)
        }
    }
}
