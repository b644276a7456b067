/// The roles of REQUIREMENTS §25, spelled as API.md fixes them.
public enum Role: String, CaseIterable, Codable, Sendable, Hashable {
    case admin, agent
    case teamLeader = "team_leader"
    case shiftLeader = "shift_leader"
    case qaInspector = "qa_inspector"
    case kbEditor = "kb_editor"
    case returnVisitor = "return_visitor"
    case csDirector = "cs_director"
    case centerDirector = "center_director"
    case deptManager = "dept_manager"
    case salesManager = "sales_manager"
    case salesVP = "sales_vp"
    case marketing, rnd, finance, warehouse, hr
    case gmOffice = "gm_office"
    case vp, gm, leadership
    case frontDesk = "front_desk"
    case adminOffice = "admin_office"
}
