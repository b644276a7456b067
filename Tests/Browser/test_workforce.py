"""A handover in a real browser (SHF-04/05/06): the supervisor adds a shift template on the roster page,
the outgoing agent writes the 交接日志 to a colleague, cannot close the shift before the colleague
acknowledges, the incoming agent acknowledges from "my shifts", and the outgoing agent then closes it."""

from __future__ import annotations

from conftest import Browser
from test_complaints import make_user


def pick(browser: Browser, select_css: str, text: str, within) -> None:
    options = [o for o in browser.find_all(f"{select_css} option", within=within) if text in o.text]
    assert options, f"no option containing {text!r} in {select_css}"
    options[0].click()


def test_handover_needs_the_incoming_persons_acknowledgement(browser: Browser, admin_credentials, run_id: str):
    tag = run_id[-4:]
    leader = (f"wfl{run_id}"[:32], f"Lead-{run_id[-6:]}-Pw!")
    outgoing = (f"wfo{run_id}"[:32], f"Out-{run_id[-6:]}-Pw!")
    incoming = (f"wfi{run_id}"[:32], f"Inc-{run_id[-6:]}-Pw!")
    make_user(browser, admin_credentials, leader[0], leader[1], f"班长 {tag}", {"team_leader", "shift_leader"})
    make_user(browser, admin_credentials, outgoing[0], outgoing[1], f"交班 {tag}", {"agent"})
    make_user(browser, admin_credentials, incoming[0], incoming[1], f"接班 {tag}", {"agent"})

    # The supervisor adds a shift template on the roster page.
    browser.log_out_by_forgetting()
    browser.login_ok(*leader)
    browser.get("/roster")
    assert browser.exists("#roster-grid")
    browser.driver.execute_script("document.querySelector('#shift-templates details').open = true")
    templates = browser.find("#shift-templates form")
    shift = f"早班{tag}"
    browser.fill(browser.find("input[name=name]", within=templates), shift)
    browser.fill(browser.find("input[name=starts_at]", within=templates), "08:00")
    browser.fill(browser.find("input[name=ends_at]", within=templates), "16:00")
    browser.fill(browser.find("input[name=breaks]", within=templates), "12:00-12:30")
    browser.submit(templates, "creating the shift template")
    assert shift in browser.find("#shift-templates").text
    browser.screenshot("workforce-roster")

    # The outgoing agent writes the handover log.
    browser.log_out_by_forgetting()
    browser.login_ok(*outgoing)
    browser.get("/handovers/new")
    form = browser.find("form#handover-form")
    pick(browser, "select[name=shift_template_id]", shift, form)
    pick(browser, "select[name=incoming_user_id]", f"接班 {tag}", form)
    browser.fill(browser.find("textarea[name=equipment]", within=form), "3号机耳麦有杂音")
    browser.fill(browser.find("textarea[name=difficult_problems]", within=form), "张先生反复来电投诉宽带")
    browser.submit(form, "handing over")
    assert browser.find("#handover-state").text in ("待接班确认", "Waiting for acknowledgement")
    assert not browser.exists("#handover-acknowledge"), "the outgoing agent sees the incoming person's button"
    assert not browser.exists("#handover-close"), "the shift can be closed before the acknowledgement"
    handover_path = browser.path

    # The incoming agent finds it under "my shifts" and acknowledges.
    browser.log_out_by_forgetting()
    browser.login_ok(*incoming)
    browser.get("/my-shifts")
    links = [a for a in browser.find_all("#my-handovers a") if f"交班 {tag}" in a.text]
    assert links, "the handover is not listed on the incoming agent's page"
    browser.click_for_new_page(links[0], "opening the handover")
    assert "3号机耳麦有杂音" in browser.find("#handover-log").text
    browser.screenshot("workforce-handover")
    browser.click_for_new_page(browser.find("#handover-acknowledge button"), "acknowledging")
    assert browser.find("#handover-state").text in ("已确认", "Acknowledged")

    # Now the outgoing agent may close the shift.
    browser.log_out_by_forgetting()
    browser.login_ok(*outgoing)
    browser.get(handover_path)
    browser.click_for_new_page(browser.find("#handover-close button"), "closing the shift")
    assert browser.find("#handover-state").text in ("已结束", "Closed")
