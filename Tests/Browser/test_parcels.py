"""Mail and parcels in a real browser (issue 7 item 3): the desk registers an important parcel for a
member of staff from the console's 收发登记 button, it heads the waiting list, and the desk hands it over
with a signature drawn on the pad; the recipient was told."""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains

from conftest import Browser
from test_complaints import make_user


def test_parcel_register_and_signed_pickup(browser: Browser, admin_credentials, run_id: str):
    desk = (f"pkd{run_id}"[:32], f"Desk-{run_id[-6:]}-Pw!")
    staff = (f"pks{run_id}"[:32], f"Staff-{run_id[-6:]}-Pw!")
    make_user(browser, admin_credentials, desk[0], desk[1], f"前台 {run_id[-4:]}", {"front_desk"})
    make_user(browser, admin_credentials, staff[0], staff[1], f"收件人 {run_id[-4:]}", {"agent"})

    browser.log_out_by_forgetting()
    browser.login_ok(*desk)
    browser.get("/front-desk")
    browser.click_for_new_page(browser.find("#parcels-button"), "opening 收发登记")
    form = browser.find("form#parcel-form")
    content = f"合同文件{run_id[-4:]}"
    options = [o for o in browser.find_all("select[name=recipient_user_id] option", within=form) if o.text.startswith(f"收件人 {run_id[-4:]}")]
    assert options, "the recipient is not in the list"
    options[0].click()
    browser.fill(browser.find("input[name=content]", within=form), content)
    browser.fill(browser.find("input[name=sender_name]", within=form), "张先生")
    browser.set_checked(browser.find("input[name=important]", within=form), True)
    browser.click_for_new_page(browser.find("#parcel-submit"), "registering the parcel")
    rows = [r for r in browser.find_all("#parcels-waiting tbody tr") if content in r.text]
    assert rows and "urgent" in (rows[0].get_attribute("class") or ""), "the important parcel is not flagged on the shelf"
    browser.screenshot("parcels")

    browser.click_for_new_page(rows[0].find_element("css selector", "a.button"), "opening the hand-over page")
    pad = browser.find("canvas.signature-pad")
    ActionChains(browser.driver).move_to_element_with_offset(pad, -100, 0).click_and_hold().move_by_offset(80, 20).move_by_offset(60, -30).release().perform()
    assert browser.find("#signature").get_attribute("value").startswith("data:image/png"), "the drawn signature was not kept"
    browser.screenshot("parcel-pickup")
    browser.click_for_new_page(browser.find("#pickup-submit"), "handing the parcel over")
    assert not [r for r in browser.find_all("#parcels-waiting tbody tr") if content in r.text], "the parcel is still waiting"

    browser.log_out_by_forgetting()
    browser.login_ok(*staff)
    browser.get("/parcels")
    assert content in browser.find("#parcels-mine").text, "the recipient does not see their parcel"
