#!/usr/bin/env python3
"""Generate a realistic Kefu data folder for benchmarks (Python 3 standard library only).

    python3 Benchmarks/generate.py --data-dir DIR --cases 100000 --customers 20000 --agents 60 --seed 42

Runs `kefu migrate` and `kefu users create` (for the accounts that log in: `admin` and `agent001`, both
with --password) on DIR, then bulk-inserts straight into DIR/kefu.sqlite: departments, teams, leaders and
agents (sharing agent001's password hash), customers with their phone keys, cases over the past year with
their FTS5 search rows (tokens exactly as the Swift SearchTokenizer makes them), deadline clocks, audit
events and a few notes, and leaves case_number_sequences consistent so cases opened later through the API
get fresh numbers.

Storage formats (as Fluent writes them on SQLite): UUIDs are TEXT, upper-case with hyphens; dates are REAL
seconds since 1970 (cases keep milliseconds); booleans are INTEGER 0/1; users.roles is ",agent,team_leader,".

`--self-test` only checks the tokenizer port and exits.
"""
import argparse
import datetime as dt
import os
import random
import re
import sqlite3
import string
import subprocess
import sys
import time
import unicodedata

# ---------------------------------------------------------------------------------------------------------
# Tokenizer: a port of Sources/KefuDomain/Search/SearchTokenizer.swift (indexTokens) and of CaseText.of.

MAX_INDEX_TOKENS = 2000


def is_cjk(cp):
    if cp in (0x3005, 0x3007):
        return True
    if cp == 0x30FB:
        return False
    return (0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F or 0xA960 <= cp <= 0xA97F or 0xAC00 <= cp <= 0xD7FF
            or 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF
            or 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF)


def is_word_char(ch):
    # Swift: Unicode Alphabetic property or numericType == .decimal. Python has no Alphabetic property;
    # letters (isalpha), letter numbers (Nl) and decimal digits (Nd) cover it except rare Other_Alphabetic marks.
    if ch.isalpha():
        return True
    cat = unicodedata.category(ch)
    return cat == "Nd" or cat == "Nl"


def is_mark(ch):
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


_CLASS = {}  # character -> 0 separator, 1 CJK, 2 word character, 3 combining mark


def _classify(ch):
    if is_cjk(ord(ch)):
        kind = 1
    elif is_word_char(ch):
        kind = 2
    elif is_mark(ch):
        kind = 3
    else:
        kind = 0
    _CLASS[ch] = kind
    return kind


# Fast path for the generated texts: unified ideographs (NFKC-stable), ASCII, and CJK punctuation (which NFKC
# maps to other separators). Such text needs no normalization and splits with one regular expression.
_SIMPLE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\x00-\x7f，。！？：；、“”‘’（）《》【】…—·「」]*")
_RUNS = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff]+)|([A-Za-z0-9]+)")


def index_tokens(text, limit=MAX_INDEX_TOKENS):
    if _SIMPLE.fullmatch(text):
        out = {}
        for cjk, word in _RUNS.findall(text):
            if cjk:
                out.update(dict.fromkeys([cjk[i:i + 2] for i in range(len(cjk) - 1)]))
                out.update(dict.fromkeys(cjk))
            else:
                out[word.lower()] = None
            if len(out) >= limit:
                break
        tokens = list(out)
        return tokens[:limit] if len(tokens) > limit else tokens
    return index_tokens_general(text, limit)


def index_tokens_general(text, limit=MAX_INDEX_TOKENS):
    """SearchTokenizer.indexTokens: NFKC; CJK runs give their overlapping bigrams and then each character;
    Latin/digit runs give one lower-cased word; everything else separates; first-seen order, deduplicated,
    at most `limit` tokens."""
    runs, buf, current = [], [], 0
    classes = _CLASS
    for ch in unicodedata.normalize("NFKC", text):
        kind = classes.get(ch)
        if kind is None:
            kind = _classify(ch)
        if kind == 3:  # a mark stays with the word it follows; anywhere else it separates
            kind = 2 if current == 2 else 0
        if kind != current:
            if buf:
                runs.append((current, "".join(buf)))
                buf = []
            current = kind
        if kind:
            buf.append(ch)
    if buf:
        runs.append((current, "".join(buf)))
    out = {}
    for kind, run in runs:
        if kind == 1:
            for i in range(len(run) - 1):
                out[run[i:i + 2]] = None
            for ch in run:
                out[ch] = None
        else:  # Swift's lowercased() maps each character alone (Σ → σ even at a word's end, unlike str.lower())
            out[run.lower() if run.isascii() else "".join(ch.lower() for ch in run)] = None
        if len(out) >= limit:
            break
    tokens = list(out)
    return tokens[:limit] if len(tokens) > limit else tokens


def suffix_keys(digits):
    """PhoneNumber.suffixKeys: the last 4 … min(8, len) digits, shortest first."""
    return [digits[-n:] for n in range(4, max(4, min(8, len(digits))) + 1)]


def case_text(number, subject, description, contact, feedback, customer_name, customer_phone, notes):
    """CaseText.of: the searchable text of a case, its customer and its notes."""
    parts = [" ".join([number, subject, description, contact or "", feedback or ""]), customer_name, customer_phone]
    parts += suffix_keys(customer_phone)
    parts += notes
    return "\n".join(parts)


def self_test():
    cases = [
        ("我要退货", "我要 要退 退货 我 要 退 货"),
        ("宽带", "宽带 宽 带"),
        ("退", "退"),
        ("ＡＢＣ１２３ Order-42", "abc123 order 42"),
        ("宽带报修 我要退货", "宽带 带报 报修 宽 带 报 修 我要 要退 退货 我 要 退 货"),
        ("iPhone15坏了", "iphone15 坏了 坏 了"),
        ("KS-20261123-0001", "ks 20261123 0001"),
        ("客户来电说我要退货，ABC１２３ 发票", "客户 户来 来电 电说 说我 我要 要退 退货 客 户 来 电 说 我 要 退 货 abc123 发票 发 票"),
        ("ｶﾀｶﾅ・テスト", "カタ タカ カナ カ タ ナ テス スト テ ス ト"),
        ("Café naïve", "café naïve"),
        ("ΣΊΣΥΦΟΣ", "σίσυφοσ"),
        ("", ""),
    ]
    failed = 0
    for text, expected in cases:
        got = " ".join(index_tokens(text))
        if got != expected:
            failed += 1
            print(f"FAIL {text!r}: {got!r} != {expected!r}")
    assert index_tokens("字" * 5000 + "文") == ["字字", "字文", "字", "文"], "dedup"
    assert len(index_tokens(" ".join(f"w{i}" for i in range(3000)))) == MAX_INDEX_TOKENS, "limit"
    # The example row the API wrote for a case (number KS-20261123-0001, customer 张三 138-1234-5678).
    text = case_text("KS-20261123-0001", "宽带报修 我要退货", "客户来电说我要退货，ABC１２３ 发票", None, None, "张三",
                     "13812345678", [])
    expected = ("ks 20261123 0001 宽带 带报 报修 宽 带 报 修 我要 要退 退货 我 要 退 货 客户 户来 来电 电说 说我 客 户 来 电 说 "
                "abc123 发票 发 票 张三 张 三 13812345678 5678 45678 345678 2345678 12345678")
    if " ".join(index_tokens(text)) != expected:
        failed += 1
        print("FAIL case text:", " ".join(index_tokens(text)))
    rng = random.Random(7)
    for _ in range(300):
        sample = "".join(fill(rng, t) for t in rng.sample(SENTENCES, 3)) + " KS-20261123-0001 " + fill(rng, rng.choice(NOTES))
        if index_tokens(sample) != index_tokens_general(sample):
            failed += 1
            print("FAIL fast path differs:", sample)
            break
    print("tokenizer self-test:", "ok" if not failed else f"{failed} failed")
    return failed == 0


