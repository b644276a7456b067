"""Shared fixtures for Kefu's browser tests (pytest + Selenium, Debian's chromium).

Environment:
  KEFU_URL              base URL of a running `kefu serve`, e.g. http://127.0.0.1:8181 (required)
  KEFU_ADMIN_PASSWORD   the password printed by the server as "admin password: ..." (required)
  KEFU_ADMIN_USERNAME   the admin's user name (default: admin)
  KEFU_SCREENSHOTS      folder for PNG screenshots of key pages (optional; also gets failure shots)
  KEFU_BROWSER_TIMEOUT  seconds an explicit wait may take (default: 10)

`.ci/run` starts the server on a fresh data folder and sets these. Nothing is downloaded at run time:
Selenium is pointed at /usr/bin/chromium and /usr/bin/chromedriver.
"""

from __future__ import annotations

import json
import os
import re
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from selenium import webdriver
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def _required_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise pytest.UsageError(
            f"{name} is not set: the browser tests need a running `kefu serve` "
            "(see .ci/run, which starts one and sets KEFU_URL and KEFU_ADMIN_PASSWORD)"
        )
    return value


def pytest_configure(config: pytest.Config) -> None:
    # Fail loudly (never skip) when the server is not described: a CI run must not pass silently.
    _required_env("KEFU_URL")
    _required_env("KEFU_ADMIN_PASSWORD")


# ---------------------------------------------------------------------------------------------------
# the browser


