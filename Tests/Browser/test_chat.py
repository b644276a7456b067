"""Live web chat in two real browsers (issue 9): a customer on /chat and an agent on the console.

The customer's window and the agent's window are two separate Chromium sessions (two people). With
KEFU_AGENT_URL set (CI's PostgreSQL stage runs two `kefu serve` nodes on one database), the agent uses the
other node, so every message crosses nodes through PostgreSQL LISTEN/NOTIFY; otherwise both use KEFU_URL."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import Browser, _make_driver, api



@pytest.fixture
def customer(base_url: str, shots_dir: Path | None):
    timeout = float(os.environ.get("KEFU_BROWSER_TIMEOUT", "10"))
    driver = _make_driver()
    try:
        yield Browser(driver, base_url, timeout, shots_dir, "test_chat_customer")
    finally:
        driver.quit()


def log_texts(b: Browser) -> list[str]:
    return [li.text for li in b.find_all("#chat-log li")]


def wait_text(b: Browser, text: str, what: str) -> None:
    b.wait().until(lambda d: any(text in t for t in log_texts(b)), message=f"{what}: '{text}' never appeared")


def in_zone(b: Browser, zone: str) -> None:
    """Runs the browser as if the computer were in `zone`: chat times must not follow it (issue 21 item 5)."""
    b.driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": zone})


def log_times(b: Browser) -> dict[str, str]:
    """Each message's number → the time shown beside it."""
    return {li.get_attribute("data-seq"): li.find_element(By.TAG_NAME, "time").text.strip() for li in b.find_all("#chat-log li")}


def assert_organization_times(b: Browser, what: str) -> None:
    """Every time in the log reads like every page ("2026-11-23 12:13"), in the zone the page names; a message
    that arrived live (its UTC instant in `datetime`) shows exactly that instant in the organization's zone."""
    zone = b.driver.execute_script("return document.documentElement.getAttribute('data-time-zone')")
    assert zone, f"{what}: the page does not name the organization's time zone"
    for li in b.find_all("#chat-log li"):
        element = li.find_element(By.TAG_NAME, "time")
        shown = element.text.strip()
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", shown), f"{what}: time shown as {shown!r}"
        instant = element.get_attribute("datetime")
        if instant:
            expected = datetime.fromisoformat(instant.replace("Z", "+00:00")).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
            assert shown == expected, f"{what}: {instant} shown as {shown!r}, expected {expected!r} ({zone})"


