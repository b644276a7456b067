"""Reports in a real browser (issue 5): an agent opens a case, the shift leader sees it counted on the
workload report with its SVG chart, a 10-year range is refused on the page with the message, the CSV
downloads, and the leader hands in the daily report, which shows in the register."""

from __future__ import annotations

from conftest import Browser
from test_complaints import make_user


def test_reports_count_and_hand_in(browser: Browser, admin_credentials, run_id: str):
    agent = (f"rpta{run_id}"[:32], f"Rpt-{run_id[-6:]}-Pw!")
    leader = (f"rptl{run_id}"[:32], f"Lead-{run_id[-6:]}-Pw!")
    make_user(browser, admin_credentials, agent[0], agent[1], f"坐席 {run_id[-4:]}", {"agent"})
    make_user(browser, admin_credentials, leader[0], leader[1], f"值班长 {run_id[-4:]}", {"shift_leader"})

    browser.log_out_by_forgetting()
    browser.login_ok(*leader)
    browser.get("/reports")
    before = int(browser.find("#total-opened").text)

    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get("/cases/new")
    form = browser.find("form#case-new-form")
    digits = run_id[-4:] if run_id[-4:].isdigit() else "1357"
    browser.fill(browser.find("#caller-phone", within=form), f"1366666{digits}"[:11])
    browser.fill(browser.find("#caller-name", within=form), "孙女士")
    browser.fill(browser.find("input[name=subject]", within=form), f"咨询套餐 {run_id[-4:]}")
    browser.click_for_new_page(browser.find("#case-submit"), "opening the case")

    browser.log_out_by_forgetting()
    browser.login_ok(*leader)
    browser.get("/reports")
    assert int(browser.find("#total-opened").text) == before + 1, "the new case is not counted on the workload report"
    assert browser.exists("svg.chart rect.bar-opened"), "the workload chart has no bars"
    assert browser.find("#report-csv").get_attribute("href").startswith(browser.url("/reports/cases.csv"))
    browser.screenshot("reports-workload")

    filters = browser.find("form#report-filters")
    browser.driver.execute_script("arguments[0].value = '2016-01-01'", browser.find("input[name=from]", within=filters))
    browser.submit(filters, "a 10-year range")
    assert browser.exists(".flash-error"), "a 10-year range is not refused with a message"
    # Issue 21 §4: the refusal names its rule by its title in words, never by its rulebook key.
    refusal = browser.find(".flash-error").text
    assert "单份报表最长统计期" in refusal and "reports.max_range_days" not in refusal, refusal
    assert not browser.exists("#total-opened")

    browser.get("/reports/weekly")
    hand_in = browser.find("form#submit-report")
    browser.fill(browser.find("textarea[name=analysis]", within=hand_in), f"系统正常；疑难问题：宽带报修集中 {run_id[-4:]}")
    browser.click_for_new_page(browser.find("button[type=submit]", within=hand_in), "handing in the daily report")
    assert f"宽带报修集中 {run_id[-4:]}" in browser.find("#submissions").text
    browser.screenshot("reports-weekly")