# ---------------------------------------------------------------------------------------------------------
# Business calendar (default rulebook: Asia/Shanghai, Mon–Fri 08:30–12:00 and 13:30–17:30; holidays ignored).

TZ_OFFSET = 8 * 3600
SPANS = [(8 * 3600 + 1800, 12 * 3600), (13 * 3600 + 1800, 17 * 3600 + 1800)]


def local_day_and_seconds(t):
    lt = t + TZ_OFFSET
    day = int(lt // 86400)
    return day, lt - day * 86400


def is_working_day(day):  # day number since 1970-01-01 (a Thursday): weekday 0 = Monday
    return (day + 3) % 7 < 5


def add_business_seconds(t, seconds):
    day, sec = local_day_and_seconds(t)
    left = seconds
    for _ in range(400):
        if is_working_day(day):
            for start, end in SPANS:
                if sec >= end:
                    continue
                begin = max(sec, start)
                if begin + left <= end:
                    return day * 86400 + begin + left - TZ_OFFSET
                left -= end - begin
                sec = end
        day, sec = day + 1, 0
    return t + seconds


def business_seconds_between(a, b):
    if b <= a:
        return 0.0
    total = 0.0
    day, sec = local_day_and_seconds(a)
    end_day, end_sec = local_day_and_seconds(b)
    while day <= end_day:
        if is_working_day(day):
            for s, e in SPANS:
                lo = max(s, sec)
                hi = e if day < end_day else min(e, end_sec)
                if hi > lo:
                    total += hi - lo
        day, sec = day + 1, 0
    return total


def work_instant_at_or_after(t):
    day, sec = local_day_and_seconds(t)
    for _ in range(30):
        if is_working_day(day):
            for start, end in SPANS:
                if sec < end:
                    return day, max(sec, start)
        day, sec = day + 1, 0
    return day, sec


def add_working_days(t, n):
    """BusinessCalendar.addingWorkingDays: the same wall-clock time n working days after the next work instant."""
    day, sec = work_instant_at_or_after(t)
    found = 0
    while found < n:
        day += 1
        if is_working_day(day):
            found += 1
    return day * 86400 + sec - TZ_OFFSET


# kind -> (unit, amount, rule key). First response on chat is 60 s; complaints dispatch within 60 natural minutes.
RESOLVE = {"low": ("working_days", 5), "normal": ("working_days", 3), "high": ("working_days", 1), "urgent": ("hours", 4)}


def clock_plan(kind, case_type, channel, priority):
    if kind == "first_response":
        if channel == "chat":
            return "seconds", 60, "deadlines.chat_first_response_within"
        return "business_hours", 2, "cases.first_response_within"
    if kind == "dispatch":
        if case_type == "complaint":
            return "minutes", 60, "complaints.dispatch_within"
        return "business_minutes", 30, "cases.dispatch_within"
    unit, value = RESOLVE[priority]
    return unit, value, "cases.resolve_within"


def due_and_warn(start, unit, value):
    if unit == "seconds":
        return start + value, start + value * 0.8
    if unit == "minutes":
        return start + value * 60, start + value * 60 * 0.8
    if unit == "hours":
        return start + value * 3600, start + value * 3600 * 0.8
    if unit == "business_minutes":
        return add_business_seconds(start, value * 60), add_business_seconds(start, value * 60 * 0.8)
    if unit == "business_hours":
        return add_business_seconds(start, value * 3600), add_business_seconds(start, value * 3600 * 0.8)
    due = add_working_days(start, value)
    return due, add_business_seconds(start, business_seconds_between(start, due) * 0.8)


# ---------------------------------------------------------------------------------------------------------
# Vocabulary

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭"
            "陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
         "刚", "桂英", "华", "建华", "玉兰", "志强", "婷", "欣怡", "浩然", "子轩", "雨涵", "梓涵", "一诺", "宇航", "思远", "晓东",
         "海燕", "建国", "丽华", "文", "斌", "鑫", "鹏", "辉", "波", "红梅", "建军", "国强", "佳怡", "俊杰", "雪", "琳", "颖", "倩",
         "晨", "凯", "瑶", "慧", "宁", "峰"]
REGIONS = ["北京市朝阳区", "北京市海淀区", "上海市浦东新区", "上海市徐汇区", "广东省广州市", "广东省深圳市", "浙江省杭州市", "江苏省南京市",
           "江苏省苏州市", "四川省成都市", "湖北省武汉市", "陕西省西安市", "重庆市渝中区", "天津市和平区", "山东省青岛市", "福建省厦门市",
           "湖南省长沙市", "河南省郑州市", "辽宁省沈阳市", "云南省昆明市"]
ROADS = ["人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "长江路", "黄河路", "文化路", "科技路", "青年路", "滨江大道"]
MOBILE_PREFIXES = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
                   "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "183", "184",
                   "185", "186", "187", "188", "189", "191", "198", "199"]

PRODUCTS = ["宽带", "手机", "套餐", "固话", "光猫", "路由器", "机顶盒", "电视", "流量包", "会员卡", "热水器", "空调", "洗衣机", "冰箱",
            "话费", "家庭网", "副卡", "号码"]
FAULTS = ["无法上网", "网速很慢", "经常断线", "信号差", "无法开机", "屏幕不亮", "显示异常", "无法接通", "有杂音", "频繁掉线", "指示灯不亮",
          "无法登录", "噪音很大", "漏水", "不制冷"]
FEES = ["话费", "流量费", "月租费", "违约金", "滞纳金", "安装费", "维修费", "套餐费", "增值业务费", "国际漫游费"]
SERVICES = ["安装", "移机", "维修", "换货", "退货", "开发票", "补办发票", "改套餐", "停机保号", "复机", "过户", "销户", "上门服务",
            "密码重置", "实名认证", "携号转网"]
