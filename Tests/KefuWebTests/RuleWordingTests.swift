import Foundation
import KefuCore
import KefuDomain
@testable import KefuWeb
import Testing

/// Issue 21 item 13: the rules in words — titles, units, role names and labels in both languages.
@Suite("Rules in words: titles and values for staff, in zh-Hans and English")
struct RuleWordingTests {
    static let root = LocalizationTests.root
    static let localization = try! Localization.load(directory: root.appendingPathComponent("Resources/Localization").path)

    static func rulebook(_ file: String = "default.yaml", override: String? = nil) throws -> Rulebook {
        let text = try String(contentsOf: root.appendingPathComponent("Resources/Rulebook/\(file)"), encoding: .utf8)
        if file == "default.yaml" { return try Rulebook.load(defaults: text, override: override) }
        let defaults = try String(contentsOf: root.appendingPathComponent("Resources/Rulebook/default.yaml"), encoding: .utf8)
        return try Rulebook.load(defaults: defaults, override: text, overrideFile: file)
    }

    static func wording(_ language: UILanguage) -> RuleWording {
        RuleWording(localization: localization, language: language, organizationName: "客服中心")
    }

    static func told(_ key: String, _ language: UILanguage, override: String? = nil) throws -> (title: String, value: String) {
        let entry = try #require(try rulebook(override: override).entry(key), "\(key)")
        let wording = wording(language)
        return (wording.title(of: entry), wording.value(of: entry))
    }

    @Test("The working week: days with the same hours run together, rest days last", arguments: [
        (UILanguage.zhHans, "工作日与上班时间", "周一至周五 08:30–12:00、13:30–17:30；周六、周日休息"),
        (.en, "Working days and hours", "Mon to Fri 08:30–12:00, 13:30–17:30; Sat, Sun off"),
    ])
    func week(language: UILanguage, title: String, value: String) throws {
        let told = try Self.told("calendar.week", language)
        #expect(told.title == title)
        #expect(told.value == value)
    }

    @Test("A Saturday morning splits the week: 周一至周五 …；周六 09:00–12:00；周日休息")
    func saturdayMorning() throws {
        let told = try Self.told("calendar.week", .zhHans, override: "calendar:\n  week:\n    sat: [\"09:00-12:00\"]\n")
        #expect(told.value == "周一至周五 08:30–12:00、13:30–17:30；周六 09:00–12:00；周日休息")
    }

