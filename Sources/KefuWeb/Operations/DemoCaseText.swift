import Foundation
import KefuCore
import KefuDomain

/// Realistic Chinese text for demo cases, per type (subjects, descriptions, replies), and a seeded
/// random generator so a demo is the same every time.
enum DemoCaseText {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
    static let givenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "桂英",
                             "志强", "建华", "晓东", "海燕", "丽华", "国庆", "春梅", "红霞", "建国", "玉兰", "文博"]
    static let regions = ["深圳", "广州", "东莞", "佛山", "珠海", "惠州", "中山", "江门", "汕头", "湛江", "北京", "上海", "杭州", "成都"]
    static let products = ["KF-200 净水器", "KF-350 空气净化器", "H8 扫地机器人", "M3 智能门锁", "X5 路由器", "E2 电热水器", "C7 洗碗机"]

    static let subjects: [CaseType: [String]] = [
        .consultation: ["咨询套餐资费", "咨询产品保修政策", "咨询会员积分规则", "咨询门店营业时间", "咨询安装服务费用", "咨询以旧换新活动"],
        .query: ["查询本月话费", "查询订单物流", "查询维修进度", "查询发票开具情况", "查询积分余额", "查询退款到账时间"],
        .complaint: ["投诉维修人员迟到", "投诉产品质量问题，要求退货", "投诉客服态度差", "投诉重复扣费", "投诉送货损坏", "投诉安装不规范"],
        .suggestion: ["建议增加夜间服务时段", "建议优化APP报修流程", "建议短信提醒维修上门时间", "建议增加线下体验店"],
        .faultReport: ["宽带无法上网", "净水器漏水", "门锁指纹无法识别", "路由器频繁掉线", "热水器不加热", "洗碗机报错E3"],
        .serviceRequest: ["申请上门安装", "申请上门维修", "申请滤芯更换", "申请设备移机", "申请年度保养"],
        .proactive: ["回访新装用户使用情况", "提醒滤芯到期更换", "告知资费调整", "邀请参加会员日活动"],
        .tariffDispute: ["对本月流量费有异议", "套餐变更后多收费", "国际漫游费用争议", "增值业务未订购却扣费"],
        .redemption: ["积分兑换礼品未到货", "兑换话费券无法使用", "兑换商品规格不符"],
        .other: ["更改联系地址", "发票抬头修改", "询问招聘信息"],
    ]

    static let openings = ["客户来电反映：", "客户称：", "客户在微信留言：", "客户到前台反映：", "客户来函说明："]
    static let details = [
        "我要退货，包装破损，要求尽快处理。", "从昨晚开始就不能正常使用，家里老人着急。", "已经打过两次电话，希望今天有人回复。",
        "发票抬头写错了，需要重新开具。", "上门师傅没有按约定时间到达。", "话费比上个月多了八十多元，要求解释。",
        "希望周末上门，工作日不在家。", "购买不到一个月就出现故障，要求换货。", "想了解会员积分能否抵扣维修费用。",
        "产品型号是{product}，购买于{region}门店。", "订单号 {order}，物流三天没有更新。", "客户情绪比较激动，要求主管回电。",
    ]
    static let replies = ["已为客户登记，承诺两小时内回电。", "已核实订单信息，派单给售后部门。", "已向客户解释资费构成，客户表示理解。",
                          "已预约明天上午上门维修。", "已申请退货，等待仓储部签收。", "已发送短信告知处理进度。"]
}

/// SplitMix64: tiny, fast and seedable, enough for reproducible demo data.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
