"""The agent workbench in a real browser: a case is opened for a caller found by the last digits of the
phone (lookup as you type), answered and resolved through the case page's buttons (issue 3)."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from conftest import Browser
from test_shell import fill_user_form, ensure_admin


def make_agent(browser: Browser, admin: tuple[str, str], run_id: str) -> tuple[str, str]:
    ensure_admin(browser, admin)
    browser.get("/admin/users")
    username, password = f"case{run_id}"[:32], f"Case-{run_id[-6:]}-Pw!"
    form = fill_user_form(browser, username=username, display_name=f"坐席 {run_id[-4:]}", password=password, roles={"agent"})
    browser.submit(form, "creating the agent")
    browser.log_out_by_forgetting()
    browser.login_ok(username, password)
    return username, password


def open_case(browser: Browser, phone: str, subject: str, name: str | None = None) -> None:
    browser.get("/cases/new")
    form = browser.find("form#case-new-form")
    browser.fill(browser.find("#caller-phone", within=form), phone)
    if name:
        browser.fill(browser.find("#caller-name", within=form), name)
    browser.fill(browser.find("input[name=subject]", within=form), subject)
    browser.fill(browser.find("textarea[name=description]", within=form), "客户来电：我要退货，包装破损")
    browser.click_for_new_page(browser.find("#case-submit"), "opening the case")


def test_agent_opens_a_case_by_phone_lookup_and_resolves_it(browser: Browser, admin_credentials, run_id: str):
    make_agent(browser, admin_credentials, run_id)
    digits = run_id[-4:].rjust(4, "0") if run_id[-4:].isdigit() else "5678"
    phone = f"1391234{digits}"[:11]
    # First call: a new number registers the customer with the case.
    open_case(browser, phone, "宽带无法上网", name="王先生")
    assert browser.path.startswith("/cases/"), f"after opening: {browser.driver.current_url}"

    # Second call: typing the last digits finds the customer; choosing it keeps the customer's id.
    browser.get("/cases/new")
    form = browser.find("form#case-new-form")
    browser.fill(browser.find("#caller-phone", within=form), phone[-4:])
    match = browser.wait_visible("#customer-matches button[data-customer-id]", "the customer found by the phone suffix")
    assert "王先生" in match.text, f"lookup shows {match.text!r}"
    match.click()
    assert browser.find("#customer-id").get_attribute("value"), "choosing the customer did not fill customer_id"
    assert browser.find("#caller-name").get_attribute("value") == "王先生"
    browser.fill(browser.find("input[name=subject]", within=form), "要求退货")
    browser.screenshot("case-new-by-phone")
    browser.click_for_new_page(browser.find("#case-submit"), "opening the second case")
    assert browser.exists("#case-status"), "the case page did not open"
    assert "要求退货" in browser.find("h1").text
    history = browser.find("#customer-panel").text
    assert "宽带无法上网" in history, f"the customer panel does not list the first case: {history!r}"

    # Reply to the customer, then resolve.
    notes = browser.find("form#note-form")
    browser.fill(browser.find("textarea[name=body]", within=notes), "您好，已为您登记退货")
    browser.click_for_new_page(browser.find("button[name=reply]", within=notes), "replying to the customer")
    resolve = browser.find("form#resolve-form")
    browser.fill(browser.find("textarea[name=resolution]", within=resolve), "已安排上门取件")
    browser.click_for_new_page(browser.find("#resolve-case"), "resolving")
    status = browser.find("#case-status").text
    assert status in ("已办结", "Resolved"), f"status after resolving: {status!r}"
    assert "已安排上门取件" in browser.find("#case-resolution").text
    browser.screenshot("case-resolved")

    # The queue finds the case by a 2-character word.
    browser.get("/cases?view=all&q=%E9%80%80%E8%B4%A7")
    rows = browser.find_all("#cases tbody tr")
    assert any("要求退货" in r.text for r in rows), f"search 退货 did not list the case: {[r.text for r in rows]}"


def test_a_pasted_control_character_keeps_the_form_as_typed_and_says_what_to_remove(browser: Browser, admin_credentials, run_id: str):
    """Issue 20: the server refuses a control character with an error page; in the browser the form stops
    first, keeps everything typed and marks the field, and goes through once the character is removed."""
    make_agent(browser, admin_credentials, run_id + "cc")
    browser.get("/cases/new")
    form = browser.find("form#case-new-form")
    browser.fill(browser.find("#caller-phone", within=form), "13912340000")
    browser.fill(browser.find("#caller-name", within=form), "赵女士")
    subject = browser.find("input[name=subject]", within=form)
    # A vertical tab as text pasted from a word processor carries it (send_keys cannot type one).
    browser.driver.execute_script("arguments[0].value = '发票\\u000b抬头错误';", subject)
    browser.find("#case-submit").click()
    note = browser.wait_visible("[data-control-character-note]", "the note beside the field")
    assert browser.path == "/cases/new", f"the form was sent: {browser.driver.current_url}"
    assert "控制字符" in note.text, f"the note says {note.text!r}"
    assert subject.get_attribute("aria-invalid") == "true"
    assert browser.find("#caller-name").get_attribute("value") == "赵女士", "what was typed was lost"
    browser.screenshot("case-new-control-character")
    browser.driver.execute_script("arguments[0].value = '发票抬头错误';", subject)
    browser.click_for_new_page(browser.find("#case-submit"), "opening the case once the character is gone")
    assert browser.exists("#case-status"), f"the case page did not open: {browser.driver.current_url}"
