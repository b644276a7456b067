import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `kefu demo`: the next weekly 班务会 (MTG-01) chaired by the 客服部主任, and the next monthly 业务代表会议
/// (MTG-02), so that the meeting pages have something to show. Idempotent: nothing is added once any meeting exists.
public enum DemoMeetings {
    public static func load(_ app: Application, progress: (String) -> Void) async throws {
        guard try await MeetingRecord.query(on: app.db).count() == 0,
              let director = try await UserRepository(db: app.db).find(username: "wangfang") else { return }
        let staff = try await DemoCases.staffUser(director, app)
        let meetings = Meetings(db: app.db, services: app.services)
        let weekly = try await meetings.schedule(.init(kind: .weeklyAffairs, title: "班务会：本周服务情况与疑难案例", location: "客服中心会议室",
                                                       agenda: "1. 本周服务、安全、作风、培训、考勤情况\n2. 疑难投诉案例分析\n3. 统一答复口径"), by: staff)
        _ = try await meetings.addDecision(weekly.id!, .init(text: "空调不制冷来电：先指导客户检查遥控器模式与滤网，仍不制冷再登记上门。", followUp: .none), by: staff)
        _ = try await meetings.schedule(.init(kind: .monthlyAgents, location: "三楼大会议室",
                                             agenda: "当月任务完成情况；质检奖优罚劣；各组月报；业务培训与答疑；下月计划"), by: staff)
        progress("会议 meetings: weekly 班务会 and monthly 业务代表会议 scheduled")
    }
}
