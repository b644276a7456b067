"""Duties in a real browser (SEC-15/16): the agent marks a duty done with the big 完成 button, the supervisor
fails it with a reason, the agent redoes it, and the supervisor passes it. The roster entry and the day's
duties are set up through the JSON API (the roster page has its own browser test)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import Browser, api
from test_complaints import make_user



def login(base_url: str, username: str, password: str) -> tuple[str, str]:
    answer = api(base_url, "POST", "/api/v1/auth/login", body={"username": username, "password": password})
    return answer["token"], answer["user"]["id"]


def row_form(browser: Browser, row_css: str, form_css: str):
    return browser.find(form_css, within=browser.find(row_css))


def test_duty_done_failed_redone_and_passed(browser: Browser, admin_credentials, base_url: str, run_id: str):
    tag = run_id[-4:]
    supervisor = (f"dts{run_id}"[:32], f"Sup-{run_id[-6:]}-Pw!")
    agent = (f"dta{run_id}"[:32], f"Age-{run_id[-6:]}-Pw!")
    make_user(browser, admin_credentials, supervisor[0], supervisor[1], f"主管 {tag}", {"shift_leader", "team_leader"})
    make_user(browser, admin_credentials, agent[0], agent[1], f"值日 {tag}", {"agent"})

    # Put the agent on today's day shift, generate today's duties and hand one to the agent.
    sup_token, _ = login(base_url, *supervisor)
    _, agent_id = login(base_url, *agent)
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    template = api(base_url, "POST", "/api/v1/shift-templates", {"name": f"值日班{tag}", "starts_at": "08:00", "ends_at": "17:00"}, sup_token)
    api(base_url, "POST", "/api/v1/roster", {"user_id": agent_id, "date": today, "shift_template_id": template["id"]}, sup_token)
    api(base_url, "POST", "/api/v1/duties/generate", {"date": today}, sup_token)
    duties = api(base_url, "GET", f"/api/v1/duties?date={today}&state=assigned&limit=200", token=sup_token)["items"]
    assert duties, "no open duty was generated for today"
    duty = duties[0]["id"]
    api(base_url, "POST", f"/api/v1/duties/{duty}/assign", {"assignee_id": agent_id}, sup_token)

    # The agent finds it on /duties (linked from /my-shifts) and presses 完成.
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get("/my-shifts")
    browser.click_for_new_page(browser.find("#duties-button"), "opening the duties page")
    assert browser.path == "/duties"
    browser.screenshot("duties-mine")
    browser.submit(row_form(browser, f"#duty-{duty}", "form"), "marking the duty done")
    assert not browser.exists(f"#duty-{duty} .done-button"), "the 完成 button is still there after marking done"

    # The supervisor fails it with a reason.
    browser.log_out_by_forgetting()
    browser.login_ok(*supervisor)
    browser.get("/duties")
    check = browser.find(f"#check-{duty}")
    fail_form = [f for f in browser.find_all("form", within=check) if browser.find_all("input[name=note]", within=f)][0]
    browser.fill(browser.find("input[name=note]", within=fail_form), "地面有水渍")
    browser.screenshot("duties-check")
    browser.submit(fail_form, "failing the duty")
    assert not browser.exists(f"#check-{duty}")

    # The agent sees the reason, redoes it and marks it done again.
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get("/duties")
    assert "地面有水渍" in browser.find(f"#duty-{duty}").text
    browser.submit(row_form(browser, f"#duty-{duty}", "form"), "marking the redone duty done")

    # The supervisor passes it this time.
    browser.log_out_by_forgetting()
    browser.login_ok(*supervisor)
    browser.get("/duties")
    pass_form = [f for f in browser.find_all("form", within=browser.find(f"#check-{duty}")) if not browser.find_all("input[name=note]", within=f)][0]
    browser.submit(pass_form, "passing the duty")
    assert not browser.exists(f"#check-{duty}")
    state = api(base_url, "GET", f"/api/v1/duties/{duty}", token=sup_token)["state"]
    assert state == "passed"
