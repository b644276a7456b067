import Foundation
import KefuCore
import KefuDomain
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// A hospital for the HOS tests: hospital mode on, a triage department with two experts, a guide (front
/// desk), an agent on the consultation line, a return visitor and a clinical department with its doctor.
struct HospitalFixture {
    let guide: TestStaff, agent: TestStaff, visitor: TestStaff, doctor: TestStaff, finance: TestStaff, clinical: UUID

    static func make(_ app: Application, enabled: Bool = true) async throws -> HospitalFixture {
        app.services.rulebook.hospital.enabled = enabled
        app.services.rulebook.hospital.departments = [
            .init(code: "internal", nameZh: "内科", nameEn: "Internal medicine", experts: ["张建国主任", "李慧医师"]),
            .init(code: "dermatology", nameZh: "皮肤科", nameEn: "Dermatology", experts: []),
        ]
        let clinical = try await app.department("门诊内科", kind: .other)
        return HospitalFixture(guide: try await app.staff("daoyi", roles: [.frontDesk]), agent: try await app.staff("zixun", roles: [.agent]),
                               visitor: try await app.staff("huifang", roles: [.returnVisitor]),
                               doctor: try await app.staff("yisheng", roles: [.deptManager], departmentID: clinical),
                               finance: try await app.staff("caiwu", roles: [.finance]), clinical: clinical)
    }

    static var consultation: [String: Any] { [
        "channel": "phone", "media_source": "search", "sex": "female", "age": 36, "disease_type": "慢性胃炎", "course_of_disease": "半年",
        "history": "无", "address": "上海市浦东新区张江路1号", "phone": "13912345678", "visit_intention": "strong", "concerns": "费用和疗程",
        "health_consultation": "饮食建议", "price_comparison": "与公立医院比较", "consumption_habits": "医保为主", "economic_status": "一般",
        "person_type": "上班族", "answer": "建议来院面诊", "expert_referral": "张建国主任",
    ] }

    static var desk: [String: Any] { [
        "patient_name": "王女士", "phone": "13800138000", "medical_record": true, "main_complaint": "胃痛三个月",
        "media_source": "search", "department": "internal", "expert": "张建国主任",
    ] }

    /// Opens a visit at the gate and walks it up to and including `last`.
    func walk(_ app: Application, to last: HospitalStep, consultation: String? = nil) async throws -> String {
        var gate: [String: Any] = ["appointment": true, "first_visit": true]
        if let consultation { gate["consultation_id"] = consultation }
        let opened = try await app.send(.POST, "api/v1/hospital-visits", as: guide, json: gate)
        #expect(opened.status == .created, "\(opened.body.string)")
        let id = try #require(try opened.object()["id"] as? String)
        let steps: [(HospitalStep, String, [String: Any])] = [
            (.desk, "desk", Self.desk), (.registration, "registration", ["paid": true, "experts_introduced": true]),
            (.consultingRoom, "consulting-room", ["handed_to": "director", "handed_to_name": "张建国主任"]),
        ]
        for (step, path, body) in steps {
            guard HospitalStep.allCases.firstIndex(of: step)! <= HospitalStep.allCases.firstIndex(of: last)! else { break }
            let response = try await app.send(.POST, "api/v1/hospital-visits/\(id)/\(path)", as: guide, json: body)
            #expect(response.status == .ok, "\(path): \(response.body.string)")
        }
        return id
    }
}
