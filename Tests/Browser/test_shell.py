"""The application shell in a real browser: login, dashboard, language switch, user admin, logout.

The tests share one browser (module-scoped fixture) but each one sets up the session it needs
(anonymous, admin or agent), so any of them can also be run alone with `-k`.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import Browser

ADMIN_LINK = 'a[href="/admin/users"]'
ZH_DASHBOARD = "工作台"
EN_DASHBOARD = "Dashboard"


# ---------------------------------------------------------------------------------------------------
# helpers


def ensure_admin(browser: Browser, admin: tuple[str, str]) -> None:
    """Be logged in as the admin (log in again if anonymous or someone else)."""
    browser.get("/")
    if browser.path == "/" and browser.is_logged_in() and browser.exists(ADMIN_LINK):
        return
    browser.log_out_by_forgetting()
    browser.login_ok(*admin)


def user_rows(browser: Browser) -> list[str]:
    """Texts of the data rows (rows with <td> cells) of table#users; [] if there is no table."""
    if not browser.exists("table#users"):
        return []
    rows = browser.find_all("table#users tr")
    return [r.text for r in rows if r.find_elements("css selector", "td")]


def rows_with(rows: list[str], needle: str) -> list[str]:
    return [r for r in rows if needle in r]


def fill_user_form(browser: Browser, *, username: str, display_name: str, password: str, roles: set[str]):
    """Fill form#user-create-form on the current page; returns the form element."""
    form = browser.find("form#user-create-form")
    browser.fill(browser.find("input[name=username]", within=form), username)
    browser.fill(browser.find("input[name=display_name]", within=form), display_name)
    browser.fill(browser.find("input[name=password]", within=form), password)
    boxes = browser.find_all('input[name="roles[]"]', within=form)
    values = {b.get_attribute("value") for b in boxes}
    assert "agent" in values, f'no input[name="roles[]"][value=agent] in the form (role boxes: {sorted(values)})'
    for box in boxes:
        assert box.get_attribute("type") == "checkbox", f"role input {box.get_attribute('value')!r} is not a checkbox"
        browser.set_checked(box, box.get_attribute("value") in roles)
    # select[name=department_id] is optional: leave whatever it offers by default.
    return form


class Agent:
    """The agent user this module creates through the admin page (once)."""

    def __init__(self, run_id: str):
        self.username = f"agent{run_id}"
        self.display_name = f"测试坐席 Agent {run_id[-5:]}"
        self.password = f"Kefu-{run_id[-6:]}-Pw!"
        self.created = False


@pytest.fixture(scope="module")
def agent(run_id: str) -> Agent:
    return Agent(run_id)


def create_agent(browser: Browser, admin: tuple[str, str], agent: Agent) -> list[str]:
    """Create `agent` with the role agent only; returns the user rows shown before submitting."""
    ensure_admin(browser, admin)
    browser.get("/admin/users")
    assert browser.path == "/admin/users", f"/admin/users redirected the admin to {browser.driver.current_url}"
    before = user_rows(browser)
    assert not rows_with(before, agent.username), f"user {agent.username} exists before it was created"
    form = fill_user_form(
        browser, username=agent.username, display_name=agent.display_name, password=agent.password, roles={"agent"}
    )
    browser.submit(form, "submitting form#user-create-form")
    agent.created = True
    return before


def ensure_agent(browser: Browser, admin: tuple[str, str], agent: Agent) -> None:
    if not agent.created:
        create_agent(browser, admin, agent)


def switch_language(browser: Browser, lang: str) -> None:
    switch = browser.find(f'[data-switch-lang="{lang}"]')
    assert switch.is_displayed(), f'[data-switch-lang="{lang}"] is not visible'
    browser.click_for_new_page(switch, f"clicking the {lang} language switch")
    browser.wait_body_lang(lang)


# ---------------------------------------------------------------------------------------------------
# login


