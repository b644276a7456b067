"""Meeting rooms in a real browser (issue 7 item 7, REQUIREMENTS §18): the administrative office adds a room,
an agent books it on the room calendar's form, the office approves on the booking page (MR-17/23), and the
calendar shows the approved meeting; the front-desk console links the rooms."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from conftest import Browser
from test_complaints import make_user


def set_value(browser: Browser, css: str, value: str, within=None) -> None:
    """Date and time inputs take keys in the browser's locale format; set the ISO value directly."""
    field = browser.find(css, within=within)
    browser.driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", field, value)


def test_book_a_room_and_approve_it(browser: Browser, admin_credentials, run_id: str):
    office = (f"rmo{run_id}"[:32], f"Office-{run_id[-6:]}-Pw!")
    agent = (f"rma{run_id}"[:32], f"Agent-{run_id[-6:]}-Pw!")
    desk = (f"rmd{run_id}"[:32], f"Desk-{run_id[-6:]}-Pw!")
    make_user(browser, admin_credentials, office[0], office[1], f"行政 {run_id[-4:]}", {"admin_office"})
    make_user(browser, admin_credentials, agent[0], agent[1], f"坐席 {run_id[-4:]}", {"agent"})
    make_user(browser, admin_credentials, desk[0], desk[1], f"前台 {run_id[-4:]}", {"front_desk"})
    room = f"会议室{run_id[-5:]}"
    title = f"季度复盘会{run_id[-4:]}"
    # Three days ahead in the organization's zone (Asia/Shanghai), so the slot is in the future.
    day = (datetime.now(timezone(timedelta(hours=8))) + timedelta(days=3)).strftime("%Y-%m-%d")

    # The administrative office adds the room.
    browser.log_out_by_forgetting()
    browser.login_ok(*office)
    browser.get("/rooms")
    form = browser.find("#add-room form")
    browser.fill(browser.find("#room-name", within=form), room)
    browser.fill(browser.find("#room-capacity", within=form), "10")
    browser.fill(browser.find("#room-equipment", within=form), "投影仪，麦克风")
    browser.submit(form, "adding the room")
    assert room in browser.find("#room-calendar").text, "the new room is not on the calendar"

    # An agent books it: a wrong end time is refused with the message, what was typed stays.
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get(f"/rooms?date={day}")
    form = browser.find("form#booking-form")
    browser.fill(browser.find("#booking-title", within=form), title)
    options = [o for o in browser.find_all("#booking-room option", within=form) if o.text.startswith(room)]
    assert options, "the room is not in the booking form"
    options[0].click()
    set_value(browser, "#booking-date", day, within=form)
    set_value(browser, "#booking-start", "10:00", within=form)
    set_value(browser, "#booking-end", "09:00", within=form)
    browser.fill(browser.find("#booking-attendees", within=form), "6")
    browser.click_for_new_page(browser.find("#booking-submit"), "submitting a booking that ends before it starts")
    assert "结束时间必须晚于开始时间" in browser.find("main").text, "the refusal is not shown"
    form = browser.find("form#booking-form")
    assert browser.find("#booking-title", within=form).get_attribute("value") == title, "the typed title was lost"
    set_value(browser, "#booking-end", "11:30", within=form)
    browser.click_for_new_page(browser.find("#booking-submit"), "submitting the booking")
    assert "待审批" in browser.find("#booking-state").text, "the booking does not wait for approval"
    booking_path = browser.path
    browser.screenshot("room-booking-pending")

    # The office approves it on the booking page.
    browser.log_out_by_forgetting()
    browser.login_ok(*office)
    browser.get(booking_path)
    browser.click_for_new_page(browser.find("#approve"), "approving the booking")
    assert "已批准" in browser.find("#booking-state").text, "the booking is not approved"

    # The calendar shows it, and the front-desk console links the rooms.
    browser.get(f"/rooms?date={day}")
    grid = browser.find("#room-calendar")
    chips = [c for c in browser.find_all("a.chip", within=grid) if title in c.text]
    assert chips, "the approved booking is not on the calendar"
    assert "10:00–11:30" in chips[0].text
    assert "pending" not in (chips[0].get_attribute("class") or "")
    browser.screenshot("room-calendar-day")

    browser.log_out_by_forgetting()
    browser.login_ok(*desk)
    browser.get("/front-desk")
    browser.click_for_new_page(browser.find("#rooms-button"), "opening the rooms from the console")
    assert browser.path == "/rooms"
