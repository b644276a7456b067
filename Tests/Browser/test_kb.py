"""The knowledge base in a real browser (KB-05/06/07): an editor registers a business notice, the center
director reads it, the issuing department's manager confirms the wording in the approvals inbox, the
editor publishes it, and an agent on a case finds it with a 2-character search beside the case."""

from __future__ import annotations

from selenium.webdriver.support.ui import Select

from conftest import Browser
from test_shell import fill_user_form, ensure_admin


def make_user(browser: Browser, admin: tuple[str, str], username: str, password: str, name: str, roles: set[str],
              department: str | None = None) -> None:
    ensure_admin(browser, admin)
    browser.get("/admin/users")
    form = fill_user_form(browser, username=username, display_name=name, password=password, roles=roles)
    if department:
        Select(browser.find("select[name=department_id]", within=form)).select_by_visible_text(department)
    browser.submit(form, f"creating {username}")


def test_an_editor_publishes_and_an_agent_finds_it_beside_the_case(browser: Browser, admin_credentials, run_id: str):
    suffix = run_id[-4:]
    department = f"市场部{suffix}"
    ensure_admin(browser, admin_credentials)
    browser.get("/admin/departments")
    form = browser.find("form#department-create-form")
    browser.fill(browser.find("input[name=name]", within=form), department)
    browser.submit(form, "creating the issuing department")

    editor = (f"kbe{run_id}"[:32], f"Kbe-{run_id[-6:]}-Pw!")
    director = (f"kbd{run_id}"[:32], f"Kbd-{run_id[-6:]}-Pw!")
    manager = (f"kbm{run_id}"[:32], f"Kbm-{run_id[-6:]}-Pw!")
    agent = (f"kba{run_id}"[:32], f"Kba-{run_id[-6:]}-Pw!")
    make_user(browser, admin_credentials, editor[0], editor[1], f"采编 {suffix}", {"kb_editor"})
    make_user(browser, admin_credentials, director[0], director[1], f"中心主任 {suffix}", {"center_director"})
    make_user(browser, admin_credentials, manager[0], manager[1], f"市场经理 {suffix}", {"dept_manager"}, department)
    make_user(browser, admin_credentials, agent[0], agent[1], f"坐席 {suffix}", {"agent"})
    word = f"宽带{suffix}资费"

    # The editor registers the business notice with its unified wording.
    browser.log_out_by_forgetting()
    browser.login_ok(*editor)
    browser.get("/kb/new")
    form = browser.find("form#kb-form")
    Select(browser.find("select[name=issuing_department_id]", within=form)).select_by_visible_text(department)
    browser.fill(browser.find("input[name=title]", within=form), word)
    browser.fill(browser.find("textarea[name=question]", within=form), "光纤包月现在多少钱？")
    browser.fill(browser.find("textarea[name=answer]", within=form), f"自12月1日起，{word}调整为每月88元。")
    browser.click_for_new_page(browser.find("#kb-save"), "registering the notice")
    entry_url = browser.driver.current_url

    # The center director reads it (报中心主任阅).
    browser.log_out_by_forgetting()
    browser.login_ok(*director)
    browser.driver.get(entry_url)
    browser.wait_ready()
    browser.click_for_new_page(browser.find("#kb-read"), "reading the notice")

    # The editor submits the wording to the issuing department; publishing earlier is not offered.
    browser.log_out_by_forgetting()
    browser.login_ok(*editor)
    browser.driver.get(entry_url)
    browser.wait_ready()
    assert not browser.exists("#kb-publish"), "publishing is offered before the department confirmed"
    browser.click_for_new_page(browser.find("#kb-submit"), "submitting for confirmation")

    # The department's manager confirms it in the approvals inbox.
    browser.log_out_by_forgetting()
    browser.login_ok(*manager)
    browser.get("/approvals")
    links = browser.find_all("a.button[href^='/approvals/']")
    assert links, "the manager's inbox is empty"
    browser.click_for_new_page(links[0], "opening the approval")
    browser.click_for_new_page(browser.find("form#decide-form button[value=approve]"), "confirming the wording")

    # The editor publishes it.
    browser.log_out_by_forgetting()
    browser.login_ok(*editor)
    browser.driver.get(entry_url)
    browser.wait_ready()
    browser.click_for_new_page(browser.find("#kb-publish"), "publishing")
    assert browser.exists("#kb-live"), "no version in force after publishing"
    browser.screenshot("kb-published")

    # An agent on a call opens a case and searches beside it with a 2-character word.
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get("/cases/new")
    form = browser.find("form#case-new-form")
    assert browser.find("#scripts").text.strip(), "no phrases beside the new-case form"
    digits = run_id[-4:] if run_id[-4:].isdigit() else "4321"
    browser.fill(browser.find("#caller-phone", within=form), f"1376666{digits}"[:11])
    browser.fill(browser.find("#caller-name", within=form), "李先生")
    browser.fill(browser.find("input[name=subject]", within=form), "咨询宽带资费")
    browser.click_for_new_page(browser.find("#case-submit"), "opening the case")
    browser.fill(browser.find("#kb-q"), "宽带")
    browser.click_for_new_page(browser.find("#kb-search-submit"), "searching the knowledge base")
    hits = browser.find("#kb-hits").text
    assert word in hits and "每月88元" in hits, f"the published wording is not found: {hits!r}"
    browser.click_for_new_page(browser.find("#kb-hits button.kb-use"), "recording the answer used")
    assert word in browser.find("#kb-used").text
    browser.screenshot("kb-found-beside-the-case")