class Browser:
    """A thin helper around one WebDriver: URLs, explicit waits, forms, screenshots."""

    def __init__(self, driver: WebDriver, base_url: str, timeout: float, shots_dir: Path | None, prefix: str):
        self.driver = driver
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.shots_dir = shots_dir
        self.prefix = prefix
        self._shot_no = 0

    # -- navigation ------------------------------------------------------------------------------

    def url(self, path: str) -> str:
        return self.base_url + path

    def get(self, path: str) -> None:
        self.driver.get(self.url(path))
        self.wait_ready()

    @property
    def path(self) -> str:
        return urlparse(self.driver.current_url).path or "/"

    def wait(self, timeout: float | None = None) -> WebDriverWait:
        return WebDriverWait(
            self.driver,
            self.timeout if timeout is None else timeout,
            ignored_exceptions=(NoSuchElementException, StaleElementReferenceException),
        )

    def wait_ready(self) -> None:
        def ready(d: WebDriver) -> bool:
            try:
                return d.execute_script("return document.readyState") == "complete"
            except WebDriverException:  # between two documents
                return False

        self.wait().until(ready, f"page did not finish loading ({self.driver.current_url})")

    def click_for_new_page(self, element: WebElement, what: str) -> None:
        """Click `element` and wait until another document has loaded completely.

        The current document gets a marker attribute first; a new document never has it. (Polling an
        old element for staleness instead races with chromedriver during navigation: "Node with given
        id does not belong to the document".)
        """
        token = uuid.uuid4().hex
        self.driver.execute_script(
            "document.documentElement.setAttribute('data-kefu-test-page', arguments[0]);", token)
        element.click()

        def loaded(d: WebDriver) -> bool:
            try:
                return bool(d.execute_script(
                    "return document.readyState === 'complete' && "
                    "document.documentElement.getAttribute('data-kefu-test-page') !== arguments[0];", token))
            except WebDriverException:  # the page is being replaced; ask again
                return False

        try:
            self.wait().until(loaded)
        except TimeoutException:
            raise AssertionError(f"no new page was loaded after {what} (still on {self.driver.current_url})") from None

    # -- finding ---------------------------------------------------------------------------------

    def find(self, css: str, within: WebElement | None = None) -> WebElement:
        root = within if within is not None else self.driver
        try:
            return root.find_element(By.CSS_SELECTOR, css)
        except NoSuchElementException:
            raise AssertionError(f"no element matches {css!r} on {self.driver.current_url}") from None

    def find_all(self, css: str, within: WebElement | None = None) -> list[WebElement]:
        root = within if within is not None else self.driver
        return root.find_elements(By.CSS_SELECTOR, css)

    def exists(self, css: str) -> bool:
        return len(self.driver.find_elements(By.CSS_SELECTOR, css)) > 0

    def wait_visible(self, css: str, what: str | None = None) -> WebElement:
        try:
            return self.wait().until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))
        except TimeoutException:
            state = "present but not visible" if self.exists(css) else "missing"
            raise AssertionError(
                f"{what or css!r}: expected a visible {css!r} on {self.driver.current_url}; it is {state}"
            ) from None

    def visible(self, css: str) -> list[WebElement]:
        return [e for e in self.find_all(css) if e.is_displayed()]

    def body_lang(self) -> str | None:
        return self.find("body").get_attribute("data-lang")

    def wait_body_lang(self, lang: str) -> None:
        try:
            self.wait().until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-lang") == lang)
        except TimeoutException:
            raise AssertionError(
                f"expected <body data-lang={lang!r}>, found {self.body_lang()!r} on {self.driver.current_url}"
            ) from None
        self.wait_ready()

    def nav_text(self) -> str:
        navs = self.find_all("nav")
        assert navs, f"no <nav> element on {self.driver.current_url}"
        return "\n".join(n.text for n in navs)

    # -- forms -----------------------------------------------------------------------------------

    def fill(self, field: WebElement, value: str) -> None:
        field.clear()
        if value:
            field.send_keys(value)

    def set_checked(self, box: WebElement, checked: bool) -> None:
        if box.is_selected() != checked:
            # A click, like a user; labels that hide the native box fall back to a script click.
            try:
                box.click()
            except Exception:
                self.driver.execute_script("arguments[0].click();", box)
        assert box.is_selected() == checked, f"could not set checkbox {box.get_attribute('value')!r} to {checked}"

    def submit(self, form: WebElement, what: str) -> None:
        """Click the form's submit button and wait for the next page."""
        button = self.find("button[type=submit], input[type=submit]", within=form)
        self.click_for_new_page(button, what)

    # -- session ---------------------------------------------------------------------------------

    def log_out_by_forgetting(self) -> None:
        """Start anonymous: drop the cookies of the server's origin."""
        self.get("/login")
        self.driver.delete_all_cookies()
        self.get("/login")

    def login(self, username: str, password: str) -> None:
        """Submit the login form (does not check the outcome)."""
        if self.path != "/login" or not self.exists("form#login-form"):
            self.get("/login")
        form = self.find("form#login-form")
        self.fill(self.find("input[name=username]", within=form), username)
        self.fill(self.find("input[name=password]", within=form), password)
        self.submit(form, "submitting the login form")

    def login_ok(self, username: str, password: str) -> None:
        self.login(username, password)
        if self.path != "/":
            errors = " / ".join(e.text for e in self.visible(".flash-error"))
            raise AssertionError(
                f"login as {username!r} did not land on the dashboard (/): on {self.driver.current_url}"
                + (f", error shown: {errors}" if errors else "")
            )

    def is_logged_in(self) -> bool:
        return self.exists("form#logout-form")

    # -- screenshots -----------------------------------------------------------------------------

    def screenshot(self, name: str) -> Path | None:
        if self.shots_dir is None:
            return None
        self._shot_no += 1
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
        path = self.shots_dir / f"{self.prefix}-{self._shot_no:02d}-{safe}.png"
        # Capture the whole page height, not only the 1366x768 viewport.
        try:
            height = int(self.driver.execute_script(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"))
            if height > 768:
                self.driver.set_window_size(1366, min(height, 4000))
            self.driver.save_screenshot(str(path))
        finally:
            self.driver.set_window_size(1366, 768)
        return path


def _make_driver() -> WebDriver:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768"):
        options.add_argument(arg)
    # Deterministic: the server's default language must not depend on the machine's locale. Chromium
    # asks for English; the product's default (zh-Hans) must win anyway.
    options.add_argument("--lang=en-US")
    options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.implicitly_wait(0)  # explicit waits only
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="session")
def base_url() -> str:
    return _required_env("KEFU_URL").rstrip("/")


@pytest.fixture(scope="session")
def admin_credentials() -> tuple[str, str]:
    return (os.environ.get("KEFU_ADMIN_USERNAME", "").strip() or "admin", _required_env("KEFU_ADMIN_PASSWORD"))


@pytest.fixture(scope="session")
def shots_dir() -> Path | None:
    value = os.environ.get("KEFU_SCREENSHOTS", "").strip()
    if not value:
        return None
    path = Path(value)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest, base_url: str, shots_dir: Path | None):
    """One browser per test module."""
    timeout = float(os.environ.get("KEFU_BROWSER_TIMEOUT", "10"))
    prefix = request.module.__name__.rsplit(".", 1)[-1]
    driver = _make_driver()
    b = Browser(driver, base_url, timeout, shots_dir, prefix)
    try:
        yield b
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def run_id() -> str:
    """Distinguishes the users made by this run (one fresh server per CI run, but be safe on reruns)."""
    return str(int(time.time() * 1000))


# ---------------------------------------------------------------------------------------------------
# the JSON API, for setting up people and teams the admin pages cannot make in one step


def api(base_url: str, method: str, path: str, body: dict | None = None, token: str | None = None) -> dict:
    """One JSON request (bearer `token` when given); the decoded answer, {} when empty. Errors raise."""
    request = urllib.request.Request(base_url.rstrip("/") + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=15) as response:
        return json.loads(response.read() or b"{}")


# ---------------------------------------------------------------------------------------------------
# a screenshot and the page's HTML when a test fails


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    b = getattr(item, "funcargs", {}).get("browser")
    if not isinstance(b, Browser) or b.shots_dir is None:
        return
    try:
        shot = b.screenshot(f"FAILED-{item.name}")
        html = shot.with_suffix(".html") if shot else None
        if html is not None:
            html.write_text(b.driver.page_source, encoding="utf-8")
            report.sections.append(("browser", f"failure screenshot: {shot}\npage source: {html}\nURL: {b.driver.current_url}"))
    except Exception as exc:  # the browser may be gone; the test failure is what matters
        report.sections.append(("browser", f"could not save a failure screenshot: {exc}"))
