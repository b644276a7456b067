"""Issue 21: each role's working day in a real browser at 1366×768 — the agent (a case and a complaint), the
team leader, the approver (the VP deciding a settlement, the CS director deciding leave), QA, the return-visit
desk, the front desk and the administrator — each in Chinese and in English (one organization per language).

On every page a journey passes, `look` checks what a person reads: no horizontal scrolling, no raw key or enum
(`snake_case` words, `xxx.yyy` keys), no ISO or UTC instant; after every action, a confirmation in words.
A screenshot of each page goes to KEFU_SCREENSHOTS. The journeys share one organization, made once through
the API, and run in the order of a day: what one role does is what the next one finds.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from conftest import Browser, api

SHANGHAI = timezone(timedelta(hours=8))
SNAKE = re.compile(r"\b[a-z]{2,}(?:_[a-z0-9]{2,})+\b")
KEY = re.compile(r"\b[a-z]{2,}(?:\.[a-z_]{2,})+\b")
NOT_KEYS = re.compile(r"\.(?:js|css|png|jpg|pdf|csv|html|com|cn|net|org|yaml|json)\b")
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d|\b\d\d:\d\d(?::\d\d)?Z\b|\bUTC\b|\bGMT\b")

PAGE = """
const text = document.body.innerText;
return {text: text, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
        flash: [...document.querySelectorAll('.flash')].filter(e => e.offsetParent !== null).map(e => e.innerText.trim()),
        error: [...document.querySelectorAll('.flash-error')].filter(e => e.offsetParent !== null).map(e => e.innerText.trim())};
"""


class Day:
    """One role's day: every page looked at, every problem collected, all reported at the end."""

    def __init__(self, browser: Browser, role: str, language: str = "zh-Hans"):
        self.browser = browser
        self.role = f"{role}-{language}"
        self.problems: list[str] = []

    def look(self, name: str) -> dict:
        b = self.browser
        b.wait_ready()
        page = b.driver.execute_script(PAGE)
        where = f"{self.role} · {name} ({b.path})"
        if page["scrollWidth"] > page["innerWidth"]:
            self.problems.append(f"{where}: scrolls sideways ({page['scrollWidth']} > {page['innerWidth']})")
        text = page["text"]
        for word in sorted(set(SNAKE.findall(text))):
            self.problems.append(f"{where}: machine word {word!r}")
        for key in sorted(set(KEY.findall(text))):
            if not NOT_KEYS.search("." + key.split(".")[-1]) and not re.search(re.escape(key) + r"\.(js|css|png|com|cn)", text):
                self.problems.append(f"{where}: raw key {key!r}")
        for instant in sorted(set(ISO.findall(text))):
            self.problems.append(f"{where}: machine time {instant!r}")
        b.screenshot(f"{self.role}-{name}")
        return page

    def act(self, element, what: str) -> dict:
        """Submit (click) and check the next page confirms it in words."""
        self.browser.click_for_new_page(element, what)
        page = self.look(what)
        if page["error"]:
            self.problems.append(f"{self.role} · {what}: refused: {page['error']}")
        elif not page["flash"]:
            self.problems.append(f"{self.role} · {what}: no confirmation after the action")
        return page

    def visit(self, path: str, name: str) -> dict:
        self.browser.get(path)
        return self.look(name)

    def done(self) -> None:
        assert not self.problems, f"{len(self.problems)} problems in the {self.role}'s day:\n" + "\n".join(self.problems)


