"""One headless Chromium for the review-pack tests (``tests.support.browser``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from tests.support.browser import chromium


@pytest.fixture(scope="session")
def browser() -> Iterator[WebDriver]:
    driver = chromium()
    yield driver
    driver.quit()
