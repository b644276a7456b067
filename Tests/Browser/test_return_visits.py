"""A return visit with a survey in a real browser (issue 5): an agent resolves a case, the return visitor
finds the visit in the station's queue, records the call with the 4 × 4 survey, and the weekly analysis
counts it."""

from __future__ import annotations

from conftest import Browser
from test_complaints import make_user


def test_return_visit_with_survey(browser: Browser, admin_credentials, run_id: str):
    agent = (f"rtva{run_id}"[:32], f"Rtv-{run_id[-6:]}-Pw!")
    visitor = (f"rtvv{run_id}"[:32], f"Vis-{run_id[-6:]}-Pw!")
    make_user(browser, admin_credentials, agent[0], agent[1], f"坐席 {run_id[-4:]}", {"agent"})
    make_user(browser, admin_credentials, visitor[0], visitor[1], f"回访员 {run_id[-4:]}", {"return_visitor"})

    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get("/cases/new")
    form = browser.find("form#case-new-form")
    digits = run_id[-4:] if run_id[-4:].isdigit() else "2468"
    browser.fill(browser.find("#caller-phone", within=form), f"1377777{digits}"[:11])
    browser.fill(browser.find("#caller-name", within=form), "钱先生")
    subject = f"热水器不加热 {run_id[-4:]}"
    browser.fill(browser.find("input[name=subject]", within=form), subject)
    browser.click_for_new_page(browser.find("#case-submit"), "opening the case")
    resolve = browser.find("form#resolve-form")
    browser.fill(browser.find("textarea[name=resolution]", within=resolve), "已更换温控器")
    browser.click_for_new_page(browser.find("#resolve-case"), "resolving")
    assert browser.exists("#case-follow-up"), "the resolved case shows no follow-up section"

    browser.log_out_by_forgetting()
    browser.login_ok(*visitor)
    browser.get("/return-visits")
    rows = [r for r in browser.find_all("#visits tbody tr") if subject in r.text]
    assert rows, f"the new visit is not in the due queue: {[r.text for r in browser.find_all('#visits tbody tr')]}"
    browser.click_for_new_page(rows[0].find_element("css selector", "a"), "opening the visit")
    assert browser.exists("#rtv-scripts")
    attempt = browser.find("form#attempt-form")
    browser.find("select[name=outcome] option[value=reached]", within=attempt).click()
    for item, level in [("attitude", "very_satisfied"), ("technical", "satisfied"), ("arrival_time", "satisfied"), ("promise", "satisfied")]:
        browser.find(f"input[name={item}][value={level}]", within=attempt).click()
    browser.fill(browser.find("textarea[name=note]", within=attempt), "师傅很专业")
    browser.screenshot("return-visit-survey")
    browser.click_for_new_page(browser.find("#attempt-submit"), "recording the call")
    state = browser.find("#visit-state").text
    assert state in ("已回访", "Done"), f"visit state after the call: {state!r}"
    assert "师傅很专业" in browser.find("#attempts").text

    browser.get("/return-visits/weekly?week=" + browser.driver.execute_script("return new Date().toISOString().slice(0,10)"))
    assert browser.exists("#visit-rate")
    assert browser.find("#survey-items").text, "the weekly analysis shows no survey table"
    browser.screenshot("return-visit-weekly")