class Org:
    """The organization of the day, made through the API as the administrator."""

    def __init__(self, base_url: str, admin: tuple[str, str], run_id: str):
        self.base_url = base_url
        self.admin = admin
        self.token = api(base_url, "POST", "/api/v1/auth/login", {"username": admin[0], "password": admin[1]})["token"]
        tag = run_id[-5:]
        self.tag = tag
        self.cs = self.call("POST", "/api/v1/departments", {"name": f"客服部{tag}", "kind": "customer_service"})["id"]
        self.marketing_name = f"营销部{tag}"
        self.marketing = self.call("POST", "/api/v1/departments", {"name": self.marketing_name, "kind": "marketing"})["id"]
        self.people: dict[str, tuple[str, str, str]] = {}
        self.names: dict[str, str] = {}
        self.user("leader", "班长", ["team_leader"], department=self.cs)
        self.team = self.call("POST", "/api/v1/teams", {"name": f"一班{tag}", "department_id": self.cs,
                                                        "leader_id": self.people["leader"][2]})["id"]
        self.user("agent", "坐席", ["agent"], department=self.cs, team=self.team)
        self.user("vp", "副总", ["vp"])
        self.user("director", "主任", ["cs_director"], department=self.cs)
        self.user("qa", "质检", ["qa_inspector"], department=self.cs)
        self.user("visitor", "回访", ["return_visitor"], department=self.cs)
        self.user("desk", "前台", ["front_desk"])

    def call(self, method: str, path: str, body: dict | None = None, token: str | None = None) -> dict:
        return api(self.base_url, method, path, body, token or self.token)

    def user(self, role: str, name: str, roles: list[str], department: str | None = None, team: str | None = None) -> None:
        login = f"j{role[:4]}{self.tag}"
        password = f"Jy-{self.tag}-{role}-Pw1"
        body = {"username": login, "display_name": f"{name}{self.tag[-3:]}", "password": password, "roles": roles}
        if department:
            body["department_id"] = department
        if team:
            body["team_id"] = team
        self.people[role] = (login, password, self.call("POST", "/api/v1/users", body)["id"])
        self.names[role] = body["display_name"]

    def login(self, role: str) -> tuple[str, str]:
        return self.people[role][0], self.people[role][1]

    def name(self, role: str) -> str:
        return self.names[role]

    def token_of(self, role: str) -> str:
        login, password = self.login(role)
        return api(self.base_url, "POST", "/api/v1/auth/login", {"username": login, "password": password})["token"]


@pytest.fixture(scope="module", params=["zh-Hans", "en"])
def language(request) -> str:
    """Every journey runs in both languages, each with its own organization (pytest groups the tests by it)."""
    return request.param


@pytest.fixture(scope="module")
def org(base_url: str, admin_credentials, run_id: str, language: str) -> Org:
    return Org(base_url, admin_credentials, run_id + ("0" if language == "zh-Hans" else "1"))


@pytest.fixture(scope="module")
def state(language: str) -> dict:
    """What one role's day leaves for the next (case ids, numbers)."""
    return {}


def as_role(browser: Browser, org: Org, role: str, language: str = "zh-Hans") -> None:
    browser.log_out_by_forgetting()
    browser.login_ok(*org.login(role))
    if language != "zh-Hans":
        browser.click_for_new_page(browser.find(f"button[data-switch-lang='{language}']"), "switching language")


def set_value(browser: Browser, element, value: str) -> None:
    browser.driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", element, value)


def open_case(day: Day, subject: str, complaint: bool = False) -> str:
    b = day.browser
    day.visit("/cases/new", "new-case-form")
    form = b.find("form#case-new-form")
    # Issue 21 §7: 受理 is in view on a laptop screen without scrolling.
    if not b.driver.execute_script("const r = document.getElementById('case-submit').getBoundingClientRect();"
                                   " return r.top >= 0 && r.bottom <= window.innerHeight;"):
        day.problems.append(f"{day.role} · new-case-form: the submit button is not in view without scrolling")
    if complaint:
        b.find("select[name=type] option[value=complaint]", within=form).click()
        b.wait_visible("#complaint-fields", "the complaint fields")
    digits = str(abs(hash(subject)))[-4:].rjust(4, "0")
    b.fill(b.find("#caller-phone", within=form), f"1390000{digits}")
    b.fill(b.find("#caller-name", within=form), "周女士")
    b.fill(b.find("input[name=subject]", within=form), subject)
    b.fill(b.find("textarea[name=description]", within=form), f"{subject}，客户来电说明情况")
    if complaint:
        b.fill(b.find("textarea[name=complaint_customer_request]", within=form), "赔偿损失")
    day.act(b.find("#case-submit"), "case-opened")
    return b.path.split("/cases/")[1].split("?")[0]


