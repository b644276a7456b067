import Foundation

/// The hospital guidance desk variant (REQUIREMENTS §23 HOS, ORG-19, RPT-08, RTV-14). Off unless the
/// organization's rulebook sets `hospital.enabled: true`; its pages and routes do not exist otherwise.
public struct HospitalRules: Sendable, Equatable {
    /// A named option of an organization-defined list (channel, media source).
    public struct Option: Sendable, Equatable {
        public var code: String, nameZh: String, nameEn: String
        public init(code: String, nameZh: String, nameEn: String) { self.code = code; self.nameZh = nameZh; self.nameEn = nameEn }
    }

    /// A triage department (分診科室) with its experts (專家).
    public struct Department: Sendable, Equatable {
        public var code: String, nameZh: String, nameEn: String, experts: [String]
        public init(code: String, nameZh: String, nameEn: String, experts: [String]) {
            self.code = code; self.nameZh = nameZh; self.nameEn = nameEn; self.experts = experts
        }
    }

    public var enabled: Bool
    /// ORG-19: consultation channels (電話, 商務通, QQ …).
    public var channels: [Option]
    /// HOS-06 / RPT-08: 媒體來源, how the patient heard of the hospital.
    public var mediaSources: [Option]
    /// HOS-06: triage departments and their experts.
    public var departments: [Department]
    /// HOS-03: the guidance steps in order (starts at the gate, ends in the consulting room).
    public var flow: HospitalFlow
    /// HOS-09: words the desk must never write in an answer ("不知道").
    public var forbiddenPhrases: [String]
    /// RTV-14: a visited patient's periodic phone return visits: the interval and how many.
    public var returnVisitEvery: DurationSpec
    public var returnVisitCount: Int

    public init(enabled: Bool, channels: [Option], mediaSources: [Option], departments: [Department], flow: HospitalFlow,
                forbiddenPhrases: [String], returnVisitEvery: DurationSpec, returnVisitCount: Int) {
        self.enabled = enabled; self.channels = channels; self.mediaSources = mediaSources; self.departments = departments
        self.flow = flow; self.forbiddenPhrases = forbiddenPhrases; self.returnVisitEvery = returnVisitEvery
        self.returnVisitCount = returnVisitCount
    }

    public func channel(_ code: String) -> Option? { channels.first { $0.code == code } }
    public func mediaSource(_ code: String) -> Option? { mediaSources.first { $0.code == code } }
    public func department(_ code: String) -> Department? { departments.first { $0.code == code } }

    /// HOS-09: the first forbidden phrase `text` contains, if any.
    public func forbiddenPhrase(in text: String) -> String? {
        forbiddenPhrases.first { !$0.isEmpty && text.contains($0) }
    }
}

extension HospitalRules {
    init(_ r: RulebookReader) throws {
        func options(_ key: String) throws -> [Option] {
            let node = try r.at(key)
            return try node.keys.map { code in
                Option(code: code, nameZh: try node.at("\(code).name_zh").text(), nameEn: try node.at("\(code).name_en").text())
            }
        }
        let departmentsNode = try r.at("departments")
        let departments = try departmentsNode.keys.map { code in
            Department(code: code, nameZh: try departmentsNode.at("\(code).name_zh").text(),
                       nameEn: try departmentsNode.at("\(code).name_en").text(),
                       experts: try departmentsNode.at("\(code).experts").list().map { try $0.text() })
        }
        let flowNode = try r.at("flow")
        let steps = try flowNode.list().map { try $0.choice(HospitalStep.self) }
        // The gate creates the visit and the consulting room ends it: only the steps between may be dropped.
        guard steps.first == .gate, steps.last == .consultingRoom else {
            throw flowNode.mismatch("the flow must start with gate and end with consulting_room")
        }
        self.init(enabled: try r.at("enabled").bool(), channels: try options("channels"), mediaSources: try options("media_sources"),
                  departments: departments, flow: HospitalFlow(steps: steps),
                  forbiddenPhrases: try r.at("forbidden_phrases").list().map { try $0.text() },
                  returnVisitEvery: try r.at("return_visit_every").duration(), returnVisitCount: try r.at("return_visit_count").int())
    }
}
