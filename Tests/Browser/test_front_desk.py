"""The front desk in a real browser (issue 7): the desk registers a visitor for a host, prints the card,
sees them in the building and checks them out with the card returned."""

from __future__ import annotations

from conftest import Browser
from test_complaints import make_user


def test_visitor_check_in_and_out(browser: Browser, admin_credentials, run_id: str):
    desk = (f"fdk{run_id}"[:32], f"Desk-{run_id[-6:]}-Pw!")
    host = (f"fdh{run_id}"[:32], f"Host-{run_id[-6:]}-Pw!")
    make_user(browser, admin_credentials, desk[0], desk[1], f"前台 {run_id[-4:]}", {"front_desk"})
    make_user(browser, admin_credentials, host[0], host[1], f"经理 {run_id[-4:]}", {"dept_manager"})

    browser.log_out_by_forgetting()
    browser.login_ok(*desk)
    browser.get("/front-desk")
    form = browser.find("form#visitor-form")
    name = f"周先生{run_id[-4:]}"
    browser.fill(browser.find("input[name=name]", within=form), name)
    browser.fill(browser.find("input[name=organization]", within=form), "华信公司")
    browser.fill(browser.find("input[name=phone]", within=form), "13900000001")
    browser.fill(browser.find("input[name=purpose]", within=form), "商谈合同")
    options = [o for o in browser.find_all("select[name=host_user_id] option", within=form) if o.text.startswith(f"经理 {run_id[-4:]}")]
    assert options, "the host is not in the host list"
    options[0].click()
    browser.click_for_new_page(browser.find("#visitor-submit"), "registering the visitor")
    card = browser.find("#visitor-badge").text
    assert name in card and "V" in card, f"the printed card does not show the visitor: {card!r}"
    browser.screenshot("visitor-badge")

    browser.get("/front-desk")
    rows = [r for r in browser.find_all("#visitors-in tbody tr") if name in r.text]
    assert rows, "the visitor is not in the building list"
    browser.screenshot("front-desk-console")
    browser.click_for_new_page(rows[0].find_element("css selector", "button[type=submit]"), "checking the visitor out")
    assert not [r for r in browser.find_all("#visitors-in tbody tr") if name in r.text], "the visitor is still listed as in the building"

    browser.log_out_by_forgetting()
    browser.login_ok(*host)
    browser.get("/notifications")
    assert name in browser.find("main").text, "the host was not told of the visitor"
