"""Issue 21 §7 and §11 in a real browser: a refused form keeps everything typed and links its fields from the
summary at the top; a print page prints only the form (no bar, no section tabs, no buttons)."""

from __future__ import annotations

from conftest import Browser, api


def agent_with_complaint(base_url: str, admin: tuple[str, str], run_id: str) -> tuple[tuple[str, str], str]:
    token = api(base_url, "POST", "/api/v1/auth/login", {"username": admin[0], "password": admin[1]})["token"]
    login, password = f"frm{run_id}"[:32], f"Frm-{run_id[-6:]}-Pw!"
    api(base_url, "POST", "/api/v1/users", {"username": login, "display_name": f"表单 {run_id[-4:]}", "password": password,
                                            "roles": ["agent"]}, token)
    mine = api(base_url, "POST", "/api/v1/auth/login", {"username": login, "password": password})["token"]
    case = api(base_url, "POST", "/api/v1/cases", {"type": "complaint", "channel": "phone", "subject": "净水器外壳破裂",
                                                   "description": "客户来电投诉外壳破裂", "customer": {"name": "孙女士", "phone": "13600002222"},
                                                   "complaint": {"category": "quality", "customer_request": "赔偿"}}, mine)
    return (login, password), case["id"]


def test_a_refused_form_keeps_what_was_typed_and_links_the_field(browser: Browser, base_url: str, admin_credentials, run_id: str):
    agent, case_id = agent_with_complaint(base_url, admin_credentials, run_id)
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get(f"/cases/{case_id}/complaint")
    form = browser.find("#decision-form")
    browser.find("select[name=method] option[value=compensation]", within=form).click()
    browser.fill(browser.find("input[name=amount]", within=form), "3000元")
    reason = "滤芯质量问题属实，按价赔偿，另送滤芯一支"
    browser.fill(browser.find("[name=reason]", within=form), reason)
    browser.click_for_new_page(browser.find("button[type=submit]", within=form), "submitting a bad amount")
    summary = browser.wait_visible("#form-refusal", "the refusal summary at the top")
    link = browser.find("#form-refusal a[data-field=amount]")
    assert "金额" in link.text, link.text
    # Everything typed is back: the reason and the amount as typed.
    form = browser.find("#decision-form")
    assert browser.find("[name=reason]", within=form).get_attribute("value") == reason
    assert browser.find("input[name=amount]", within=form).get_attribute("value") == "3000元"
    # The summary's link takes the person to the field.
    link.click()
    active = browser.driver.switch_to.active_element
    assert active.get_attribute("name") == "amount", active.get_attribute("name")
    assert active.get_attribute("aria-invalid") == "true"
    browser.screenshot("form-refused-kept")
    assert summary.is_displayed()


def test_a_print_page_prints_only_the_form(browser: Browser, base_url: str, admin_credentials, run_id: str):
    agent, case_id = agent_with_complaint(base_url, admin_credentials, run_id + "p")
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    for path in (f"/cases/{case_id}/complaint/print", f"/cases/{case_id}/complaint/letter"):
        browser.get(path)
        browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            shown = browser.driver.execute_script(
                "return [...document.querySelectorAll('header.topbar, #section-tabs, nav.tabs, button, a.button')]"
                ".filter(e => getComputedStyle(e).display !== 'none').map(e => e.outerHTML.slice(0, 80));")
            assert not shown, f"{path} prints screen parts: {shown}"
            assert browser.find("main").text.strip(), f"{path} prints nothing"
        finally:
            browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
