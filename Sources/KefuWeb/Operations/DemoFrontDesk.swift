import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `kefu demo`: a front desk and training with something to show — a shift-start notice to confirm, two
/// meeting rooms and a booking, office supplies (one low), a parcel waiting, an access card, a training
/// session and a mentor for the probationer. Idempotent: nothing is added once a notice exists.
public enum DemoFrontDesk {
    public static func load(_ app: Application, progress: (String) -> Void) async throws {
        let users = UserRepository(db: app.db)
        guard try await NoticeRecord.query(on: app.db).count() == 0,
              let desk = try await users.find(username: "luoyan"), let director = try await users.find(username: "wangfang"),
              let leader = try await users.find(username: "lina"), let agent = try await users.find(username: "chenjing"),
              let newcomer = try await users.find(username: "huangmin") else { return }
        let deskStaff = try await DemoCases.staffUser(desk, app), directorStaff = try await DemoCases.staffUser(director, app)
        let services = app.services, now = services.now(), calendar = services.rulebook.calendar
        let today = calendar.localDate(of: now)
        let tomorrow = QualityPeriod.adding(1, to: today)
        func at(_ day: LocalDate, _ time: String) -> Date { calendar.instant(day, LocalTime(time)!) }

        _ = try await Notices(db: app.db, services: services).publish(.init(
            title: "关于12月宽带资费调整的通知", body: "自12月1日起，宽带包年资费下调10%。请各班组班前学习，并按新口径答复客户咨询。",
            source: "营销部", channel: NoticeChannel.inApp.rawValue, shiftStart: true, requiresConfirmation: true,
            confirmBy: at(QualityPeriod.adding(3, to: today), "18:00"), audience: NoticeAudience(everyone: true)), by: deskStaff)
        let rooms = Rooms(db: app.db, services: services)
        let big = try await rooms.create(.init(name: "三楼大会议室", capacity: 30, equipment: ["投影仪", "视频会议"]), by: deskStaff)
        _ = try await rooms.create(.init(name: "客服中心小会议室", capacity: 8, equipment: ["白板"]), by: deskStaff)
        _ = try await RoomBookings(db: app.db, services: services).book(.init(
            roomID: big.id, title: "月度业务代表会议", startsAt: at(tomorrow, "14:00"), endsAt: at(tomorrow, "16:00"), attendees: 20), by: directorStaff)
        let supplies = SupplyItems(db: app.db, services: services)
        _ = try await supplies.create(.init(name: "签字笔", specification: "0.5mm 黑色", unit: "支", category: "文具", minimumStock: 20, stock: 120), by: deskStaff)
        _ = try await supplies.create(.init(name: "A4 复印纸", specification: "70g 500张/包", unit: "包", category: "纸品", minimumStock: 10, stock: 4), by: deskStaff)
        _ = try await Parcels(db: app.db, services: services).register(.init(
            trackingNo: "SF1029384756", courier: "顺丰", senderName: "张先生", senderOrganization: "华信公司", senderContact: "13900000001",
            recipientUserID: agent.id, recipientContact: "8023", content: "合同文件", important: true), by: deskStaff)
        _ = try await AccessCards(db: app.db, services: services).issue(cardNo: "A0102", to: agent.id, by: deskStaff)
        let training = Training(db: app.db, services: services)
        _ = try await training.schedule(.init(
            title: "宽带新资费与答复口径", content: "12月宽带资费调整；统一答复口径；系统录入演示", trainer: "王芳", kind: TrainingKind.business.rawValue,
            startsAt: at(tomorrow, "16:30"), endsAt: at(tomorrow, "17:30"), location: "客服中心小会议室",
            traineeIDs: [leader.id!, agent.id!, newcomer.id!]), by: directorStaff)
        _ = try await training.assignMentor(mentorID: agent.id, menteeID: newcomer.id, by: directorStaff)
        progress("前台 front desk: a notice to confirm, 2 rooms and a booking, 2 supplies (1 low), a parcel, an access card; 培训 a session and a mentor")
    }
}
