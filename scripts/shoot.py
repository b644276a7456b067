#!/usr/bin/env python3
"""Screenshots of Kefu pages as one user sees them on a 1366×768 laptop screen (headless Debian chromium;
the page gets what a browser window leaves of that screen, 1366×625).

    KEFU_URL=http://127.0.0.1:8181 python3 scripts/shoot.py USER PASSWORD OUT_DIR [--lang en] [--full] PATH...

Each PATH becomes OUT_DIR/<user>-<lang>-<n>.png; a line per page reports the page's width against the
window (horizontal scrolling) and its height. Used to look at what a change did before calling it done.
"""
import argparse
import os
import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("user"); parser.add_argument("password"); parser.add_argument("out")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--lang", default="zh-Hans")
    parser.add_argument("--full", action="store_true", help="the whole page, not only the first screen")
    args = parser.parse_args()
    base = os.environ.get("KEFU_URL", "http://127.0.0.1:8181").rstrip("/")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(1366, 768)
    out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    try:
        driver.get(base + "/login")
        form = driver.find_element(By.CSS_SELECTOR, "form#login-form")
        form.find_element(By.NAME, "username").send_keys(args.user)
        form.find_element(By.NAME, "password").send_keys(args.password)
        form.submit()
        if args.lang != "zh-Hans":
            driver.get(base + "/")
            driver.find_element(By.CSS_SELECTOR, f"button[data-switch-lang='{args.lang}']").click()
        for n, path in enumerate(args.paths, 1):
            driver.get(base + path)
            width = driver.execute_script("return document.documentElement.scrollWidth")
            inner = driver.execute_script("return window.innerWidth")
            height = driver.execute_script("return document.documentElement.scrollHeight")
            name = out / f"{args.user}-{args.lang}-{n}.png"
            if args.full:
                driver.set_window_size(1366, max(768, min(height, 6000)))
            driver.save_screenshot(str(name))
            driver.set_window_size(1366, 768)
            print(f"{name}  {path}  width {width}/{inner}{'  HORIZONTAL SCROLL' if width > inner else ''}  height {height}")
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
