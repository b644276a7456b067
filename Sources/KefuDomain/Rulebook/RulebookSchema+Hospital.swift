import Foundation

/// The `hospital` section (HOS, ORG-19, RPT-08, RTV-14): the guidance-desk variant, off by default.
extension RulebookSchema {
    static let hospitalOption = RulebookShape.record([
        RulebookField(name: "name_zh", shape: .text),
        RulebookField(name: "name_en", shape: .text),
    ])

    static let hospitalDepartment = RulebookShape.record([
        RulebookField(name: "name_zh", shape: .text),
        RulebookField(name: "name_en", shape: .text),
        RulebookField(name: "experts", shape: .list(.text, minimumCount: 0, unique: true)),
    ])

    static let hospital: [RulebookField] = [
        key("enabled", .boolean, ["HOS-03", "ORG-19"], "Hospital mode: the guide desk, the consultation register and their report",
            "医院模式：导医台、咨询登记及到院率报表"),
        key("channels", .dictionary(hospitalOption, itemDocs: [:]), ["ORG-19", "HOS-01"],
            "Consultation channels (phone, 商务通, QQ …) with their names", "咨询渠道（电话、商务通、QQ等）"),
        key("media_sources", .dictionary(hospitalOption, itemDocs: [:]), ["HOS-06", "RPT-08"],
            "Media sources (媒体来源): how patients heard of the hospital", "媒体来源：患者从何处得知本院"),
        key("departments", .dictionary(hospitalDepartment, itemDocs: [:]), ["HOS-06", "HOS-07"],
            "Triage departments with their experts", "分诊科室及其专家"),
        key("flow", .list(.choice(HospitalStep.allCases.map(\.rawValue)), minimumCount: 2, unique: true), ["HOS-03", "HOS-05", "HOS-06", "HOS-07", "HOS-08"],
            "Guidance steps in order (gate first, consulting_room last)", "导医流程步骤顺序（首为大门导医，末为送入诊室）"),
        key("forbidden_phrases", .list(.text, minimumCount: 0, unique: true), ["HOS-09"],
            "Phrases never written in an answer (unanswerable questions go to the relevant department)",
            "答复中禁止出现的用语（不能解答的问题转相关科室）"),
        key("return_visit_every", .duration, ["RTV-14"], "Interval of the periodic phone return visits of visited patients",
            "就诊患者定期电话回访的间隔"),
        key("return_visit_count", .integer(0...24), ["RTV-14"], "How many periodic return visits a visited patient receives",
            "每位就诊患者的定期回访次数"),
    ]
}
