"""Live web chat in two real browsers (issue 9): a customer on /chat and an agent on the console.

The customer's window and the agent's window are two separate Chromium sessions (two people). With
KEFU_AGENT_URL set (CI's PostgreSQL stage runs two `kefu serve` nodes on one database), the agent uses the
other node, so every message crosses nodes through PostgreSQL LISTEN/NOTIFY; otherwise both use KEFU_URL."""

from __future__ import annotations

import json
import os
import time
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import Browser, _make_driver


def api(base_url: str, method: str, path: str, body: dict | None = None, token: str | None = None) -> dict:
    request = urllib.request.Request(base_url.rstrip("/") + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=15) as response:
        return json.loads(response.read() or b"{}")


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


def test_customer_and_agent_chat_in_two_browsers(browser: Browser, customer: Browser, base_url: str, admin_credentials, run_id: str):
    tag = run_id[-6:]
    agent_url = os.environ.get("KEFU_AGENT_URL", "").strip().rstrip("/") or base_url
    token = api(base_url, "POST", "/api/v1/auth/login", {"username": admin_credentials[0], "password": admin_credentials[1]})["token"]
    department = api(base_url, "POST", "/api/v1/departments", {"name": f"网络客服部 {tag}", "kind": "customer_service"}, token)["id"]
    agent = (f"chat{run_id}"[:32], f"Chat-{tag}-Pw!")
    api(base_url, "POST", "/api/v1/users", {"username": agent[0], "display_name": f"小林 {tag}", "password": agent[1],
                                           "roles": ["agent"], "department_id": department}, token)

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

    # The agent ends with the closing phrase; the customer rates the chat.
    browser.click_for_new_page(browser.find("#chat-end"), "ending the chat")
    customer.wait_visible("#chat-rate", "the rating form after the end")
    customer.find("#chat-rate input[name=rating][value='5']").click()
    customer.find("#chat-rate-submit").click()
    customer.wait_visible("#chat-rated", "the thanks after rating")
    customer.screenshot("chat-customer-rated")
