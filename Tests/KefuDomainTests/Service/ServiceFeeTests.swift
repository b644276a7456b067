import Foundation
import KefuDomain
import Testing

struct ServiceFeeTests {
    private let threshold = Decimal(string: "200.00")!

    @Test("SRV-06 a fee equal to the low-fee threshold is collected on site")
    func equalThreshold() {
        #expect(ServiceFee.settlement(fee: Decimal(string: "200")!, lowFeeThreshold: threshold)
            == .collectedOnSite(Decimal(200)))
        #expect(ServiceFee.settlement(fee: Decimal(string: "0.01")!, lowFeeThreshold: threshold)
            == .collectedOnSite(Decimal(string: "0.01")!))
    }

    @Test("SRV-07 a fee above the threshold is invoiced and collected later")
    func aboveThreshold() {
        let fee = Decimal(string: "200.01")!
        #expect(ServiceFee.settlement(fee: fee, lowFeeThreshold: threshold) == .invoiceRequested(fee))
        #expect(FeeSettlement.invoiceRequested(fee).amount == fee)
    }

    @Test("SRV-06 paid fee must be positive with at most 2 decimal places")
    func paidValidation() {
        #expect(ServiceFee.validate(Decimal(string: "12.345")!, category: .paid)
            == ["fee": "error.service.amount_precision"])
        #expect(ServiceFee.validate(Decimal(string: "12.340")!, category: .paid).isEmpty)
        #expect(ServiceFee.validate(Decimal(0), category: .paid) == ["fee": "error.service.fee_not_positive"])
        #expect(ServiceFee.validate(Decimal(-5), category: .paid) == ["fee": "error.service.fee_not_positive"])
        #expect(ServiceFee.validate(nil, category: .paid) == ["fee": "error.field.required"])
    }

    @Test("SRV-06 non-paid categories carry no fee", arguments: [ServiceCategory.contract, .free, .internal])
    func nonPaid(category: ServiceCategory) throws {
        #expect(ServiceFee.validate(Decimal(10), category: category) == ["fee": "error.service.fee_not_paid_category"])
        #expect(try ServiceFee.settle(fee: nil, category: category, lowFeeThreshold: threshold) == nil)
    }

    @Test("SRV-07 the settlement is stored on the paid job with the voucher")
    func storedOnJob() throws {
        #expect(try Fixture.signed(fee: Decimal(200)).feeSettlement == .collectedOnSite(Decimal(200)))
        #expect(try Fixture.signed(fee: Decimal(999)).feeSettlement == .invoiceRequested(Decimal(999)))
    }

    @Test("SRV-06 fee errors block the voucher together with other field errors")
    func feeBlocksVoucher() throws {
        var job = try Fixture.inService(.paid)
        #expect(throws: DomainError.validation(fields: [
            "fee": "error.service.amount_precision", "signature": "error.service.signature_required",
        ])) {
            try job.recordVoucher(
                by: Fixture.technician, serviceStart: Fixture.at(3_600), serviceEnd: Fixture.at(7_200),
                content: "x", signature: nil, fee: Decimal(string: "1.005")!,
                lowFeeThreshold: threshold, at: Fixture.at(8_000))
        }
        var free = try Fixture.inService(.free)
        #expect(throws: DomainError.validation(fields: ["fee": "error.service.fee_not_paid_category"])) {
            try free.recordVoucher(
                by: Fixture.technician, serviceStart: Fixture.at(3_600), serviceEnd: Fixture.at(7_200),
                content: "x", signature: .captured(png: Fixture.png), fee: Decimal(50),
                lowFeeThreshold: threshold, at: Fixture.at(8_000))
        }
        #expect(job.status == .inService && free.status == .inService)
    }
}
