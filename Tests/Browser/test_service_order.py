"""A service request taken on the new-case form (issue 22): choosing the type shows the service order (服务登记表)
and hides the complaint form; the case opens with its service job registered, confirmed in words, and the
case page shows the job — the same path as POST /api/v1/cases with a `service` object."""

from __future__ import annotations

from conftest import Browser
from test_complaints import make_user


def test_the_new_case_form_registers_the_service_job(browser: Browser, admin_credentials, run_id: str):
    agent = (f"srva{run_id}"[:32], f"Srv-{run_id[-6:]}-Pw!")
    make_user(browser, admin_credentials, agent[0], agent[1], f"服务坐席 {run_id[-4:]}", {"agent"})
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get("/cases/new")
    form = browser.find("form#case-new-form")
    assert not browser.find("#service-fields").is_displayed(), "the service order shows before the type is a service request"
    browser.find("select[name=type] option[value=service_request]", within=form).click()
    browser.wait_visible("#service-fields", "the service order after choosing the type")
    assert not browser.find("#complaint-fields").is_displayed(), "the complaint form shows for a service request"
    digits = run_id[-4:] if run_id[-4:].isdigit() else "2468"
    browser.fill(browser.find("#caller-phone", within=form), f"1376666{digits}"[:11])
    browser.fill(browser.find("#caller-name", within=form), "钱先生")
    browser.fill(browser.find("input[name=subject]", within=form), "空调不制冷，请上门")
    browser.fill(browser.find("input[name=service_product_model]", within=form), f"KF-35GW-{run_id[-4:]}")
    browser.fill(browser.find("input[name=service_address]", within=form), "海淀区中关村大街 1 号")
    browser.screenshot("service-order-intake")
    browser.click_for_new_page(browser.find("#case-submit"), "opening the service request")
    page = browser.find("main").text
    assert "服务单" in page or "service order" in page, "the confirmation names the service order"
    assert f"KF-35GW-{run_id[-4:]}" in browser.find("#service").text, "the case page shows the registered job"
    assert not browser.exists("#service-register-form"), "the case page still offers to register a job"
    browser.screenshot("service-order-case")
