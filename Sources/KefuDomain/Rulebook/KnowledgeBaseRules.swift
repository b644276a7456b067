/// The knowledge base (知识库 / 采编, REQUIREMENTS §8, KB).
public struct KnowledgeBaseRules: Sendable, Equatable {
    /// KB-10 / KB-11: the catalogs in use (default all four families).
    public var catalogs: [KBCatalog]
    /// KB-07: who reads a received business notice first (default center_director, 报中心主任阅).
    public var noticeReader: Role
    /// KB-05: the role in the issuing department that confirms the wording (default dept_manager).
    public var confirmBy: Role

    public init(catalogs: [KBCatalog], noticeReader: Role, confirmBy: Role) {
        self.catalogs = catalogs; self.noticeReader = noticeReader; self.confirmBy = confirmBy
    }
}

extension KnowledgeBaseRules {
    init(_ r: RulebookReader) throws {
        self.init(catalogs: try r.at("catalogs").list().map { try $0.choice(KBCatalog.self) },
                  noticeReader: try r.at("notice_reader").role(), confirmBy: try r.at("confirm_by").role())
    }
}