GIFTS = ["充值卡", "电影票", "移动电源", "蓝牙耳机", "购物券", "流量包", "保温杯", "雨伞"]
TOPICS = ["营业厅服务", "客服热线", "网上营业厅", "手机应用", "账单格式", "积分规则", "套餐设计", "上门服务时间", "发票开具流程", "宽带测速"]
ATTITUDES = ["服务态度差", "多次推诿", "承诺未兑现", "等待时间过长", "上门迟到", "乱收费", "未经同意开通业务", "处理不及时"]

SUBJECTS = {
    "consultation": ["咨询{p}资费", "咨询{p}{s}办理流程", "咨询新{p}优惠活动", "{p}怎么{s}", "咨询{s}需要哪些材料"],
    "query": ["查询{f}明细", "查询{p}办理进度", "查询积分余额", "查询{s}进度", "查询上月{f}"],
    "complaint": ["投诉{a}", "投诉{p}{x}一直未解决", "投诉营业厅{a}", "投诉{f}扣费不合理", "我要退货 投诉{p}质量问题"],
    "suggestion": ["建议优化{t}", "关于{t}的建议", "建议增加{p}优惠", "建议延长{t}"],
    "fault_report": ["{p}{x}", "{p}故障报修", "{p}{x}需要上门维修", "家里{p}{x}"],
    "service_request": ["申请{s}", "办理{p}{s}", "预约{s}", "要求{s}"],
    "proactive": ["主动回访{p}{s}", "{p}到期提醒", "回访{s}满意度", "主动告知{p}升级"],
    "tariff_dispute": ["{f}争议", "对{f}有异议", "{f}多扣", "{p}{f}计费错误"],
    "redemption": ["积分兑换{g}", "兑换{g}未到账", "{g}兑换失败", "查询{g}兑换记录"],
    "other": ["其他问题", "{t}相关", "客户来电留言", "转接{t}"],
}
SENTENCES = [
    "客户来电反映{p}{x}，已经持续{n}天。", "客户表示{p}{x}，要求尽快处理。", "客户说我要退货，要求退款{m}元。",
    "客户称上个月{f}比平时多了{m}元，要求核实。", "客户希望办理{s}，询问需要带什么证件。", "客户要求工程师上门{s}，预约时间为周{w}上午。",
    "客户对{a}非常不满，要求给个说法。", "已核实客户身份，客户号码尾号{d}。", "客户要求开具{f}发票，发票抬头为个人。",
    "客户表示如果今天不处理就要投诉到工信部。", "已告知客户处理时限为{n}个工作日。", "客户来电咨询{p}套餐的资费标准。",
    "订单号{o}，客户说收到的{p}有质量问题，我要退货。", "客户询问积分能否兑换{g}。", "客户建议{t}能够更方便一些。",
    "已派单给维修班组，等待上门。", "客户之前已经来电{n}次，情绪比较激动。", "客户地址：{r}{road}{h}号。",
    "客户要求更换{p}，不接受维修。", "经查询，客户的{f}扣费正常，已向客户解释。", "客户说宽带安装后一直没有开通，要求退费。",
    "客户要求补寄发票，快递地址为{r}。", "客户反映营业厅工作人员{a}。", "客户表示愿意等待处理结果，请回电。",
]
NOTES = ["已电话联系客户，客户表示认可。", "已联系维修工程师，明天上门。", "客户未接电话，稍后再联系。", "已核实扣费记录，确认多扣{m}元，申请退费。",
         "已给客户办理{s}。", "客户要求升级处理，已报班长。", "已发送短信告知客户处理进度。", "客户表示满意，同意结单。"]
RESOLUTIONS = ["已为客户处理完毕，客户满意。", "已退费{m}元。", "工程师已上门维修，故障排除。", "已为客户办理{s}。", "已向客户解释清楚，客户认可。",
               "已补寄发票。", "已安排换货。", "客户撤销投诉。"]
FEEDBACK = ["客户满意", "客户基本满意", "客户不满意，要求继续跟进", "已回访，问题已解决", "客户未接听回访电话"]
WEEKDAYS = "一二三四五六日"


FIELDS = {
    "p": lambda r: r.choice(PRODUCTS), "x": lambda r: r.choice(FAULTS), "f": lambda r: r.choice(FEES),
    "s": lambda r: r.choice(SERVICES), "g": lambda r: r.choice(GIFTS), "t": lambda r: r.choice(TOPICS),
    "a": lambda r: r.choice(ATTITUDES), "n": lambda r: r.randint(1, 10),
    "m": lambda r: r.choice([5, 10, 18, 30, 58, 100, 128, 200, 399]), "w": lambda r: r.choice(WEEKDAYS),
    "d": lambda r: f"{r.randint(0, 9999):04d}", "o": lambda r: str(r.randint(10 ** 11, 10 ** 12 - 1)),
    "r": lambda r: r.choice(REGIONS), "road": lambda r: r.choice(ROADS), "h": lambda r: r.randint(1, 999),
}
_TEMPLATE_FIELDS = {}


def fill(rng, template):
    names = _TEMPLATE_FIELDS.get(template)
    if names is None:
        names = _TEMPLATE_FIELDS[template] = [f for _, f, _, _ in string.Formatter().parse(template) if f]
    return template.format(**{name: FIELDS[name](rng) for name in names})


TYPES = ["consultation", "query", "complaint", "suggestion", "fault_report", "service_request", "proactive",
         "tariff_dispute", "redemption", "other"]
TYPE_WEIGHTS = [22, 18, 12, 3, 16, 14, 4, 6, 3, 2]
PREFIXES = {"consultation": "ZX", "query": "CX", "complaint": "KS", "suggestion": "JY", "fault_report": "GZ",
            "service_request": "FW", "proactive": "ZD", "tariff_dispute": "ZF", "redemption": "DH", "other": "QT"}
CHANNELS = ["phone", "visit", "web", "chat", "wechat", "qq", "letter", "email"]
CHANNEL_WEIGHTS = [50, 8, 10, 14, 12, 2, 1, 3]
PRIORITIES = ["low", "normal", "high", "urgent"]
PRIORITY_WEIGHTS = [10, 70, 15, 5]
STATUSES = ["new", "assigned", "in_progress", "pending_customer", "resolved", "closed"]
STATUS_BY_AGE = [  # (max age in days, weights over STATUSES)
    (1, [30, 30, 28, 5, 5, 2]),
    (7, [5, 15, 30, 10, 25, 15]),
    (30, [1, 3, 6, 5, 25, 60]),
    (10 ** 9, [0.2, 0.5, 1, 1, 7.3, 90]),
]


# ---------------------------------------------------------------------------------------------------------

