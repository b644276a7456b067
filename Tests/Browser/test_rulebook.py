"""Issue 21 item 13: 规章制度 for staff is a readable document; administrators keep the key/value view.

A team leader reads section titles, each rule's title and its value in words (no `calendar.week`, no
`exception_with_notice`), in zh-Hans and in English, without sideways scrolling at 1366×768.
"""

from __future__ import annotations

import re

import pytest

from conftest import Browser, api

KEY = re.compile(r"\b[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*\b")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")


@pytest.fixture(scope="module")
def leader(base_url: str, admin_credentials, run_id: str) -> tuple[str, str]:
    token = api(base_url, "POST", "/api/v1/auth/login",
                {"username": admin_credentials[0], "password": admin_credentials[1]})["token"]
    login, password = f"rules{run_id}"[:32], f"Rules-{run_id[-6:]}-Pw!"
    api(base_url, "POST", "/api/v1/users", {"username": login, "display_name": f"规章 {run_id[-4:]}", "password": password,
                                            "roles": ["team_leader"]}, token)
    return login, password


def window_shot(browser: Browser, name: str) -> None:
    """What a 1366×768 screen shows (Browser.screenshot takes the whole page)."""
    if browser.shots_dir is not None:
        browser.driver.save_screenshot(str(browser.shots_dir / f"test_rulebook-{name}.png"))


def visible_text(browser: Browser) -> str:
    return browser.driver.execute_script("return document.querySelector('main.page').innerText")


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_a_team_leader_reads_the_rules_as_a_document(browser: Browser, leader, lang: str):
    browser.log_out_by_forgetting()
    browser.login_ok(*leader)
    if browser.body_lang() != lang:
        browser.click_for_new_page(browser.find(f'[data-switch-lang="{lang}"]'), f"switching to {lang}")
        browser.wait_body_lang(lang)
    browser.get("/admin/rulebook")
    browser.find("#rulebook-document")
    assert not browser.exists("table#rulebook"), "a team leader gets the key/value table"
    text = visible_text(browser)
    assert not KEY.findall(text), f"rule keys shown to staff: {sorted(set(KEY.findall(text)))[:10]}"
    assert not SNAKE.findall(text), f"snake_case words shown to staff: {sorted(set(SNAKE.findall(text)))[:10]}"
    if lang == "zh-Hans":
        assert "投诉结案条件" in text and "各部门任务全部完成且已向客户答复处理结论" in text
        assert "周一至周五 08:30–12:00、13:30–17:30" in text
        assert "200 元" in text
    else:
        assert "A complaint closes when" in text and "Mon to Fri 08:30–12:00, 13:30–17:30" in text
    width = browser.driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the rulebook page scrolls sideways: {width}"
    window_shot(browser, f"rulebook-top-{lang}")
    browser.driver.execute_script("document.getElementById('section-complaints').scrollIntoView()")
    window_shot(browser, f"rulebook-complaints-{lang}")
    if lang == "en":
        browser.click_for_new_page(browser.find('[data-switch-lang="zh-Hans"]'), "switching back to zh-Hans")


def test_the_administrator_keeps_the_key_view_and_can_read_the_document(browser: Browser, admin_credentials):
    browser.log_out_by_forgetting()
    browser.login_ok(*admin_credentials)
    browser.get("/admin/rulebook")
    table = browser.find("table#rulebook")
    assert "calendar.week" in table.text, "the admin's key view lacks the keys"
    window_shot(browser, "rulebook-admin-keys")
    browser.click_for_new_page(browser.find("#rulebook-document-view"), "opening the document view")
    browser.find("#rulebook-document")
    assert browser.exists("#rulebook-key-view"), "no way back to the key view"
