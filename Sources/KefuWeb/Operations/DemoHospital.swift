import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `kefu demo --hospital`: a hospital's guide desk with something to show — two weeks of consultations over
/// every channel and media source (some arrived), today's patients in every step of the flow, visits finished
/// with their return visits scheduled, a referral and a clinical department's request. Needs the hospital
/// rulebook (`hospital.enabled`); idempotent: nothing is added once a consultation exists.
public enum DemoHospital {
    public static func load(_ app: Application, progress: (Int, Int) -> Void) async throws {
        let services = app.services, rules = services.rulebook.hospital
        let users = UserRepository(db: app.db)
        guard rules.enabled, try await HospitalConsultationRecord.query(on: app.db).count() == 0,
              let guide = try await users.find(username: "luoyan"), let admin = try await users.find(username: "zhangwei") else { return }
        let agents = try await ["chenjing", "yangli", "zhaolei"].sequentialMap { try await users.find(username: $0) }.compactMap { $0 }
        let desk = try await DemoCases.staffUser(guide, app), director = try await DemoCases.staffUser(admin, app)
        let lines = try await agents.sequentialMap { try await DemoCases.staffUser($0, app) }
        guard !lines.isEmpty, !rules.channels.isEmpty, !rules.mediaSources.isEmpty, let department = rules.departments.first else { return }
        let consultations = Consultations(db: app.db, services: services), visits = HospitalVisits(db: app.db, services: services)
        let now = services.now()
        let diseases = ["慢性胃炎", "月经不调", "前列腺炎", "湿疹", "过敏性鼻炎", "高血压", "颈椎病"]
        let total = 60 + 12
        var done = 0
        var arrivals: [UUID] = []
        for index in 0..<60 {
            let record = try await consultations.register(.init(
                channel: rules.channels[index % rules.channels.count].code, mediaSource: rules.mediaSources[(index * 7 / 3) % rules.mediaSources.count].code,
                age: 22 + (index * 7) % 50, sex: index % 3 == 0 ? "male" : "female", courseOfDisease: "\(1 + index % 12)个月",
                history: index % 4 == 0 ? "曾在外院治疗" : nil, diseaseType: diseases[index % diseases.count], address: "上海市浦东新区",
                phone: String(format: "139%08d", 10_000 + index), visitIntention: ["strong", "considering", "none"][index % 3],
                concerns: ["费用", "疗程", "专家", "是否需要住院"][index % 4], healthConsultation: "饮食与作息建议",
                priceComparison: index % 5 == 0 ? "与公立医院比较" : nil, consumptionHabits: nil, economicStatus: ["一般", "较好"][index % 2],
                personType: ["上班族", "退休", "学生"][index % 3], answer: "已解答，建议来院面诊", expertReferral: department.experts.first),
                by: lines[index % lines.count])
            // Spread the register over two weeks so the report has a period to show.
            record.createdAt = now.addingTimeInterval(-Double((index % 14) * 86_400 + index * 600))
            try await record.update(on: app.db)
            if index % 3 == 0 { arrivals.append(record.id!) }
            done += 1; progress(done, total)
        }
        // Arrived callers walk the whole flow; today's patients stop at every step.
        let stops: [HospitalStep?] = [nil, nil, .gate, .gate, .desk, .desk, .registration, .registration, .consultingRoom, .consultingRoom, .consultingRoom, .desk]
        for (index, stop) in stops.enumerated() {
            let consultation = index < arrivals.count && index % 2 == 0 ? arrivals[index] : nil
            var visit = try await visits.gate(.init(appointment: index % 2 == 0, firstVisit: index % 3 != 0, patientName: nil, consultationID: consultation), by: desk)
            let expert = department.experts.isEmpty ? nil : department.experts[index % department.experts.count]
            let flow = rules.flow.steps
            for step in flow.dropFirst() {
                if let stop, flow.firstIndex(of: step)! > flow.firstIndex(of: stop)! { break }
                switch step {
                case .desk:
                    visit = try await visits.desk(visit.id!, .init(patientName: ["王女士", "刘先生", "陈女士", "赵先生"][index % 4] + "\(index + 1)",
                        phone: String(format: "138%08d", 20_000 + index), medicalRecord: true, mainComplaint: "反复\(diseases[index % diseases.count])症状",
                        mediaSource: rules.mediaSources[index % rules.mediaSources.count].code, department: department.code, expert: expert,
                        consultationID: nil, version: nil), by: desk)
                case .registration: visit = try await visits.registration(visit.id!, paid: true, expertsIntroduced: true, version: nil, by: desk)
                case .consultingRoom:
                    visit = try await visits.consultingRoom(visit.id!, handedTo: index % 2 == 0 ? "director" : "assistant",
                                                            handedToName: expert ?? "医助小张", version: nil, by: desk)
                case .gate: break
                }
            }
            if index == stops.count - 1 { _ = try await visits.leave(visit.id!, reason: "排队时间太长，改日再来", version: nil, by: desk) }
            done += 1; progress(done, total)
        }
        let departments = try await OrganizationRepository(db: app.db).departments()
        if let clinical = departments.first(where: { $0.name == "客服中心" }) ?? departments.first {
            let requests = HospitalRequests(db: app.db, services: services)
            _ = try await requests.refer(.init(departmentID: clinical.id, content: "患者询问医保异地结算的具体比例，请相关科室答复", visitID: nil, consultationID: nil), by: desk)
            _ = try await requests.request(.init(departmentID: clinical.id, content: "明天上午专家会诊，请导医台提前引导三位复诊患者到三楼", visitID: nil, consultationID: nil), by: director)
        }
        // RTV-14: the first round of return visits of the patients seen in the consulting room.
        let due = services.rulebook.calendar.deadline(from: services.now(), adding: rules.returnVisitEvery).addingTimeInterval(60)
        _ = try await HospitalReturnVisits(db: app.db, services: services).run(now: due)
    }
}

private extension Sequence {
    func sequentialMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