class Progress:
    def __init__(self, total, label):
        self.total, self.label, self.start, self.last = max(total, 1), label, time.time(), 0.0
        self.tty, self.last_done = sys.stderr.isatty(), -1

    def update(self, done, force=False):
        now = time.time()
        if not force and now - self.last < (0.2 if self.tty else 5):
            return
        self.last, self.last_done = now, done
        frac = min(done / self.total, 1.0)
        bar = "#" * int(frac * 30) + "." * (30 - int(frac * 30))
        line = f"[{bar}] {frac * 100:3.0f}% {done}/{self.total} {self.label}  {now - self.start:5.1f} s"
        sys.stderr.write(("\r" + line) if self.tty else (line + "\n"))
        sys.stderr.flush()

    def done(self):
        if self.last_done != self.total:
            self.update(self.total, force=True)
        if self.tty:
            sys.stderr.write("\n")


# ---------------------------------------------------------------------------------------------------------
# Where the rows go. SQLite: straight into kefu.sqlite in one transaction. PostgreSQL: one tab-separated file
# per table, then one psql session COPYs them in parent-first order, in one transaction.

class SQLiteStore:
    kind = "sqlite"

    def __init__(self, path):
        self.db = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=OFF", "cache_size=-262144", "temp_store=MEMORY", "foreign_keys=OFF"):
            self.db.execute("PRAGMA " + pragma)
        self.index_sql = []

    def one(self, sql):
        return self.db.execute(sql).fetchone()

    def begin(self, big):
        # Big tables load faster with their secondary indexes built afterwards (same CREATE INDEX statements).
        self.index_sql = self.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
                                         "tbl_name IN (%s)" % ",".join("?" * len(big)), big).fetchall()
        self.db.execute("BEGIN")
        for name, _ in self.index_sql:
            self.db.execute(f'DROP INDEX "{name}"')

    def insert(self, table, columns, rows):
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        self.db.executemany(sql, rows)

    def search(self, rows):  # (rowid, case id, tokens): FTS5 rows under the rowid kept on the case
        self.db.executemany("INSERT INTO case_search (rowid, tokens) VALUES (?, ?)", [(r, t) for r, _, t in rows])

    def execute(self, sql, params):
        self.db.execute(sql, params)

    def finish(self, analyze):
        sys.stderr.write(f"building {len(self.index_sql)} indexes…\n")
        for _, sql in self.index_sql:
            self.db.execute(sql)
        self.db.execute("COMMIT")
        if analyze:
            self.db.execute("ANALYZE")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()


def libpq_url(url):
    """The app's URL (…?tlsmode=disable) as psql takes it (…?sslmode=disable)."""
    base, _, query = url.partition("?")
    params = [p for p in query.split("&") if p and not p.startswith("tlsmode=")]
    if "tlsmode=disable" in query:
        params.append("sslmode=disable")
    return base + ("?" + "&".join(params) if params else "")


def pg_time(t):
    """A stored instant (seconds since 1970, as on SQLite) as a PostgreSQL timestamptz literal."""
    whole = int(t // 1)
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(whole)) + ".%06d+00" % int(round((t - whole) * 1e6) % 1000000)


def pg_text(v):
    s = str(v)
    if "\\" in s or "\t" in s or "\n" in s or "\r" in s:
        s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return s


