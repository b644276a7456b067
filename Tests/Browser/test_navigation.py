"""Issue 21 item 3: the main bar at 1366×768, for every role set of the demo organization, in zh-Hans and English.

The page never scrolls sideways, the bar stays on one line, and every page in it can be reached: the role's daily
work as a visible link, everything else once its group is opened (by a click, or by keyboard focus). One account
takes, one after the other, the role sets `kefu demo` gives its staff, so the test needs no demo data.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import Browser, api

# The role sets of the demo staff (Sources/KefuWeb/Operations/DemoOrganization.swift), and the daily work each
# gets as direct links after the dashboard (NavigationMenu+DailyWork.swift); None: not pinned down here.
DEMO_ROLE_SETS: dict[str, tuple[list[str], list[str] | None]] = {
    "zhangwei": (["center_director", "admin"], ["/admin/users", "/admin/departments", "/admin/teams", "/admin/rulebook"]),
    "wangfang": (["cs_director", "return_visitor"], ["/return-visits", "/customers", "/cases", "/cases/board"]),
    "lina": (["team_leader", "shift_leader"], ["/cases/board", "/roster", "/leave", "/cases"]),
    "liuyang": (["team_leader"], ["/cases/board", "/roster", "/leave", "/cases"]),
    "chenjing": (["agent"], ["/cases", "/complaints", "/console/chat", "/kb"]),
    "zhoujie": (["qa_inspector"], ["/qa", "/reports", "/cases"]),
    "wuxia": (["return_visitor", "kb_editor"], ["/return-visits", "/customers", "/cases", "/kb"]),
    "xuqiang": (["sales_manager", "dept_manager"], None),
    "sunhui": (["sales_vp"], ["/approvals", "/complaints"]),
    "maning": (["marketing"], ["/complaints", "/approvals"]),
    "zhuhao": (["rnd"], ["/complaints", "/approvals"]),
    "hujun": (["finance"], ["/complaints", "/approvals"]),
    "guoping": (["warehouse"], ["/complaints", "/approvals"]),
    "linxue": (["hr"], ["/approvals", "/evaluations", "/training", "/accountability"]),
    "heyong": (["gm_office", "vp"], None),
    "gaoming": (["gm", "leadership"], ["/approvals", "/complaints", "/reports"]),
    "luoyan": (["front_desk", "admin_office"], ["/front-desk", "/rooms", "/parcels", "/messages"]),
}

BAR = """
const nav = document.querySelector('nav.mainnav');
if (!nav) { return null; }
const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
return {
  direct: [...nav.querySelectorAll(':scope > a.navlink')].map(a => [a.getAttribute('href'), a.textContent.trim(), box(a)]),
  groups: [...nav.querySelectorAll(':scope > [data-navgroup]')].map(g => [g.dataset.navgroup,
      g.querySelector('.navgroup-toggle').textContent.trim(), box(g.querySelector('.navgroup-toggle')),
      [...g.querySelectorAll('.navmenu a')].map(a => a.getAttribute('href'))]),
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
};
"""


class Person:
    """One account that takes each demo role set in turn (PATCH /api/v1/users/{id}): seventeen extra users would
    crowd the first page of the user list other browser tests count rows on."""

    def __init__(self, base_url: str, admin: tuple[str, str], run_id: str):
        self.base_url = base_url
        self.token = api(base_url, "POST", "/api/v1/auth/login", {"username": admin[0], "password": admin[1]})["token"]
        self.login = f"nav{run_id}"[:32]
        self.password = f"Nav-{run_id[-6:]}-Pw!"
        self.id = api(base_url, "POST", "/api/v1/users", {"username": self.login, "display_name": f"导航 {run_id[-4:]}",
                                                         "password": self.password, "roles": ["agent"]}, self.token)["id"]

    def take(self, roles: list[str]) -> None:
        api(self.base_url, "PATCH", f"/api/v1/users/{self.id}", {"roles": roles}, self.token)


@pytest.fixture(scope="module")
def person(base_url: str, admin_credentials, run_id: str) -> Person:
    return Person(base_url, admin_credentials, run_id)


def bar(browser: Browser) -> dict:
    found = browser.driver.execute_script(BAR)
    assert found, f"no nav.mainnav on {browser.driver.current_url}"
    return found


def check_fits(browser: Browser, who: str) -> dict:
    """No sideways scrolling, the bar on one line, every direct link and group toggle visible in the window."""
    found = bar(browser)
    assert found["scrollWidth"] <= found["innerWidth"], (
        f"{who}: the page scrolls sideways at 1366 px (scrollWidth {found['scrollWidth']} > {found['innerWidth']})")
    tops = {round(item[2][1]) for item in found["direct"]} | {round(group[2][1]) for group in found["groups"]}
    assert len(tops) == 1, f"{who}: the main bar wraps onto {len(tops)} lines: {found['direct']} {found['groups']}"
    for href, label, (left, _, right, _) in found["direct"]:
        assert left >= 0 and right <= found["innerWidth"], f"{who}: {label} ({href}) is outside the window"
    for group_id, label, (left, _, right, _), _ in found["groups"]:
        assert left >= 0 and right <= found["innerWidth"], f"{who}: the group {label} ({group_id}) is outside the window"
    for href, label, _ in found["direct"]:
        link = browser.find(f'nav.mainnav > a.navlink[href="{href}"]')
        assert link.is_displayed(), f"{who}: the direct link {label} ({href}) is not visible"
    return found


def check_groups_open(browser: Browser, who: str, found: dict) -> None:
    """A click opens each group: its links are visible inside the window and the page still does not scroll."""
    for group_id, label, _, hrefs in found["groups"]:
        assert hrefs, f"{who}: the group {label} is empty"
        toggle = browser.find(f'[data-navgroup="{group_id}"] .navgroup-toggle')
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true", f"{who}: clicking {label} did not open it"
        menu = browser.find(f"#navmenu-{group_id}")
        assert menu.is_displayed(), f"{who}: the menu of {label} is not shown after a click"
        width = browser.driver.execute_script("return window.innerWidth")
        for href in hrefs:
            link = browser.find(f'#navmenu-{group_id} a[href="{href}"]')
            assert link.is_displayed(), f"{who}: {href} in {label} is not visible with the group open"
            right = browser.driver.execute_script("return arguments[0].getBoundingClientRect().right", link)
            assert right <= width, f"{who}: {href} in {label} sticks out of the window ({right} > {width})"
        scroll = browser.driver.execute_script("return document.documentElement.scrollWidth")
        assert scroll <= width, f"{who}: opening {label} makes the page scroll sideways ({scroll} > {width})"
    if found["groups"]:
        # A click elsewhere closes the open menu.
        browser.find("main.page h1").click()
        last = found["groups"][-1][0]
        assert browser.find(f'[data-navgroup="{last}"] .navgroup-toggle').get_attribute("aria-expanded") == "false"


def switch_language(browser: Browser, lang: str) -> None:
    switch = browser.find(f'[data-switch-lang="{lang}"]')
    browser.click_for_new_page(switch, f"switching to {lang}")
    browser.wait_body_lang(lang)


def log_in_as(browser: Browser, person: Person, roles: list[str]) -> None:
    """`person` with `roles`, on the dashboard in zh-Hans (the language a previous role set left is undone)."""
    person.take(roles)
    browser.log_out_by_forgetting()
    browser.login_ok(person.login, person.password)
    if browser.body_lang() != "zh-Hans":
        switch_language(browser, "zh-Hans")


@pytest.mark.parametrize("name", list(DEMO_ROLE_SETS))
def test_each_demo_role_gets_a_bar_that_fits_1366_in_both_languages(browser: Browser, person: Person, name: str):
    roles, pins = DEMO_ROLE_SETS[name]
    who = f"{name} ({', '.join(roles)})"
    log_in_as(browser, person, roles)
    for lang in ("zh-Hans", "en"):
        if lang == "en":
            switch_language(browser, "en")
        assert browser.body_lang() == lang
        found = check_fits(browser, f"{who} {lang}")
        direct = [href for href, _, _ in found["direct"]]
        assert direct[0] == "/", f"{who}: the bar does not start with the dashboard: {direct}"
        if pins is not None:
            assert direct[1:] == pins, f"{who}: daily work {direct[1:]}, expected {pins}"
        hrefs = direct + [href for group in found["groups"] for href in group[3]]
        assert len(hrefs) == len(set(hrefs)), f"{who}: a page is twice in the bar: {hrefs}"
        browser.screenshot(f"nav-{name}-{lang}")
        check_groups_open(browser, f"{who} {lang}", found)
        if found["groups"]:
            # One menu open, for the screenshot: the first group.
            browser.find(f'[data-navgroup="{found["groups"][0][0]}"] .navgroup-toggle').click()
            browser.screenshot(f"nav-{name}-{lang}-open")
            browser.find("main.page h1").click()


def test_the_built_in_administrator_fits_too(browser: Browser, admin_credentials):
    browser.log_out_by_forgetting()
    browser.login_ok(*admin_credentials)
    for lang in ("zh-Hans", "en"):
        if browser.body_lang() == lang:
            browser.get("/")
        else:
            switch_language(browser, lang)
        found = check_fits(browser, f"admin {lang}")
        assert [href for href, _, _ in found["direct"]][1:] == [
            "/admin/users", "/admin/departments", "/admin/teams", "/admin/rulebook"]
        check_groups_open(browser, f"admin {lang}", found)
    # Other modules expect the admin in Chinese, the product's default.
    switch_language(browser, "zh-Hans")


def test_a_group_opens_on_keyboard_focus_and_closes_with_escape(browser: Browser, person: Person):
    log_in_as(browser, person, ["agent"])
    toggle = browser.find('[data-navgroup="service"] .navgroup-toggle')
    menu = browser.find("#navmenu-service")
    assert not menu.is_displayed(), "the service menu is open before anything happened"
    # Tab from the last direct link onto the first group's toggle: the menu opens on focus.
    last_direct = browser.find_all("nav.mainnav > a.navlink")[-1]
    browser.driver.execute_script("arguments[0].focus()", last_direct)
    ActionChains(browser.driver).send_keys(Keys.TAB).perform()
    active = browser.driver.switch_to.active_element
    assert active == toggle, f"Tab after the last direct link reached {active.text!r}, not the first group"
    browser.wait().until(lambda d: menu.is_displayed(), "the menu did not open on keyboard focus")
    assert toggle.get_attribute("aria-expanded") == "true"
    # Tab into the menu: it stays open; Escape closes it and gives the focus back to the toggle.
    ActionChains(browser.driver).send_keys(Keys.TAB).perform()
    first_link = menu.find_elements(By.CSS_SELECTOR, "a")[0]
    assert browser.driver.switch_to.active_element == first_link
    assert menu.is_displayed(), "the menu closed while focus was inside it"
    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    browser.wait().until(lambda d: not menu.is_displayed(), "Escape did not close the menu")
    assert browser.driver.switch_to.active_element == toggle, "Escape did not return the focus to the toggle"
    # Enter opens it again.
    ActionChains(browser.driver).send_keys(Keys.ENTER).perform()
    browser.wait().until(lambda d: menu.is_displayed(), "Enter on the toggle did not open the menu")
    browser.screenshot("nav-keyboard-open")


def test_print_hides_the_main_bar(browser: Browser, person: Person):
    log_in_as(browser, person, ["agent"])
    browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find("nav.mainnav").is_displayed(), "the main bar is printed"
    finally:
        browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
