"""A real headless Chromium (Debian's ``chromium`` and ``chromium-driver``, installed by ``make browser``) driven
through Selenium, and the folder where tests keep what a person would look at (screenshots, PDFs)."""

from __future__ import annotations

import shutil
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from bot.settings import REPO_ROOT

ARTEFACTS = REPO_ROOT / ".artefacts"  # git-ignored; kept after the run


def chromium() -> WebDriver:
    """Headless Chromium; fails with the fix when Debian's packages are missing (never skips)."""
    browser = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    assert browser and driver, "headless Chromium is missing: run `make browser` (Debian: chromium chromium-driver)"
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=en"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,1600")
    return webdriver.Chrome(options=options, service=Service(driver))


def artefact(name: str) -> Path:
    """A path under ``.artefacts/`` for a file the test run keeps."""
    ARTEFACTS.mkdir(exist_ok=True)
    return ARTEFACTS / name


def computed(driver: WebDriver, element: WebElement, css_property: str) -> str:
    """The computed value of a CSS property, as the browser lays the element out."""
    return str(driver.execute_script(f"return getComputedStyle(arguments[0]).{css_property}", element))


def texts(driver: WebDriver, selector: str) -> list[str]:
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, selector)]