def test_agent_day(browser: Browser, org: Org, state: dict, language: str):
    day = Day(browser, "agent", language)
    as_role(browser, org, "agent", language)
    day.look("dashboard")
    day.visit("/cases", "queue")
    case_id = open_case(day, f"宽带无法上网{org.tag}")
    # The time the case was taken is shown in the organization's zone (Asia/Shanghai), whatever the browser's.
    now = datetime.now(SHANGHAI)
    meta = browser.find("p.meta").text
    shown = [(now - timedelta(minutes=m)).strftime("%H:%M") for m in range(0, 3)]
    if not any(t in meta for t in shown):
        day.problems.append(f"agent · case page: the opening time is not Shanghai time ({shown[0]}): {meta}")
    resolve = browser.find("#resolve-form")
    if not resolve.is_displayed():
        browser.find("#resolve-form").find_element("xpath", "ancestor::details").click()
    browser.fill(browser.find("textarea[name=resolution]", within=resolve), "已指导客户重启光猫，恢复上网")
    day.act(browser.find("button[type=submit]", within=resolve), "case-resolved")
    state["resolved_case"] = case_id

    complaint_id = open_case(day, f"净水器漏水{org.tag}", complaint=True)
    state["complaint"] = complaint_id
    day.visit(f"/cases/{complaint_id}/complaint", "complaint-page")
    task = browser.find("#task-form")
    browser.find("select[name=kind] option[value=verify_order]", within=task).click()
    department = [o for o in browser.find_all("select[name=owner_department_id] option", within=task) if org.marketing_name in o.text]
    assert department, "营销部 is not offered for 核查订单资料"
    department[0].click()
    page = day.act(browser.find("button[type=submit]", within=task), "complaint-task")
    if page["flash"] and org.marketing_name not in " ".join(page["flash"]):
        day.problems.append(f"agent · complaint-task: the confirmation does not name the department: {page['flash']}")
    decision = browser.find("#decision-form")
    browser.find("select[name=method] option[value=compensation]", within=decision).click()
    browser.fill(browser.find("input[name=amount]", within=decision), "3000")
    browser.fill(browser.find("[name=reason]", within=decision), "滤芯质量问题属实，按价赔偿")
    day.act(browser.find("button[type=submit]", within=decision), "complaint-decision")
    day.visit("/notifications", "notifications")
    day.visit("/kb", "knowledge-base")
    day.visit("/console/chat", "chat-console")
    day.done()


def test_team_leader_day(browser: Browser, org: Org, state: dict, language: str):
    # A case the agent's team has not yet given anyone (opened through the API, unassigned).
    opened = org.call("POST", "/api/v1/cases", {"type": "consultation", "channel": "phone", "subject": f"话费疑问{org.tag}",
                                               "description": "客户询问本月话费", "customer": {"name": "钱先生", "phone": "13700001111"}},
                      token=org.token_of("agent"))
    day = Day(browser, "team-leader", language)
    as_role(browser, org, "leader", language)
    day.look("dashboard")
    day.visit("/cases/board", "board")
    day.visit("/cases?view=unassigned", "unassigned")
    assert opened["number"] in browser.find("main").text, "the team's unassigned case is not in 待分派"
    day.visit(f"/cases/{opened['id']}", "case")
    picker = browser.find("form[action$='/assign'] select[name=assignee_id]")
    options = [o for o in browser.find_all("option", within=picker) if org.name("agent") in o.text]
    assert options, "the agent is not offered in 派给"
    options[0].click()
    page = day.act(browser.find("form[action$='/assign'] button[type=submit]"), "assigned")
    if page["flash"] and org.name("agent") not in " ".join(page["flash"]):
        day.problems.append(f"team-leader · assigned: the confirmation does not say to whom: {page['flash']}")
    day.visit("/roster", "roster")
    day.visit("/leave", "leave")
    day.done()


def test_vice_president_day(browser: Browser, org: Org, state: dict, language: str):
    day = Day(browser, "vice-president", language)
    as_role(browser, org, "vp", language)
    day.look("dashboard")
    day.visit("/approvals", "inbox")
    text = browser.find("main").text
    if "3000" not in text:
        day.problems.append("vice-president · inbox: the settlement's amount is not in the inbox")
    links = [a for a in browser.find_all("main a[href^='/approvals/']") if a.get_attribute("href").rsplit("/", 1)[-1].count("-") == 4]
    assert links, "no approval waits for the VP"
    browser.click_for_new_page(links[0], "opening the approval")
    day.look("approval")
    form = browser.find("form#decide-form")
    browser.fill(browser.find("textarea[name=comment]", within=form), "同意按3000元赔付")
    day.act(browser.find("button[value=approve]", within=form), "approved")
    day.done()


