import Foundation
import KefuDomain
import Testing

struct ServiceCategoryTests {
    @Test("SRV-01 four categories lettered a to d")
    func categories() {
        #expect(ServiceCategory.allCases == [.paid, .contract, .free, .internal])
        #expect(ServiceCategory.allCases.map(\.letter) == ["a", "b", "c", "d"])
        #expect(ServiceCategory.allCases.map(\.rawValue) == ["paid", "contract", "free", "internal"])
    }

    @Test("SRV-01 only paid service is chargeable")
    func chargeable() {
        #expect(ServiceCategory.allCases.filter(\.isChargeable) == [.paid])
    }

    @Test("SRV-01 category round-trips through JSON as its raw value")
    func codable() throws {
        let data = try JSONEncoder().encode([ServiceCategory.internal])
        #expect(String(decoding: data, as: UTF8.self) == #"["internal"]"#)
        #expect(try JSONDecoder().decode([ServiceCategory].self, from: data) == [.internal])
    }
}
