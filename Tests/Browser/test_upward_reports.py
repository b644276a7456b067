"""Reports to a superior in a real browser (请示报告, ESC-06/07): an agent of a team files a report with a
proposed handling from /upward-reports; a missing proposal is refused with the rule; the team leader sees
it on the board's panel, records the instruction; the agent sees the instruction and acknowledges it.

The department, team and people are set up through the JSON API (the admin pages have no team picker
on the create form), so the report has exactly one team leader to go to."""

from __future__ import annotations


from conftest import Browser, api



def test_agent_reports_upward_and_the_team_leader_instructs(browser: Browser, base_url: str, admin_credentials, run_id: str):
    tag = run_id[-6:]
    token = api(base_url, "POST", "/api/v1/auth/login", {"username": admin_credentials[0], "password": admin_credentials[1]})["token"]
    department = api(base_url, "POST", "/api/v1/departments", {"name": f"请示部 {tag}", "kind": "customer_service"}, token)["id"]
    leader = (f"escl{run_id}"[:32], f"Escl-{tag}-Pw!")
    agent = (f"esca{run_id}"[:32], f"Esca-{tag}-Pw!")
    leader_id = api(base_url, "POST", "/api/v1/users", {"username": leader[0], "display_name": f"班长 {tag}", "password": leader[1],
                                                       "roles": ["team_leader"], "department_id": department}, token)["id"]
    team = api(base_url, "POST", "/api/v1/teams", {"name": f"请示班 {tag}", "department_id": department, "leader_id": leader_id}, token)["id"]
    api(base_url, "POST", "/api/v1/users", {"username": agent[0], "display_name": f"坐席 {tag}", "password": agent[1],
                                           "roles": ["agent"], "department_id": department, "team_id": team}, token)

    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get("/")
    browser.click_for_new_page(browser.find("#dashboard-upward"), "opening the reports upward")
    browser.click_for_new_page(browser.find("#upward-new"), "opening the new report form")
    form = browser.find("form#upward-form")
    browser.find("select[name=category] option[value=beyond_remit]", within=form).click()
    subject = f"客户要求退还月租 {tag}"
    browser.fill(browser.find("input[name=summary]", within=form), subject)
    browser.fill(browser.find("textarea[name=details]", within=form), "客户称三个月无法上网，要求退还月租")
    # A blank proposal is refused by the server (the browser's `required` is bypassed on purpose).
    browser.driver.execute_script("arguments[0].removeAttribute('required')", browser.find("textarea[name=proposal]", within=form))
    browser.click_for_new_page(browser.find("#upward-submit"), "sending without a proposal")
    # Issue 21 §4: the rule by its title in words, never by its rulebook key.
    text = browser.find("main").text
    assert "请示须附处理意见" in text and "upward_reports.proposal_min_chars" not in text, "the missing proposal was not refused with its rule"
    form = browser.find("form#upward-form")
    browser.fill(browser.find("textarea[name=proposal]", within=form), "建议退还一个月月租")
    browser.screenshot("upward-report-form")
    browser.click_for_new_page(browser.find("#upward-submit"), "filing the report")
    report_path = browser.path
    assert report_path.startswith("/upward-reports/"), f"not on the report page: {report_path}"
    assert f"班长 {tag}" in browser.find("main").text

    browser.log_out_by_forgetting()
    browser.login_ok(*leader)
    browser.get("/cases/board")
    assert browser.find("#board-upward-count").text.strip() == "1", "the board does not count the report awaiting instruction"
    browser.get("/upward-reports")
    rows = [r for r in browser.find_all("#upward-awaiting tbody tr") if subject in r.text]
    assert rows, "the report is not in 待我批示"
    browser.screenshot("upward-reports-list")
    browser.click_for_new_page(rows[0].find_element("css selector", "a.button"), "opening the report")
    form = browser.find("form#upward-instruct-form")
    browser.fill(browser.find("textarea[name=instruction]", within=form), "同意退还一个月月租，其余报技术部核实")
    browser.click_for_new_page(browser.find("#upward-instruct"), "recording the instruction")
    assert "同意退还一个月月租" in browser.find("#upward-instruction").text

    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get(report_path)
    browser.click_for_new_page(browser.find("#upward-acknowledge"), "acknowledging the instruction")
    browser.screenshot("upward-report-acknowledged")
    assert browser.exists("form#upward-execute-form"), "after acknowledging, the execution form is not offered"