class PostgresStore:
    kind = "postgres"
    # Parent tables first (users.team_id references teams, cases reference customers …).
    ORDER = ["departments", "teams", "users", "customers", "customer_phone_keys", "cases", "case_search", "case_notes",
             "deadline_clocks", "complaints", "approvals", "approval_steps", "return_visits", "audit_events"]

    def __init__(self, url, workdir):
        self.url, self.workdir = libpq_url(url), workdir
        os.makedirs(workdir, exist_ok=True)
        self.files, self.after, self.drop, self.create = {}, [], [], []

    def psql(self, sql):
        out = subprocess.run(["psql", self.url, "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             check=True, stdout=subprocess.PIPE, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def one(self, sql):
        rows = self.psql(sql)
        return tuple(rows[0]) if rows else None

    def begin(self, big):
        names = ",".join(f"'{t}'" for t in big + ("case_search",))
        for name, sql in self.psql(f"SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = 'public' AND tablename IN ({names}) "
                                   "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"):
            self.drop.append(f'DROP INDEX "{name}";')
            self.create.append(sql + ";")

    def _file(self, table, columns):
        f = self.files.get(table)
        if f is None:
            types = dict(self.psql(f"SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' "
                                   f"AND table_name = '{table}'")) if table != "case_search" else {}
            conv = []
            for c in columns:
                ty = types.get(c, "text")
                conv.append(pg_time if ty.startswith("timestamp") else (lambda v: "t" if v else "f") if ty == "boolean" else
                            pg_text)
            path = os.path.join(self.workdir, table + ".tsv")
            f = self.files[table] = (open(path, "w", encoding="utf-8", newline="\n"), columns, conv, path)
        return f

    def insert(self, table, columns, rows):
        handle, _, conv, _ = self._file(table, columns)
        pairs = list(zip(conv, range(len(columns))))
        handle.write("".join("\t".join("\\N" if row[i] is None else c(row[i]) for c, i in pairs) + "\n" for row in rows))

    def search(self, rows):  # the app writes array_to_tsvector(tokens) under the case's id (no rowid on PostgreSQL)
        self.insert("case_search", ("case_id", "tokens"), [(cid, tokens) for _, cid, tokens in rows])

    def execute(self, sql, params):  # run after the rows are in (the parents exist then)
        def lit(v):
            return "NULL" if v is None else "'" + str(v).replace("'", "''") + "'"
        self.after.append(re.sub(r"\?", lambda _m, it=iter(params): lit(next(it)), sql) + ";")

    def finish(self, analyze):
        script = ["\\set ON_ERROR_STOP 1", "BEGIN;"] + self.drop
        tables = [t for t in self.ORDER if t in self.files] + [t for t in self.files if t not in self.ORDER]
        for table in tables:
            handle, columns, _, path = self.files[table]
            handle.close()
            script.append(f"\\echo   {table}")
            if table == "case_search":
                script += ["CREATE TEMP TABLE bench_case_search (case_id UUID, tokens TEXT);",
                           f"\\copy bench_case_search (case_id, tokens) FROM '{path}'",
                           "INSERT INTO case_search (case_id, document) "
                           "SELECT case_id, array_to_tsvector(string_to_array(tokens, ' ')) FROM bench_case_search;",
                           "DROP TABLE bench_case_search;"]
            else:
                script.append(f"\\copy {table} ({', '.join(columns)}) FROM '{path}'")
        script += self.after
        script.append(f"\\echo building {len(self.create)} indexes")
        # Autovacuum would analyze these tables within minutes of such a load anyway.
        script += self.create + ["COMMIT;", "\\echo ANALYZE", "ANALYZE " + ", ".join(tables) + ";"]
        path = os.path.join(self.workdir, "load.sql")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(script) + "\n")
        sys.stderr.write(f"loading into PostgreSQL with psql -f {path} …\n")
        t = time.time()
        proc = subprocess.Popen(["psql", self.url, "-X", "-q", "-f", path], stdout=subprocess.PIPE, text=True)
        for line in proc.stdout:
            sys.stderr.write(f"  {time.time() - t:6.1f} s {line.strip()}\n")
        if proc.wait() != 0:
            sys.exit("psql load failed")
        for _, _, _, p in self.files.values():
            os.remove(p)


def run_kefu(kefu, data_dir, args, capture=False, database_url=None):
    env = dict(os.environ, KEFU_DATA_DIR=data_dir, LOG_LEVEL=os.environ.get("LOG_LEVEL", "error"))
    if database_url:
        env["KEFU_DATABASE_URL"] = database_url
    out = subprocess.run([kefu] + args, env=env, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return out.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", help="KEFU_DATA_DIR to create (its kefu.sqlite must not exist, see --force)")
    ap.add_argument("--kefu", default=".build/release/kefu", help="path to the kefu binary (default %(default)s)")
    ap.add_argument("--database-url", help="load into this PostgreSQL database instead (postgres://user:pw@host:port/db"
                    "?tlsmode=disable, as KEFU_DATABASE_URL); psql must be installed. --data-dir is still the server's folder")
    ap.add_argument("--cases", type=int, default=1000000)
    ap.add_argument("--customers", type=int, help="default: cases / 5 (200,000 for 1,000,000 cases)")
    ap.add_argument("--agents", type=int, default=60)
    ap.add_argument("--teams", type=int, default=6)
    ap.add_argument("--days", type=int, default=365, help="cases are spread over this many past days")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--password", default="bench-pass-2026", help="password of admin and of every agent/leader")
    ap.add_argument("--now", type=float, help="generate as if at this Unix time (default: now). Reproduces a data set; keep it close to "
                         "the real time, or the server's scanner will breach the clocks that fell due since")
    ap.add_argument("--analyze", action="store_true",
                    help="run ANALYZE after loading (the app itself never does, so the default leaves no statistics)")
    ap.add_argument("--force", action="store_true", help="delete an existing kefu.sqlite in the data folder first "
                    "(PostgreSQL: drop and re-create the schema public)")
    ap.add_argument("--self-test", action="store_true", help="only test the tokenizer port")
    a = ap.parse_args()
    if a.self_test:
        sys.exit(0 if self_test() else 1)
    if not a.data_dir:
        ap.error("--data-dir is required")
    if not self_test():
        sys.exit("tokenizer port is broken")
    kefu = os.path.abspath(a.kefu)
    if not os.access(kefu, os.X_OK):
        sys.exit(f"no kefu binary at {kefu} (build it: swift build -c release, or pass --kefu)")
    if a.customers is None:
        a.customers = max(100, a.cases // 5)
    data_dir = os.path.abspath(a.data_dir)
    db_path = os.path.join(data_dir, "kefu.sqlite")
    url = a.database_url
    if url:
        pg = PostgresStore(url, os.path.join(data_dir, "pg-load"))
        if pg.one("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")[0] != "0":
            if not a.force:
                sys.exit("the PostgreSQL database has tables; use --force to drop the schema public first")
            pg.psql("SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    elif os.path.exists(db_path):
        if not a.force:
            sys.exit(f"{db_path} exists; use --force to replace it")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db_path + suffix):
                os.remove(db_path + suffix)
    os.makedirs(data_dir, exist_ok=True)

    t0 = time.time()
    run_kefu(kefu, data_dir, ["migrate"], database_url=url)
    run_kefu(kefu, data_dir, ["users", "create", "--username", "admin", "--password", a.password, "--roles", "admin",
                              "--display-name", "系统管理员"], database_url=url)
    run_kefu(kefu, data_dir, ["users", "create", "--username", "agent001", "--password", a.password, "--roles", "agent"],
             database_url=url)
    # The approvals inbox of complaint settlements under 1,000 yuan (complaints.approval_bands).
    run_kefu(kefu, data_dir, ["users", "create", "--username", "manager01", "--password", a.password, "--roles", "sales_manager",
                              "--display-name", "销售经理"], database_url=url)
    t_cli = time.time() - t0
    print(f"migrated and created admin, agent001, manager01 with the kefu CLI in {t_cli:.1f} s", file=sys.stderr)

    rng = random.Random(a.seed)
    store = pg if url else SQLiteStore(db_path)
    on_pg = store.kind == "postgres"

    def new_id():  # a random (seeded) version-4 UUID, spelled as Fluent stores it: upper-case with hyphens
        h = "%032X" % ((rng.getrandbits(128) & ~(0xF000 << 64) & ~(0xC << 60)) | (0x4000 << 64) | (0x8 << 60))
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    (rb_version,) = store.one("SELECT rulebook_version FROM audit_events WHERE action = 'user.created' LIMIT 1")
    admin_id, = store.one("SELECT id FROM users WHERE username = 'admin'")
    agent1_id, agent_hash = store.one("SELECT id, password_hash FROM users WHERE username = 'agent001'")
    manager_id, = store.one("SELECT id FROM users WHERE username = 'manager01'")
    now = a.now or time.time()
    start_time = now - a.days * 86400
    counts = {}

    def insert(table, columns, rows):
        if not rows:
            return
        store.insert(table, columns, rows)
        counts[table] = counts.get(table, 0) + len(rows)

    t_load = time.time()
    store.begin(("cases", "deadline_clocks", "audit_events", "customers", "customer_phone_keys", "case_notes", "complaints",
                 "approvals", "approval_steps", "return_visits"))

    # --- Organization ---------------------------------------------------------------------------------
    created = start_time - 30 * 86400
    dept_cols = ("id", "name", "kind", "active", "version", "created_at")
    departments = {}
    for name, kind in [("客服中心", "customer_service"), ("销售部", "sales"), ("营销部", "marketing"), ("研发部", "rnd"),
                       ("财务部", "finance"), ("仓储部", "warehouse")]:
        departments[name] = new_id()
        insert("departments", dept_cols, [(departments[name], name, kind, 1, 1, created)])
    cs_dept = departments["客服中心"]
    team_names = ["客服%s组" % "一二三四五六七八九十"[i] if i < 10 else f"客服{i + 1}组" for i in range(a.teams)]
    team_ids = [new_id() for _ in team_names]

    def person_name():
        return rng.choice(SURNAMES) + rng.choice(GIVEN)

    user_cols = ("id", "username", "display_name", "password_hash", "roles", "department_id", "team_id", "grade", "skill",
                 "hired_on", "language", "active", "version", "created_at", "password_changed_at")
    audit_cols = ("id", "at", "actor_id", "actor_name", "action", "subject_type", "subject_id", "summary", "rule_key",
                  "rulebook_version", "request_id")
    agent_names = {admin_id: "admin", agent1_id: "agent001", manager_id: "manager01"}
    leaders = []
    for i, team in enumerate(team_ids):
        uid = new_id()
        leaders.append(uid)
        agent_names[uid] = f"leader{i + 1:02d}"
        insert("users", user_cols, [(uid, f"leader{i + 1:02d}", person_name(), agent_hash, ",agent,team_leader,", cs_dept, team,
                                     "senior", "all_round", "2023-03-01", "zh-Hans", 1, 1, created, None)])
        insert("audit_events", audit_cols, [(new_id(), created, None, "bench", "user.created", "user", uid,
                                             f"username leader{i + 1:02d}; roles agent,team_leader", None, rb_version, None)])
    insert("teams", ("id", "name", "department_id", "leader_id", "active", "version", "created_at"),
           [(tid, name, cs_dept, leaders[i], 1, 1, created) for i, (tid, name) in enumerate(zip(team_ids, team_names))])
    agents = [agent1_id]
    agent_team = {agent1_id: team_ids[0]}
    store.execute("UPDATE users SET department_id = ?, team_id = ?, display_name = ?, grade = 'intermediate', skill = 'all_round' "
                  "WHERE id = ?", (cs_dept, team_ids[0], person_name(), agent1_id))
    for i in range(2, a.agents + 1):
        uid = new_id()
        team = team_ids[(i - 1) % len(team_ids)]
        agents.append(uid)
        agent_team[uid] = team
        agent_names[uid] = f"agent{i:03d}"
        insert("users", user_cols, [(uid, f"agent{i:03d}", person_name(), agent_hash, ",agent,", cs_dept, team,
                                     rng.choice(["probation", "junior", "intermediate", "senior"]),
                                     rng.choice(["technical", "theory", "all_round"]), "2024-0%d-1%d" % (rng.randint(1, 9), rng.randint(0, 9)),
                                     "zh-Hans", 1, 1, created, None)])
        insert("audit_events", audit_cols, [(new_id(), created, None, "bench", "user.created", "user", uid,
                                             f"username agent{i:03d}; roles agent", None, rb_version, None)])

    # --- Customers ------------------------------------------------------------------------------------
    progress = Progress(a.customers, "customers")
    cust_cols = ("id", "name", "phone", "address", "region", "is_member", "tier", "created_by", "created_at", "version")
    key_cols = ("id", "customer_id", "phone_key")
    customers = []  # (id, name, phone, region, tier)
    phones = set()
    rows, keys = [], []
    for i in range(a.customers):
        while True:
            phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99999999):08d}"
            if phone not in phones:
                phones.add(phone)
                break
        cid, name, region = new_id(), person_name(), rng.choice(REGIONS)
        tier = rng.choices([None, "regular", "important", "key_account"], [60, 30, 8, 2])[0]
        c_at = round(start_time - rng.random() * 365 * 86400, 3)
        rows.append((cid, name, phone, f"{region}{rng.choice(ROADS)}{rng.randint(1, 999)}号" if rng.random() < 0.7 else None,
                     region, 1 if rng.random() < 0.3 else 0, tier, rng.choice(agents), c_at, 1))
        keys.extend((new_id(), cid, k) for k in suffix_keys(phone))
        customers.append((cid, name, phone, region, tier))
        if len(rows) >= 5000:
            insert("customers", cust_cols, rows)
            insert("customer_phone_keys", key_cols, keys)
            rows, keys = [], []
            progress.update(i + 1)
    insert("customers", cust_cols, rows)
    insert("customer_phone_keys", key_cols, keys)
    progress.done()

    # --- Cases ----------------------------------------------------------------------------------------
    # Creation times over the past year: more on weekdays and in office hours (Shanghai), sorted so that
    # numbers, search rowids and times grow together as they would in production.
    times = []
    while len(times) < a.cases:
        t = start_time + rng.random() * (now - 120 - start_time)
        day, sec = local_day_and_seconds(t)
        weight = (1.0 if is_working_day(day) else 0.45) * (1.0 if 8 * 3600 <= sec < 20 * 3600 else 0.12)
        if rng.random() < weight:
            times.append(round(t, 3))
    times.sort()
    case_cols = ("id", "number", "type", "channel", "status", "priority", "subject", "description", "customer_id", "call_at",
                 "caller_region", "contact", "related_department_id", "feedback_result", "owner_id", "assignee_id", "team_id",
                 "department_id", "escalation_level", "appointment_at", "resolution", "created_at", "updated_at",
                 "first_responded_at", "resolved_at", "closed_at", "breached_at", "search_rowid", "version")
    clock_cols = ("id", "subject_type", "subject_id", "kind", "unit", "started_at", "due_at", "warn_at", "state", "paused_at",
                  "remaining_seconds", "warned_at", "breached_at", "met_at", "rule_key", "rulebook_version", "version")
    note_cols = ("id", "case_id", "author_id", "author_name", "body", "internal", "created_at")
    sequences = {}
    progress = Progress(a.cases, "cases")
    case_rows, search_rows, clock_rows, audit_rows, note_rows = [], [], [], [], []
    related = [departments[n] for n in ("销售部", "营销部", "研发部", "财务部", "仓储部")]

    # The reports' daily aggregate (case_day_stats), as the app keeps it: opened on the first-contact
    # owner, resolved/closed/breached on the holder, each on its local day.
    day_stats = {}

    def count(t, agent, team, ctype, channel, field, amount=1):
        key = ((dt.date(1970, 1, 1) + dt.timedelta(days=local_day_and_seconds(t)[0])).isoformat(), agent,
               team or "00000000-0000-0000-0000-000000000000", ctype, channel)
        row = day_stats.setdefault(key, {"opened": 0, "resolved": 0, "closed": 0, "reopened": 0, "escalated": 0, "breached": 0,
                                          "resolve_seconds": 0.0})
        row[field] += amount

    complaint_cols = ("id", "case_id", "category", "cause", "order_no", "batch_no", "shipped_on", "defective_qty", "customer_request",
                      "claim_amount", "severity", "decision_method", "decision_amount", "decision_reason", "responsible_department_id",
                      "track_improvement", "approval_id", "decision_state", "refiled_from_id", "version")
    approval_cols = ("id", "subject_type", "subject_id", "state", "rule_key", "rulebook_version", "requested_by", "created_at",
                     "decided_at", "pending_role", "pending_department_id", "version")
    step_cols = ("id", "approval_id", "position", "role", "department_id", "state", "decided_by", "decided_at", "comment")
    visit_cols = ("id", "case_id", "customer_id", "person_id", "state", "due_at", "call_from", "booked_at", "failed_attempts",
                  "wrong_number", "satisfaction", "resolved", "escalated", "note", "done_at", "done_by", "created_at", "version")
    complaint_rows, approval_rows, step_rows, visit_rows = [], [], [], []

    def complaint(cid, status, created_at, resolved, actor, number):
        """The complaint form of a complaint case; settled ones (resolved/closed) carry an approved decision, half of
        the open ones in progress wait for the approver of their amount band (complaints.approval_bands)."""
        kid = new_id()
        amount = rng.choice([0, 50, 100, 200, 300, 500, 800, 1200, 3000, 8000])
        state, approval = "none", None
        decided = status in ("resolved", "closed")
        if decided or (status in ("in_progress", "pending_customer") and rng.random() < 0.5):
            approval = new_id()
            role = "sales_manager" if amount < 1000 else ("vp" if amount <= 5000 else "gm")
            requested = created_at + rng.uniform(600, 7200)
            if decided:
                requested = min(requested, resolved - 60)
            decided_at = min(requested + rng.uniform(300, 86400), resolved) if decided else None
            state = "approved" if decided else "pending"
            approval_rows.append((approval, "complaint_decision", kid, state, "complaints.approval_bands", rb_version, actor,
                                  requested, decided_at, None if decided else role, None, 2 if decided else 1))
            step_rows.append((new_id(), approval, 0, role, None, state, manager_id if decided else None, decided_at,
                              "同意" if decided else None))
            audit_rows.append((new_id(), requested, actor, agent_names[actor], "complaint.decision_requested", "case", cid,
                               f"discount {amount}.00 → {role}", "complaints.approval_bands", rb_version, None))
        complaint_rows.append((kid, cid, rng.choice(["quality", "non_quality"]), rng.choice([None, "运输破损", "产品质量", "服务态度"]),
                               str(rng.randint(10 ** 9, 10 ** 10 - 1)) if rng.random() < 0.6 else None, None, None,
                               rng.randint(1, 20) if rng.random() < 0.4 else None,
                               fill(rng, rng.choice(["要求退货退款", "要求赔偿{m}元", "要求道歉并说明原因", "要求换货", "要求尽快上门处理"])),
                               f"{amount}.00" if amount else None, rng.choices(["general", "important", "major"], [80, 15, 5])[0],
                               rng.choice(["discount", "compensation", "return", "reprocess"]) if approval else None,
                               f"{amount}.00" if approval else None, fill(rng, rng.choice(RESOLUTIONS)) if approval else None,
                               None, 0 if approval else None, approval, state, None, 2 if approval else 1))

    def return_visit(cid, customer_id, closed, actor):
        """RTV: closed cases get a return visit; old ones are done (or unreachable), recent ones still open."""
        due, call_from = closed + 3 * 86400, closed + 86400
        if due > now:
            row = ("open", 0, 0, None, None, None, None, None, None)
        elif rng.random() < 0.08:
            row = ("unreachable", 3, 0, None, None, None, "三次未接通", due - 3600, agent_names[actor])
        else:
            row = ("done", rng.randint(0, 1), 0, rng.choices(["satisfied", "average", "unsatisfied"], [80, 15, 5])[0], 1, 0,
                   rng.choice(FEEDBACK), call_from + rng.uniform(0, 2 * 86400), agent_names[actor])
        state, failed, wrong, satisfaction, solved, escalated, note, done_at, done_by = row
        visit_rows.append((new_id(), cid, customer_id, actor, state, due, call_from, None, failed, wrong, satisfaction, solved,
                           escalated, note, done_at, done_by, closed, 2 if state != "open" else 1))

    def flush_cases():
        insert("cases", case_cols, case_rows)
        store.search(search_rows)
        counts["case_search"] = counts.get("case_search", 0) + len(search_rows)
        insert("deadline_clocks", clock_cols, clock_rows)
        insert("audit_events", audit_cols, audit_rows)
        insert("case_notes", note_cols, note_rows)
        insert("complaints", complaint_cols, complaint_rows)
        insert("approvals", approval_cols, approval_rows)
        insert("approval_steps", step_cols, step_rows)
        insert("return_visits", visit_cols, visit_rows)
        for rows_ in (case_rows, search_rows, clock_rows, audit_rows, note_rows, complaint_rows, approval_rows, step_rows, visit_rows):
            rows_.clear()

    for i, created_at in enumerate(times):
        rowid = i + 1
        cid = new_id()
        ctype = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        customer = customers[min(int(rng.paretovariate(1.2)) - 1, len(customers) - 1)] if rng.random() < 0.3 else rng.choice(customers)
        priority = rng.choices(PRIORITIES, PRIORITY_WEIGHTS)[0]
        if customer[4] == "key_account" and priority in ("low", "normal"):
            priority = "high"  # ORD-02: key accounts start at high priority
        age_days = (now - created_at) / 86400
        status = rng.choices(STATUSES, next(w for limit, w in STATUS_BY_AGE if age_days < limit))[0]
        # number
        lday, _ = local_day_and_seconds(created_at)
        date = (dt.date(1970, 1, 1) + dt.timedelta(days=lday)).strftime("%Y%m%d")
        key = f"{PREFIXES[ctype]}-{date}"
        seq = sequences.get(key, 0) + 1
        sequences[key] = seq
        number = f"{key}-{seq:04d}"
        subject = fill(rng, rng.choice(SUBJECTS[ctype]))
        description = "".join(fill(rng, s) for s in rng.sample(SENTENCES, rng.randint(1, 4)))
        contact = (rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99999999):08d}") if rng.random() < 0.15 else None
        owner = rng.choice(agents)
        team = agent_team[owner]
        assignee = None if status == "new" else (owner if rng.random() < 0.4 else rng.choice(agents))
        # lifecycle instants
        dispatched = created_at + rng.expovariate(1 / 900) if status != "new" else None
        responded = None
        if status not in ("new", "assigned") or rng.random() < 0.3:
            responded = created_at + rng.expovariate(1 / 2400)
        resolved = closed = None
        if status in ("resolved", "closed"):
            mean = {"urgent": 3 * 3600, "high": 12 * 3600, "normal": 30 * 3600, "low": 60 * 3600}[priority]
            resolved = min(created_at + 600 + rng.expovariate(1 / mean), now - 60)
            responded = min(responded or resolved, resolved)
            dispatched = min(dispatched or resolved, resolved)
            if status == "closed":
                closed = min(resolved + rng.expovariate(1 / 86400), now - 30)
        paused_at = created_at + (now - created_at) * rng.uniform(0.2, 0.9) if status == "pending_customer" else None
        # clocks
        breached_at = None
        started = created_at + rng.uniform(0.003, 0.02)
        met_by = {"first_response": responded, "dispatch": dispatched, "resolve": resolved}
        for kind in ("first_response", "dispatch", "resolve"):
            unit, value, rule = clock_plan(kind, ctype, channel, priority)
            due, warn = due_and_warn(started, unit, value)
            met = met_by[kind]
            state, c_paused, remaining, warned, c_breached, c_met, version = "running", None, None, None, None, None, 1
            end = met if met is not None else (paused_at if kind == "resolve" and paused_at is not None else now)
            if due < end:  # the scanner marked it (≤ 30 s late), with the warning before
                state, c_breached = "breached", due + rng.uniform(1, 30)
                warned = warn + rng.uniform(1, 30) if warn + 30 < due else None
                version += 1 + (warned is not None)
                if met is not None:
                    c_met, version = met, version + 1
            elif met is not None:
                state, c_met, version = "met", met, 2
                if warn < met:
                    warned, version = min(warn + rng.uniform(1, 30), met), 3
            elif kind == "resolve" and paused_at is not None:  # waiting on the customer: stopped with the time left
                state, c_paused, version = "paused", paused_at, 2
                remaining = business_seconds_between(paused_at, due) if unit == "working_days" else due - paused_at
                if warn + 30 < paused_at:
                    warned, version = warn + rng.uniform(1, 30), 3
            elif warn < now:
                warned, version = warn + rng.uniform(1, 30), 2
            if c_breached is not None:
                breached_at = c_breached if breached_at is None else min(breached_at, c_breached)
            clock_rows.append((new_id(), "case", cid, kind, unit, started, due, warn, state, c_paused, remaining, warned,
                               c_breached, c_met, rule, rb_version, version))
        escalation = 1 if (breached_at is not None and rng.random() < 0.2) else 0
        # notes (some), audit trail
        notes = []
        actor = assignee or owner
        audit_rows.append((new_id(), created_at, owner, agent_names[owner], "case.created", "case", cid,
                           f"{number} {ctype} via {channel}", None, rb_version, None))
        version = 1
        last = created_at
        if assignee is not None:
            audit_rows.append((new_id(), dispatched, owner, agent_names[owner], "case.assigned", "case", cid,
                               "new → assigned", None, rb_version, None))
            version, last = version + 1, max(last, dispatched)
        if rng.random() < 0.25 and status != "new":
            body = fill(rng, rng.choice(NOTES))
            n_at = round(min((responded or created_at) + 60, now - 1), 3)
            notes.append(body)
            note_rows.append((new_id(), cid, actor, agent_names[actor], body, 1 if rng.random() < 0.6 else 0, n_at))
            version, last = version + 1, max(last, n_at)
        if status in ("in_progress", "pending_customer", "resolved", "closed") and responded is not None:
            last = max(last, responded)
            version += 1
        if paused_at is not None:
            audit_rows.append((new_id(), paused_at, actor, agent_names[actor], "case.paused", "case", cid,
                               "in_progress → pending_customer", None, rb_version, None))
            version, last = version + 1, max(last, paused_at)
        resolution = feedback = None
        if resolved is not None:
            resolution = fill(rng, rng.choice(RESOLUTIONS))
            audit_rows.append((new_id(), resolved, actor, agent_names[actor], "case.resolved", "case", cid,
                               "in_progress → resolved", None, rb_version, None))
            version, last = version + 1, max(last, resolved)
        if closed is not None:
            feedback = rng.choice(FEEDBACK) if rng.random() < 0.5 else None
            audit_rows.append((new_id(), closed, actor, agent_names[actor], "case.closed", "case", cid,
                               "resolved → closed", None, rb_version, None))
            version, last = version + 1, max(last, closed)
        count(created_at, owner, team, ctype, channel, "opened")
        if escalation:
            count(created_at, owner, team, ctype, channel, "escalated")
        if resolved is not None:
            count(resolved, actor, team, ctype, channel, "resolved")
            count(resolved, actor, team, ctype, channel, "resolve_seconds", resolved - created_at)
        if closed is not None:
            count(closed, actor, team, ctype, channel, "closed")
        if breached_at is not None:
            count(breached_at, actor, team, ctype, channel, "breached")
        case_rows.append((
            cid, number, ctype, channel, status, priority, subject, description, customer[0],
            created_at if channel == "phone" else None, customer[3], contact,
            rng.choice(related) if rng.random() < 0.05 else None, feedback, owner, assignee, team, cs_dept, escalation, None,
            resolution, created_at, round(last, 3), responded, resolved, closed, breached_at, None if on_pg else rowid, version))
        if ctype == "complaint":
            complaint(cid, status, created_at, resolved, actor, number)
        if closed is not None and rng.random() < 0.3:
            return_visit(cid, customer[0], closed, actor)
        text = case_text(number, subject, description, contact, feedback, customer[1], customer[2], notes)
        search_rows.append((rowid, cid, " ".join(index_tokens(text))))
        if len(case_rows) >= 5000:
            flush_cases()
            progress.update(i + 1)
    flush_cases()
    progress.done()
    insert("case_day_stats", ("id", "day", "agent_id", "team_id", "type", "channel", "opened", "resolved", "closed", "reopened",
                              "escalated", "breached", "resolve_seconds"),
           [(new_id(), *key, r["opened"], r["resolved"], r["closed"], r["reopened"], r["escalated"], r["breached"], r["resolve_seconds"])
            for key, r in day_stats.items()])
    # … and its two roll-ups: the center by type and channel, and per agent and team.
    for table, cols, pick in (("case_day_mix", ("day", "type", "channel"), lambda k: (k[0], k[3], k[4])),
                              ("case_day_agents", ("day", "agent_id", "team_id"), lambda k: (k[0], k[1], k[2]))):
        rolled = {}
        for key, r in day_stats.items():
            acc = rolled.setdefault(pick(key), dict.fromkeys(r, 0))
            for field, value in r.items():
                acc[field] += value
        insert(table, ("id",) + cols + ("opened", "resolved", "closed", "reopened", "escalated", "breached", "resolve_seconds"),
               [(new_id(), *key, r["opened"], r["resolved"], r["closed"], r["reopened"], r["escalated"], r["breached"], r["resolve_seconds"])
                for key, r in rolled.items()])

    insert("case_number_sequences", ("key", "last"), sorted(sequences.items()))  # empty before: no case existed
    t_index = time.time()
    store.finish(a.analyze)
    t_end = time.time()

    total_rows = sum(counts.values())
    load_s = t_end - t_load
    if on_pg:
        print(f"\ndata folder: {data_dir}; database {a.database_url.split('@')[-1]} "
              f"({store.one('SELECT pg_size_pretty(pg_database_size(current_database()))')[0]})")
    else:
        print(f"\ndata folder: {data_dir}  ({os.path.getsize(db_path) / 1e6:.0f} MB kefu.sqlite)")
    for table in sorted(counts):
        print(f"  {table:24s} {counts[table]:>9,}")
    print(f"loaded {total_rows:,} rows in {load_s:.1f} s ({total_rows / load_s:,.0f} rows/s, "
          f"{a.cases / load_s:,.0f} cases/s; {'COPY, ' if on_pg else ''}indexes {t_end - t_index:.1f} s) + CLI {t_cli:.1f} s")
    print(f"log in as admin, manager01, agent001 … agent{a.agents:03d}, leader01 … leader{a.teams:02d}; password: {a.password}")


if __name__ == "__main__":
    main()
