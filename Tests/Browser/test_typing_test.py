"""The typing test in a real browser (ORG-08/09/11): the agent opens it from the evaluation page, types the
passage, a paste is refused (the text box keeps only typed text), and the result is set against the 30/50
levels of the rulebook."""

from __future__ import annotations

import time

from conftest import Browser
from test_complaints import make_user


def test_typing_test_counts_typed_text_only(browser: Browser, admin_credentials, run_id: str):
    agent = (f"typ{run_id}"[:32], f"Typ-{run_id[-6:]}-Pw!")
    make_user(browser, admin_credentials, agent[0], agent[1], f"打字 {run_id[-4:]}", {"agent"})
    browser.log_out_by_forgetting()
    browser.login_ok(*agent)
    browser.get("/evaluations")
    browser.click_for_new_page(browser.find("#typing-test-link"), "opening the typing test")
    assert browser.path == "/console/typing-test"
    box = browser.find("#typing-input")
    assert browser.find("#typing-finish").get_attribute("disabled") is not None, "finish is enabled before any typing"
    box.send_keys("您好，欢迎致电客服中心，很高兴为您服务。请问有什么可以帮您？")
    browser.driver.execute_script(
        """const e = new ClipboardEvent('paste', {clipboardData: new DataTransfer(), bubbles: true, cancelable: true});
        e.clipboardData.setData('text/plain', '粘贴粘贴粘贴粘贴粘贴'); arguments[0].dispatchEvent(e);""", box)
    assert browser.find("#typing-paste-note").is_displayed(), "the paste note is not shown"
    assert browser.find("#typing-count").text == "30", "pasted text was counted"
    time.sleep(10)  # a sample needs at least 10 seconds (TypingSpeed)
    box.send_keys("您反映的宽带故障我们已经登记")
    browser.screenshot("typing-test")
    browser.click_for_new_page(browser.find("#typing-finish"), "finishing the typing test")
    result = browser.find("#typing-result")
    speed = int(browser.find("#typing-speed").text)
    assert 100 < speed <= 400, f"implausible speed {speed}"
    assert "30" in result.text and "50" in result.text, "the 30/50 levels are not shown"
    assert browser.exists("#typing-best")