    @Test("Conditions that must all hold are joined with 且 / and")
    func complaintClosing() throws {
        #expect(try Self.told("complaints.close_requires", .zhHans).title == "投诉结案条件")
        #expect(try Self.told("complaints.close_requires", .zhHans).value == "各部门任务全部完成且已向客户答复处理结论")
        #expect(try Self.told("complaints.close_requires", .en).value
            == "every department's task is done and the customer has been told the conclusion")
    }

    @Test("Amounts in 元, durations in 小时/天/工作日, English singulars", arguments: [
        ("service.low_fee_threshold", UILanguage.zhHans, "200 元"),
        ("service.low_fee_threshold", .en, "200 yuan"),
        ("complaints.close_within", .zhHans, "6 天"),
        ("return_visits.due_within", .zhHans, "72 小时"),
        ("cases.first_response_within", .zhHans, "2 个工作小时"),
        ("cases.backlog_after", .en, "1 working day"),
        ("cases.resolve_within", .zhHans, "低：5 个工作日；普通：3 个工作日；高：1 个工作日；紧急：4 小时"),
        ("deadlines.warn_at_percent", .zhHans, "80%"),
        ("cases.attachment_max_bytes", .zhHans, "10 MB"),
        ("meeting_rooms.external_tariff_per_hour", .zhHans, "每小时 200 元"),
        ("complaints.monthly_review_day", .zhHans, "每月 10 日"),
        ("staff.typing_speed_chars_per_minute", .zhHans, "试用期：每分钟 30 字；初级：每分钟 30 字；中级：每分钟 50 字；高级：每分钟 50 字；储备主管：每分钟 50 字"),
        ("pay_grades.senior", .zhHans, "月薪 3000 元；最短服务期 6 个月；优秀称号 1 次；季度 A 等 2 次"),
    ])
    func units(key: String, language: UILanguage, value: String) throws {
        #expect(try Self.told(key, language).value == value)
    }

    @Test("Approval bands name the range and the approver", arguments: [
        (UILanguage.zhHans, "不足 1000 元：销售部门经理；1000 元 至 5000 元（含）：副总经理；超过 5000 元：总经理"),
        (.en, "under 1000 yuan: Sales manager; 1000 yuan to 5000 yuan inclusive: Vice president; over 5000 yuan: General manager"),
    ])
    func bands(language: UILanguage, value: String) throws {
        #expect(try Self.told("complaints.approval_bands", language).value == value)
    }

    @Test("Leave bands count days: 不超过 1 天 → 客服部主任")
    func leaveBands() throws {
        #expect(try Self.told("leave.approval_by_days", .zhHans).value == "不超过 1 天：客服部主任；超过 1 天：客服中心主任")
    }

    @Test("Holidays by year, runs as ranges")
    func holidays() throws {
        let zh = try Self.told("calendar.holidays", .zhHans).value
        #expect(zh.contains("2026年：1月1日—3日、2月15日—23日"))
        #expect(zh.contains("5月31日—6月2日"))
        #expect(try Self.told("calendar.holidays", .en).value.contains("2026: 1–3 Jan, 15–23 Feb"))
    }

    @Test("Sequences read lowest first with arrows; roles by their names")
    func escalation() throws {
        #expect(try Self.told("escalation.chain", .zhHans).value == "业务代表 → 班长 → 值班长 → 客服部主任 → 客服中心主任")
    }

    @Test("Forms told as sentences: a fine, a duty not in use, the visitor cards, a greeting with the organization's name")
    func sentences() throws {
        #expect(try Self.told("fines.catalogue.late_or_early", .zhHans).title == "迟到、早退")
        #expect(try Self.told("fines.catalogue.late_or_early", .zhHans).value == "依次 10 元、20 元；此后每次 20 元")
        #expect(try Self.told("fines.catalogue.private_landline_call", .zhHans).value == "依次 50 元、100 元；再犯予以辞退")
        #expect(try Self.told("duties.noon_zone", .zhHans).value == "不启用（备选：每天 13:30 前）")
        #expect(try Self.told("duties.general_cleaning", .zhHans).value == "周六 17:00 前")
        #expect(try Self.told("front_desk.badge_pool", .zhHans).value == "V001 至 V200（共 200 张）")
        #expect(try Self.told("chat.greeting", .zhHans).value.hasPrefix("您好，客服中心为您服务"))
        #expect(try Self.told("quality.criteria.chat_greeting", .en).title == "Greeting")
        #expect(try Self.told("quality.criteria.chat_greeting", .en).value == "Chat-log assessment; weight 15%; out of 10 points")
    }

    @Test("Every rule of the default and the hospital rulebook has a title and a value in words in both languages",
          arguments: ["default.yaml", "hospital.yaml"], UILanguage.allCases)
    func everyRuleInWords(file: String, language: UILanguage) throws {
        let rulebook = try Self.rulebook(file)
        let wording = Self.wording(language)
        let document = RulebookDocument(rulebook, previous: nil, wording: wording)
        let texts = document.sections.flatMap { section in
            [section.title] + section.blocks.flatMap { block in (block.heading.map { [$0] } ?? []) + block.lines.flatMap { [$0.title, $0.value] } }
        }
        #expect(texts.filter(Self.looksLikeAKey) == [], "\(file) \(language.rawValue)")
        #expect(texts.filter { $0.contains("{") } == [], "unfilled placeholders")
        // Every entry's title is a label, its own name or its label in its catalogue; never the schema's summary,
        // the fallback for a catalogue entry an organization adds.
        let untitled = rulebook.entries.filter { entry in
            !wording.has("rulebook.rule.\(entry.key)") && wording.ownName(entry.reading) == nil
                && RulebookDocument.catalogue(entry.key).flatMap { wording.label(RuleWording.lastName(entry.key), key: $0) } == nil
        }
        #expect(untitled.map(\.key) == [])
    }

    @Test("Every number of the default rulebook has a unit (or is a count its title explains)")
    func everyNumberHasAUnit() throws {
        var missing: [String] = []
        func walk(_ value: RuleValue, key: String, part: String) {
            let wording = Self.wording(.zhHans)
            switch value {
            case .integer, .decimal: if RuleVocabulary.unit(of: part) == nil { missing.append("\(key) › \(part)") }
            case .list(let items): items.forEach { walk($0, key: key, part: part) }
            case .entries(let parts): parts.forEach { walk($0.value, key: key, part: part) }
            case .fields(let parts):
                guard key != "front_desk.badge_pool" else { return }
                parts.forEach { walk($0.value, key: key, part: wording.label($0.name, key: key) != nil ? part : $0.name) }
            default: break
            }
        }
        for entry in try Self.rulebook().entries { walk(entry.reading, key: entry.key, part: RuleWording.lastName(entry.key)) }
        #expect(missing == [])
    }

    /// A rule key (`calendar.week`) or a file word (`exception_with_notice`) in text meant for staff.
    static func looksLikeAKey(_ text: String) -> Bool {
        text.range(of: #"\b[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\b"#, options: .regularExpression) != nil
            || text.range(of: #"\b[a-z][a-z0-9]*_[a-z0-9_]+\b"#, options: .regularExpression) != nil
    }
}
