"""Leave in a real browser (LV-03/07): an agent opens "my shifts", presses 请假, requests a day of
compensatory leave three days ahead, and the CS director approves it from the approvals inbox; the agent
then sees it approved in the leave history."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from conftest import Browser
from test_complaints import make_user


def set_value(browser: Browser, css: str, value: str, within) -> None:
    """datetime-local inputs take keys in the browser's locale format; set the value the form posts."""
    field = browser.find(css, within=within)
    browser.driver.execute_script("arguments[0].value = arguments[1];", field, value)


def test_agent_requests_leave_and_the_director_approves(browser: Browser, admin_credentials, run_id: str):
    tag = run_id[-4:]
    agent = (f"lva{run_id}"[:32], f"Lva-{run_id[-6:]}-Pw!")
    director = (f"lvd{run_id}"[:32], f"Lvd-{run_id[-6:]}-Pw!")
    make_user(browser, admin_credentials, agent[0], agent[1], f"请假坐席 {tag}", {"agent"})
    make_user(browser, admin_credentials, director[0], director[1], f"客服部主任 {tag}", {"cs_director"})

    # The agent starts from "my shifts" and presses 请假.
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get("/my-shifts")
    browser.click_for_new_page(browser.find("#leave-button"), "opening the leave page")
    assert browser.path == "/leave"
    form = browser.find("#leave-form form")
    browser.find("select[name=type] option[value=compensatory]", within=form).click()
    day = (datetime.now(timezone(timedelta(hours=8))) + timedelta(days=3)).strftime("%Y-%m-%d")
    set_value(browser, "input[name=starts_at]", f"{day}T08:00", form)
    set_value(browser, "input[name=ends_at]", f"{day}T16:00", form)
    browser.fill(browser.find("input[name=reason]", within=form), f"换休 {tag}")
    browser.screenshot("leave-form")
    browser.click_for_new_page(browser.find("#leave-submit"), "requesting leave")
    history = browser.find("#leave-history").text
    assert day in history, f"the request is not in the history: {history}"
    assert "待审批" in history or "Pending" in history
    rows = [a for a in browser.find_all("#leave-history a") if a.get_attribute("href") and "/leave/" in a.get_attribute("href")]
    assert rows, "the request has no page"
    browser.click_for_new_page(rows[0], "opening the request")
    approval_href = browser.find("#leave-detail a[href^='/approvals/']").get_attribute("href")
    approval_path = "/approvals/" + approval_href.rsplit("/approvals/", 1)[1]

    # The director finds it in the approvals inbox and approves it.
    browser.log_out_by_forgetting()
    browser.login_ok(*director)
    browser.get("/approvals")
    assert browser.exists(f"a[href='{approval_path}']"), "the request does not wait in the director's inbox"
    browser.get(approval_path)
    assert browser.exists("#approval-subject"), "the approval does not link to the leave request"
    browser.click_for_new_page(browser.find("form#decide-form button[value=approve]"), "approving")

    # Back with the agent: approved.
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get("/leave")
    history = browser.find("#leave-history").text
    assert "已批准" in history or "Approved" in history, history
    browser.screenshot("leave-approved")
