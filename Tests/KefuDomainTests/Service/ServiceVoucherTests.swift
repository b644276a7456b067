import Foundation
import KefuDomain
import Testing

struct ServiceVoucherTests {
    private func record(
        _ job: inout ServiceJob, start: TimeInterval = 3_600, end: TimeInterval = 7_200,
        content: String = "清潔並校正", signature: CustomerSignature? = .captured(png: Fixture.png),
        by person: UUID = Fixture.technician
    ) throws {
        try job.recordVoucher(
            by: person, serviceStart: Fixture.at(start), serviceEnd: Fixture.at(end), content: content,
            signature: signature, fee: nil, lowFeeThreshold: Fixture.threshold, at: Fixture.at(8_000))
    }

    @Test("SRV-05 the service person records actual time and content")
    func records() throws {
        var job = try Fixture.inService(.free)
        try record(&job, content: "  清潔並校正 \n")
        #expect(job.status == .voucherSigned)
        #expect(job.voucher?.content == "清潔並校正")
        #expect(job.voucher?.duration == 3_600)
        #expect(job.voucher?.recordedBy == Fixture.technician)
        #expect(job.feeSettlement == nil)
    }

    @Test("SRV-05 end must be after start and times not in the future")
    func times() throws {
        var job = try Fixture.inService(.free)
        #expect(throws: DomainError.validation(fields: ["serviceEnd": "error.service.end_before_start"])) {
            try record(&job, start: 7_200, end: 3_600)
        }
        #expect(throws: DomainError.validation(fields: ["serviceEnd": "error.service.end_before_start"])) {
            try record(&job, start: 3_600, end: 3_600)
        }
        #expect(throws: DomainError.validation(fields: ["serviceEnd": "error.service.time_in_future"])) {
            try record(&job, end: 8_001)
        }
        #expect(throws: DomainError.validation(fields: [
            "serviceStart": "error.service.time_in_future", "serviceEnd": "error.service.time_in_future",
        ])) {
            try record(&job, start: 9_000, end: 9_500)
        }
        #expect(job.status == .inService)
    }

    @Test("SRV-05 content is required and at most 2000 characters")
    func content() throws {
        var job = try Fixture.inService(.free)
        #expect(throws: DomainError.validation(fields: ["content": "error.field.required"])) {
            try record(&job, content: " \n ")
        }
        #expect(throws: DomainError.validation(fields: ["content": "error.field.too_long"])) {
            try record(&job, content: String(repeating: "修", count: 2_001))
        }
        try record(&job, content: String(repeating: "修", count: 2_000))
        #expect(job.status == .voucherSigned)
    }

    @Test("SRV-05 only the assigned service person records the voucher")
    func assigneeOnly() throws {
        var job = try Fixture.inService(.free)
        #expect(throws: DomainError.forbidden(reason: "service.voucher_assignee_only")) {
            try record(&job, by: UUID())
        }
    }

    @Test("SRV-08 a voucher without signature cannot be completed")
    func signatureRequired() throws {
        var job = try Fixture.inService(.free)
        #expect(throws: DomainError.validation(fields: ["signature": "error.service.signature_required"])) {
            try record(&job, signature: nil)
        }
        #expect(throws: DomainError.validation(fields: ["signature": "error.service.signature_required"])) {
            try record(&job, signature: .captured(png: Data()))
        }
        #expect(job.voucher == nil)
    }

    @Test("SRV-08 captured signature must be a PNG of at most 200 KB")
    func capturedSignature() {
        let max = CustomerSignature.maxCapturedBytes
        let atLimit = Fixture.png + Data(count: max - Fixture.png.count)
        #expect(CustomerSignature.captured(png: atLimit).validate().isEmpty)
        #expect(CustomerSignature.captured(png: atLimit + Data([0])).validate()
            == ["signature": "error.service.signature_too_large"])
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0])
        #expect(CustomerSignature.captured(png: jpeg).validate() == ["signature": "error.service.signature_not_png"])
        #expect(CustomerSignature.captured(png: Data([0x89, 0x50])).validate()
            == ["signature": "error.service.signature_not_png"])
    }

    @Test("SRV-08 captured signature from base64 text")
    func base64Signature() throws {
        let signature = try CustomerSignature.captured(base64: Fixture.png.base64EncodedString())
        #expect(signature == .captured(png: Fixture.png))
        #expect(throws: DomainError.validation(fields: ["signature": "error.service.signature_not_png"])) {
            try CustomerSignature.captured(base64: Data("hello".utf8).base64EncodedString())
        }
        let huge = Data(count: CustomerSignature.maxCapturedBytes * 2).base64EncodedString()
        #expect(throws: DomainError.validation(fields: ["signature": "error.service.signature_too_large"])) {
            try CustomerSignature.captured(base64: huge)
        }
    }

    @Test("SRV-08 signed on paper needs the name of who confirms")
    func paperSignature() throws {
        #expect(CustomerSignature.onPaper(confirmedBy: " ").validate() == ["signatureConfirmedBy": "error.field.required"])
        #expect(CustomerSignature.onPaper(confirmedBy: String(repeating: "名", count: 65)).validate()
            == ["signatureConfirmedBy": "error.field.too_long"])
        var job = try Fixture.inService(.contract)
        try record(&job, signature: .onPaper(confirmedBy: "王小明"))
        #expect(job.voucher?.signature == .onPaper(confirmedBy: "王小明"))
    }
}
