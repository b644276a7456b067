/// Who sees which reports. The shift leaders who compile the daily, weekly and monthly reports
/// (RPT-03/04), the CS director (RPT-02), QA and management see the whole center; a team leader only the
/// workload of the teams they lead.
public enum ReportAccess {
    public static let centerWideRoles: Set<Role> = [.admin, .shiftLeader, .qaInspector, .csDirector, .centerDirector, .vp, .gm, .leadership, .gmOffice]

    public static func isCenterWide(_ roles: some Sequence<Role>) -> Bool {
        roles.contains { centerWideRoles.contains($0) }
    }
}