def test_login_page_has_the_login_form(browser: Browser):
    browser.log_out_by_forgetting()
    assert browser.path == "/login"
    form = browser.find("form#login-form")
    username = browser.find("input[name=username]", within=form)
    password = browser.find("input[name=password]", within=form)
    submit = browser.find("button[type=submit]", within=form)
    assert username.is_displayed() and password.is_displayed() and submit.is_displayed()
    assert password.get_attribute("type") == "password", "the password input must be type=password"
    csrf = browser.find("input[name=csrf_token]", within=form)
    assert csrf.get_attribute("type") == "hidden", "csrf_token must be a hidden input"
    assert (csrf.get_attribute("value") or "").strip(), "csrf_token has no value"
    assert not browser.visible(".flash-error"), "an error is shown before anything was submitted"
    assert not browser.is_logged_in()
    browser.screenshot("login")


def test_wrong_password_shows_the_login_page_with_an_error(browser: Browser, admin_credentials):
    username, password = admin_credentials
    browser.log_out_by_forgetting()
    browser.login(username, password + "-wrong")
    assert browser.path == "/login", f"a wrong password led to {browser.driver.current_url}, not the login page"
    browser.find("form#login-form")
    error = browser.wait_visible(".flash-error", "error after a wrong password")
    assert error.text.strip(), ".flash-error is empty"
    assert not browser.is_logged_in(), "a wrong password logged in"
    assert not browser.exists("#inbox")
    browser.screenshot("login-wrong-password")

    # And it really is not logged in: the dashboard still asks for a login.
    browser.get("/")
    assert browser.exists("form#login-form"), f"/ without a login shows {browser.driver.current_url}, not the login form"
    assert not browser.exists("#inbox")


def test_admin_logs_in_to_the_dashboard_in_chinese_by_default(browser: Browser, admin_credentials):
    browser.log_out_by_forgetting()
    browser.login_ok(*admin_credentials)
    assert browser.path == "/"
    h1 = browser.find("h1")
    assert h1.is_displayed() and h1.text.strip(), "the dashboard has no visible <h1> with text"
    browser.find("#inbox")
    browser.find("#approvals-waiting")
    assert browser.body_lang() == "zh-Hans", f"default language: <body data-lang={browser.body_lang()!r}>"
    assert ZH_DASHBOARD in browser.nav_text(), f"the nav does not say {ZH_DASHBOARD}: {browser.nav_text()!r}"
    assert browser.is_logged_in(), "no form#logout-form on the dashboard"
    assert not browser.visible(".flash-error")
    browser.screenshot("dashboard-zh-Hans")


# ---------------------------------------------------------------------------------------------------
# language


def test_language_switch_to_english_and_back(browser: Browser, admin_credentials):
    ensure_admin(browser, admin_credentials)
    browser.get("/")

    switch_language(browser, "en")
    nav = browser.nav_text()
    assert EN_DASHBOARD in nav, f"English nav does not say {EN_DASHBOARD!r}: {nav!r}"
    assert ZH_DASHBOARD not in nav, f"English nav still says {ZH_DASHBOARD}: {nav!r}"
    browser.get("/")  # the choice sticks to the session
    assert browser.body_lang() == "en", f"after reloading /, <body data-lang={browser.body_lang()!r}>, expected en"
    assert EN_DASHBOARD in browser.nav_text()
    browser.screenshot("dashboard-en")

    switch_language(browser, "zh-Hans")
    nav = browser.nav_text()
    assert ZH_DASHBOARD in nav, f"Chinese nav does not say {ZH_DASHBOARD}: {nav!r}"
    assert EN_DASHBOARD not in nav, f"Chinese nav still says {EN_DASHBOARD!r}: {nav!r}"
    browser.get("/")
    assert browser.body_lang() == "zh-Hans", f"after reloading /, <body data-lang={browser.body_lang()!r}>"
    browser.screenshot("dashboard-zh-Hans-again")


# ---------------------------------------------------------------------------------------------------
# user administration


def test_admin_reaches_the_users_page_from_the_nav(browser: Browser, admin_credentials):
    ensure_admin(browser, admin_credentials)
    browser.get("/")
    link = browser.find(ADMIN_LINK)
    assert link.is_displayed(), f"{ADMIN_LINK} is not visible for the admin"
    browser.click_for_new_page(link, f"clicking {ADMIN_LINK}")
    assert browser.path == "/admin/users", f"{ADMIN_LINK} led to {browser.driver.current_url}"
    form = browser.find("form#user-create-form")
    for css in ("input[name=username]", "input[name=display_name]", "input[name=password]",
                'input[name="roles[]"][value=agent]', "button[type=submit]"):
        browser.find(css, within=form)
    assert browser.find("input[name=password]", within=form).get_attribute("type") == "password"
    assert browser.exists("table#users"), "no table#users on /admin/users"
    assert not browser.visible(".field-error"), "a field error is shown before anything was submitted"
    browser.screenshot("admin-users")