def test_customer_and_agent_chat_in_two_browsers(browser: Browser, customer: Browser, base_url: str, admin_credentials, run_id: str):
    tag = run_id[-6:]
    agent_url = os.environ.get("KEFU_AGENT_URL", "").strip().rstrip("/") or base_url
    token = api(base_url, "POST", "/api/v1/auth/login", {"username": admin_credentials[0], "password": admin_credentials[1]})["token"]
    department = api(base_url, "POST", "/api/v1/departments", {"name": f"网络客服部 {tag}", "kind": "customer_service"}, token)["id"]
    agent = (f"chat{run_id}"[:32], f"Chat-{tag}-Pw!")
    agent_id = api(base_url, "POST", "/api/v1/users", {"username": agent[0], "display_name": f"小林 {tag}", "password": agent[1],
                                                      "roles": ["agent"], "department_id": department}, token)["id"]
    team = f"网络客服组 {tag}"
    api(base_url, "POST", "/api/v1/teams", {"name": team, "department_id": department, "leader_id": agent_id}, token)

    # Both computers sit in other zones than the organization's (Asia/Shanghai): times must not follow them.
    in_zone(customer, "America/New_York")
    in_zone(browser, "Europe/London")

    # The customer starts a chat (name and phone) and writes first; HTML stays text.
    customer.get("/chat")
    assert customer.find("#chat-start-form").is_displayed()
    customer.fill(customer.find("#chat-name"), f"王先生{tag}")
    customer.fill(customer.find("#chat-phone"), "13812345678")
    customer.find("#chat-start-submit").click()
    customer.wait_visible("#chat-room", "the chat room after starting")
    customer.wait().until(lambda d: customer.find("#chat-status").text.strip() != "", message="no queue status shown")
    customer.fill(customer.find("#chat-text"), "<b>宽带</b>从昨晚断了")
    customer.find("#chat-text").send_keys(Keys.ENTER)
    wait_text(customer, "<b>宽带</b>从昨晚断了", "the customer's own message")
    assert_organization_times(customer, "the customer's page")
    customer.screenshot("chat-customer-queued")

    # The agent (on the other node when there are two) takes it from the console's queue.
    browser.base_url = agent_url
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get("/console/chat")
    browser.wait().until(lambda d: browser.exists("#chat-queue li"), message="the chat never reached the console's queue")
    row = [li for li in browser.find_all("#chat-queue li") if f"王先生{tag}" in li.text][0]
    browser.click_for_new_page(row.find_element(By.CSS_SELECTOR, "button.chat-take"), "taking the chat")
    browser.click_for_new_page(browser.find("#chat-mine a"), "opening the taken chat")
    wait_text(browser, "<b>宽带</b>从昨晚断了", "the customer's message on the console")

    # The greeting reached the customer; the agent answers with a phrase key plus typed text.
    wait_text(customer, "您好", "the greeting")
    text = browser.find("#chat-text")
    browser.find("#chat-phrases button.phrase").click()
    text.send_keys("请问宽带账号是多少？")
    text.send_keys(Keys.ENTER)
    wait_text(customer, "请问宽带账号是多少？", "the agent's answer on the customer's page")
    customer.fill(customer.find("#chat-text"), "账号是 KD123456")
    customer.find("#chat-send").click()
    wait_text(browser, "账号是 KD123456", "the customer's reply on the console")
    # CHN-16: the customer's reply starts the answer clock; the console counts it down.
    browser.wait().until(lambda d: browser.find("#chat-countdown").text.strip() != "", message="no countdown for the reply")
    browser.screenshot("chat-console")

    # Live messages and the page the server renders show the same times (one transcript, one zone).
    assert_organization_times(customer, "the customer's page after the answer")
    # The customer reloads the page: the chat comes back (the token this browser kept) with the same times.
    shown = log_times(customer)
    customer.driver.refresh()
    customer.wait_ready()
    wait_text(customer, "账号是 KD123456", "the conversation after the customer reloads")
    assert_organization_times(customer, "the customer's page after reloading")
    assert {seq: log_times(customer).get(seq) for seq in shown} == shown, "times changed when the customer reloaded"
    assert_organization_times(browser, "the console")
    live = log_times(browser)

    # A chat is a case (channel chat) owned by the agent who took it (首问负责制).
    browser.driver.refresh()
    browser.wait_ready()
    rendered = log_times(browser)
    for seq, shown in live.items():
        assert rendered.get(seq) == shown, f"message {seq}: {shown!r} live but {rendered.get(seq)!r} from the server"
    assert browser.exists("#chat-case-link"), "the chat's case is not linked on the console"

    # Transfer back to the team's queue with a note; the customer sees the note, the agent takes it again.
    browser.find("#chat-handover summary").click()
    Select(browser.find("#chat-transfer-team")).select_by_visible_text(team)
    browser.fill(browser.find("#chat-transfer-note"), "客户需要查询物流，转组内处理")
    browser.click_for_new_page(browser.find("#chat-transfer"), "transferring the chat to the team's queue")
    wait_text(customer, "客户需要查询物流，转组内处理", "the transfer note in the customer's transcript")
    browser.wait().until(lambda d: browser.exists("#chat-queue li"), message="the transferred chat is not back in the queue")
    row = [li for li in browser.find_all("#chat-queue li") if f"王先生{tag}" in li.text][0]
    browser.click_for_new_page(row.find_element(By.CSS_SELECTOR, "button.chat-take"), "taking the chat again")
    browser.click_for_new_page(browser.find("#chat-mine a"), "opening the chat again")
    text = browser.find("#chat-text")
    text.send_keys("请重启光猫后再试")
    text.send_keys(Keys.ENTER)
    wait_text(customer, "请重启光猫后再试", "the answer after the transfer")

    # The agent ends with the closing phrase; the customer rates the chat.
    browser.click_for_new_page(browser.find("#chat-end"), "ending the chat")
    customer.wait_visible("#chat-rate", "the rating form after the end")
    customer.find("#chat-rate input[name=rating][value='5']").click()
    customer.find("#chat-rate-submit").click()
    customer.wait_visible("#chat-rated", "the thanks after rating")
    customer.screenshot("chat-customer-rated")

    # The transcript is searchable with the Chinese-aware case search (a 2-character word from the chat).
    browser.get("/cases?q=光猫")
    browser.wait().until(lambda d: "王先生" in browser.find("main").text or f"王先生{tag}" in browser.find("main").text,
                         message="the chat's case is not found by a word of its transcript")

    # QA inspects the chat with the chat-log scorecard (QA-11).
    browser.log_out_by_forgetting()
    browser.base_url = base_url
    browser.login_ok(*admin_credentials)
    browser.get("/qa/chats")
    links = browser.find_all("#qa-chat-samples a.button")
    assert links, "no chat sampled for quality inspection"
    browser.click_for_new_page(links[0], "opening the chat to inspect")
    form = browser.find("form#qa-chat-form")
    for select in browser.find_all("select", within=form):
        options = Select(select).options
        Select(select).select_by_index(len(options) - 1)
    browser.screenshot("chat-qa-scorecard")
    browser.click_for_new_page(browser.find("button[type=submit]", within=form), "saving the chat inspection")
    assert "/qa" in browser.path, f"not back on QA after saving: {browser.driver.current_url}"
