"""A complaint in a real browser (issue 4): taken on the new-case form with its complaint fields, a
settlement of 3000 yuan submitted on the complaint page, approved by the vice president in the approvals
inbox (CMP-32), and then the conclusion is replied to the customer (CMP-18); resolved, the complaint offers 结案
only once the customer has been answered and no department's task is open (CMP-24/25), and closed it offers no
more replies."""

from __future__ import annotations

from conftest import Browser
from test_shell import fill_user_form, ensure_admin


def make_user(browser: Browser, admin: tuple[str, str], username: str, password: str, name: str, roles: set[str]) -> None:
    ensure_admin(browser, admin)
    browser.get("/admin/users")
    form = fill_user_form(browser, username=username, display_name=name, password=password, roles=roles)
    browser.submit(form, f"creating {username}")


def test_complaint_settlement_is_approved_by_the_vice_president(browser: Browser, admin_credentials, run_id: str):
    agent = (f"cmpa{run_id}"[:32], f"Cmp-{run_id[-6:]}-Pw!")
    vp = (f"cmpv{run_id}"[:32], f"Vp-{run_id[-6:]}-Pw!")
    make_user(browser, admin_credentials, agent[0], agent[1], f"投诉坐席 {run_id[-4:]}", {"agent"})
    make_user(browser, admin_credentials, vp[0], vp[1], f"副总 {run_id[-4:]}", {"vp"})

    # The agent takes the complaint: choosing the type shows the complaint form's fields.
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get("/cases/new")
    form = browser.find("form#case-new-form")
    fields = browser.find("#complaint-fields")
    assert not fields.is_displayed(), "the complaint fields show before the type is complaint"
    browser.find("select[name=type] option[value=complaint]", within=form).click()
    browser.wait_visible("#complaint-fields", "the complaint fields after choosing the type")
    digits = run_id[-4:] if run_id[-4:].isdigit() else "4321"
    browser.fill(browser.find("#caller-phone", within=form), f"1365555{digits}"[:11])
    browser.fill(browser.find("#caller-name", within=form), "赵女士")
    browser.fill(browser.find("input[name=subject]", within=form), "净化器外壳破裂")
    browser.fill(browser.find("input[name=complaint_order_no]", within=form), "SO-2026-0815")
    browser.fill(browser.find("input[name=complaint_defective_qty]", within=form), "12")
    browser.fill(browser.find("input[name=complaint_claim_amount]", within=form), "3000")
    browser.fill(browser.find("textarea[name=complaint_customer_request]", within=form), "退货并赔偿运费")
    browser.screenshot("complaint-intake")
    browser.click_for_new_page(browser.find("#case-submit"), "opening the complaint")
    browser.click_for_new_page(browser.find("#open-complaint"), "opening the complaint form page")
    complaint_url = browser.driver.current_url
    assert "SO-2026-0815" in browser.find("#complaint-form").text

    decision = browser.find("form#decision-form")
    browser.find("select[name=method] option[value=compensation]", within=decision).click()
    browser.fill(browser.find("input[name=amount]", within=decision), "3000")
    browser.fill(browser.find("textarea[name=reason]", within=decision), "确属质量问题，赔偿 3000 元")
    browser.click_for_new_page(browser.find("#decide"), "submitting the decision")
    assert browser.find("#decision-state").text in ("待核决", "Awaiting approval")
    browser.screenshot("complaint-decision-pending")

    # The vice president finds it in the approvals inbox, reads the complaint, and approves.
    browser.log_out_by_forgetting()
    browser.login_ok(*vp)
    browser.get("/approvals")
    links = browser.find_all("a.button[href^='/approvals/']")
    assert links, "the VP's inbox is empty"
    browser.click_for_new_page(links[0], "opening the approval")
    assert browser.exists("#approval-subject"), "the approval does not link to the complaint"
    approve = browser.find("form#decide-form button[value=approve]")
    browser.click_for_new_page(approve, "approving")

    # Back with the agent: the decision is approved, and now the conclusion may be replied.
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.driver.get(complaint_url)
    browser.wait_ready()
    assert browser.find("#decision-state").text in ("已核决", "Approved")
    reply = browser.find("form#reply-form")
    browser.find("select[name=kind] option[value=conclusion]", within=reply).click()
    browser.fill(browser.find("textarea[name=content]", within=reply), "经核实，赔偿您 3000 元。")
    browser.click_for_new_page(browser.find("button[type=submit]", within=reply), "replying the conclusion")
    assert "经核实，赔偿您 3000 元。" in browser.find("#complaint-reply").text
    browser.screenshot("complaint-approved-and-replied")
    assert "✗" not in browser.find("#complaint-closing").text, "a closing condition is still unmet after the answer"

    # Resolved and answered, with no department's task open: the case page offers 结案, and closing works.
    browser.click_for_new_page(browser.find("a[href^='/cases/']:not([href*='/complaint'])", within=browser.find("p.meta")), "back to the case")
    browser.fill(browser.find("#resolve-form textarea[name=resolution]"), "赔偿 3000 元，已答复客户")
    browser.click_for_new_page(browser.find("#resolve-case"), "resolving the complaint")
    assert not browser.exists("#close-blocked"), browser.find("#close-blocked").text
    browser.click_for_new_page(browser.find("#close-case"), "closing the complaint")
    assert browser.find("#case-status").text in ("已结案", "Closed")
    browser.driver.get(complaint_url)
    browser.wait_ready()
    assert not browser.exists("form#reply-form"), "a closed complaint still offers a reply"
    browser.screenshot("complaint-closed")