def test_admin_creates_an_agent(browser: Browser, admin_credentials, agent: Agent):
    before = create_agent(browser, admin_credentials, agent)
    assert not browser.visible(".field-error"), (
        "creating a valid user showed field errors: " + " / ".join(e.text for e in browser.visible(".field-error"))
    )
    assert not browser.visible(".flash-error"), "creating a valid user showed an error"
    browser.find("table#users")
    after = user_rows(browser)
    assert len(rows_with(after, agent.username)) == 1, f"table#users has no single row for {agent.username}: {after}"
    assert len(after) == len(before) + 1, f"expected {len(before) + 1} user rows, found {len(after)}"
    browser.screenshot("admin-user-created")

    # Stored, not only echoed back: a fresh GET lists it too.
    browser.get("/admin/users")
    assert len(rows_with(user_rows(browser), agent.username)) == 1, f"{agent.username} is gone after reloading"


def test_empty_username_is_rejected_with_a_field_error(browser: Browser, admin_credentials, run_id: str):
    ensure_admin(browser, admin_credentials)
    browser.get("/admin/users")
    before = user_rows(browser)
    marker = f"Nameless {run_id}"
    form = fill_user_form(browser, username="", display_name=marker, password="Kefu-Empty-1!", roles={"agent"})
    # Test the server's validation, not the browser's: skip HTML5 `required` checks.
    browser.driver.execute_script("arguments[0].noValidate = true;", form)
    browser.submit(form, "submitting form#user-create-form with an empty username")

    error = browser.wait_visible(".field-error", "field error for the empty username")
    assert error.text.strip(), ".field-error is empty"
    browser.find("form#user-create-form")  # the form is shown again
    assert not rows_with(user_rows(browser), marker), "a user was created without a username"
    browser.screenshot("admin-user-empty-username")

    browser.get("/admin/users")
    after = user_rows(browser)
    assert len(after) == len(before), f"user rows went from {len(before)} to {len(after)}"
    assert not rows_with(after, marker), "a user was created without a username"


# ---------------------------------------------------------------------------------------------------
# logout, and the agent's view


def test_logout_returns_to_the_login_page(browser: Browser, admin_credentials):
    ensure_admin(browser, admin_credentials)
    browser.get("/")
    form = browser.find("form#logout-form")
    browser.submit(form, "submitting form#logout-form")
    browser.wait_visible("form#login-form", "login form after logging out")
    assert not browser.is_logged_in()
    browser.screenshot("logged-out")

    # The session is really over: the dashboard asks for a login again.
    browser.get("/")
    assert browser.exists("form#login-form"), f"after logout, / shows {browser.driver.current_url} without a login form"
    assert not browser.exists("#inbox")


def test_new_agent_logs_in_and_has_no_admin_access(browser: Browser, admin_credentials, agent: Agent):
    ensure_agent(browser, admin_credentials, agent)
    browser.log_out_by_forgetting()
    browser.login_ok(agent.username, agent.password)
    browser.find("h1")
    browser.find("#inbox")
    assert browser.is_logged_in()
    assert not browser.exists(ADMIN_LINK), "an agent sees the link to /admin/users"
    admin_hrefs = [
        a.get_attribute("href") for a in browser.find_all("a[href]")
        if urlparse(a.get_attribute("href") or "").path.rstrip("/") == "/admin/users"
    ]
    assert not admin_hrefs, f"an agent sees links to the user admin: {admin_hrefs}"
    browser.screenshot("agent-dashboard")

    # Not only hidden: the page itself is refused.
    browser.get("/admin/users")
    assert not browser.exists("form#user-create-form"), "an agent can open the user admin form"
    assert not browser.exists("table#users"), "an agent can see the user table"
    browser.screenshot("agent-admin-users-refused")

    browser.get("/")
    browser.submit(browser.find("form#logout-form"), "the agent logging out")
    browser.wait_visible("form#login-form", "login form after the agent logged out")