def test_director_day(browser: Browser, org: Org, state: dict, language: str):
    start = (datetime.now(SHANGHAI) + timedelta(days=4)).replace(hour=8, minute=0, second=0, microsecond=0)
    org.call("POST", "/api/v1/leave-requests", {"type": "compensatory", "starts_at": start.isoformat(),
                                               "ends_at": (start + timedelta(hours=8)).isoformat(), "reason": "换休"},
             token=org.token_of("agent"))
    day = Day(browser, "cs-director", language)
    as_role(browser, org, "director", language)
    day.look("dashboard")
    day.visit("/approvals", "inbox")
    rows = browser.find_all("form.decide-inline")
    assert rows, "the leave cannot be decided from the inbox"
    day.act(browser.find("button[value=approve]", within=rows[0]), "leave-approved")
    day.visit("/cases/board", "board")
    day.visit("/reports", "reports")
    day.done()


def test_qa_day(browser: Browser, org: Org, state: dict, language: str):
    day = Day(browser, "qa", language)
    as_role(browser, org, "qa", language)
    day.look("dashboard")
    day.visit("/qa", "quality")
    day.visit("/cases?view=all", "cases")
    day.visit("/reports", "reports")
    day.done()


def test_return_visitor_day(browser: Browser, org: Org, state: dict, language: str):
    day = Day(browser, "return-visitor", language)
    as_role(browser, org, "visitor", language)
    day.look("dashboard")
    day.visit("/return-visits", "queue")
    visits = [a for a in browser.find_all("main a[href^='/return-visits/']") if re.search(r"/return-visits/[0-9A-Fa-f-]{36}$", a.get_attribute("href"))]
    assert visits, "the resolved case has no return visit waiting"
    browser.click_for_new_page(visits[0], "opening a visit")
    day.look("visit")
    form = browser.find("#attempt-form")
    browser.find("#attempt-outcome option[value=no_answer]", within=form).click()
    day.act(browser.find("#attempt-submit"), "visit-recorded")
    day.done()


def test_front_desk_day(browser: Browser, org: Org, state: dict, language: str):
    day = Day(browser, "front-desk", language)
    as_role(browser, org, "desk", language)
    day.look("dashboard")
    day.visit("/front-desk", "console")
    day.visit("/parcels", "parcels")
    form = browser.find("#parcel-form")
    person = [o for o in browser.find_all("select[name=recipient_user_id] option", within=form) if org.name("agent") in o.text]
    assert person, "the agent is not among the recipients"
    person[0].click()
    browser.fill(browser.find("input[name=content]", within=form), "合同文件")
    browser.fill(browser.find("input[name=tracking_no]", within=form), f"SF{org.tag}0001")
    browser.fill(browser.find("input[name=courier]", within=form), "顺丰")
    browser.fill(browser.find("input[name=sender_name]", within=form), "张先生")
    page = day.act(browser.find("#parcel-submit"), "parcel-registered")
    if page["flash"] and f"SF{org.tag}0001" not in " ".join(page["flash"]):
        day.problems.append(f"front-desk · parcel-registered: the confirmation does not name the parcel: {page['flash']}")
    day.visit("/rooms", "rooms")
    day.done()


def test_admin_day(browser: Browser, org: Org, state: dict, language: str):
    day = Day(browser, "admin", language)
    browser.log_out_by_forgetting()
    browser.login_ok(*org.admin)
    if language != "zh-Hans":
        browser.click_for_new_page(browser.find(f"button[data-switch-lang='{language}']"), "switching language")
    day.look("dashboard")
    day.visit("/admin/users", "users")
    day.visit("/admin/departments", "departments")
    day.visit("/admin/teams", "teams")
    day.visit("/admin/rulebook?view=document", "rulebook")
    day.done()


def test_back_to_chinese(browser: Browser, org: Org, language: str):
    """The browser is left in Chinese for the tests that follow (the language is kept per session)."""
    if language != "zh-Hans" and browser.exists("button[data-switch-lang='zh-Hans']"):
        browser.click_for_new_page(browser.find("button[data-switch-lang='zh-Hans']"), "back to Chinese")
