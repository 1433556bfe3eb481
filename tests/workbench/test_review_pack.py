"""The review pack in a real browser (headless Chromium), opened as a volunteer lawyer would: every topic on the
index with its review state, three topic pages with both languages as Telegram shows them (Arabic right to left),
every ``[!review]`` mark, the diff since the sign-off and what people asked; one page kept as a screenshot and as
a PDF (``.artefacts/``)."""

from __future__ import annotations

import base64
import datetime as dt
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from bot.cli import main
from bot.content.loader import load_content
from bot.content.model import Content
from bot.content.signoff import sign_off
from bot.settings import REPO_ROOT
from bot.store.stats import TopicStats
from bot.store.store import Store
from bot.store.unanswered import UnansweredLog
from bot.text.bidi import strip_isolates
from bot.workbench.pack import write_pack
from bot.workbench.stats import read_asked
from tests.support.browser import artefact, computed, texts

pytestmark = [pytest.mark.redis]

TODAY = dt.date(2026, 11, 30)
LAWYER = "Sara Nielsen, lawyer"
THREE = ("free_lawyer", "protection_status", "revocation_reasons")


@dataclass
class Pack:
    out: Path
    content: Content


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def pack(tmp_path_factory: pytest.TempPathFactory, redis_url: str) -> AsyncIterator[Pack]:
    """The pack of the repository's content after three sign-offs (one page edited since), with counts and
    unanswered questions in a real Redis."""
    root = tmp_path_factory.mktemp("pack") / "content"
    shutil.copytree(REPO_ROOT / "content", root)
    sign_off(root, "free_lawyer", LAWYER, "both", today=TODAY)
    sign_off(root, "protection_status", LAWYER, "both", today=TODAY)
    page = root / "topics/en/protection_status.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Many Syrians", "Very many Syrians"), encoding="utf-8")
    store = Store.from_url(redis_url, "pack-test-key")
    await store.redis.flushdb()
    stats = TopicStats(store)
    for event, times in (("answered", 5), ("menu", 2), ("helpful", 3), ("not_helpful", 1)):
        for _ in range(times):
            await stats.count("free_lawyer", event, TODAY)
    await stats.count("free_lawyer", "clarified", TODAY - dt.timedelta(days=7))
    unanswered = UnansweredLog(store, 600)
    for question in ("how do I renew my driving licence", "how can I renew my driving license?", "bus card price"):
        await unanswered.record(question, "en", TODAY)
    asked = await read_asked(store, 600)
    await store.redis.flushdb()
    await store.aclose()
    result = load_content(root, TODAY)
    assert result.content is not None
    out = tmp_path_factory.mktemp("out") / "review-pack"
    write_pack(result.content, root, out, TODAY, asked, generated=TODAY.isoformat())
    yield Pack(out, result.content)


def test_the_index_lists_every_topic_with_its_review_state(browser: WebDriver, pack: Pack) -> None:
    browser.get((pack.out / "index.html").as_uri())
    catalogue = [tid for ids in pack.content.catalogue.groups.values() for tid in ids]
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.topic-row")
    assert [row.get_attribute("id") for row in rows] == catalogue
    by_id = {row.get_attribute("id"): row.text for row in rows}
    assert by_id["free_lawyer"].count(f"signed by {LAWYER} on 2026-11-30") == 2
    assert "new or changed" not in by_id["free_lawyer"]
    assert f"changed since signed by {LAWYER} on 2026-11-30" in by_id["protection_status"]
    assert "new or changed" in by_id["protection_status"] and "legal review pending" in by_id["revocation_reasons"]
    marks = sum(page.review_marks for topic in pack.content.topics.values() for page in topic.pages.values())
    assert f"{marks} open [!review] marks" in browser.find_element(By.CSS_SELECTOR, ".summary").text
    free_lawyer_counts = by_id["free_lawyer"].split()[-5:]
    assert free_lawyer_counts == ["5", "1", "2", "3", "1"]  # answered, clarified, menu, 👍, 👎 over the weeks kept
    [renew, bus] = texts(browser, ".unanswered li")
    assert renew.startswith("2 ×") and "driving licence" in renew and bus.startswith("1 ×")


@pytest.mark.parametrize("topic_id", THREE)
def test_a_topic_page_shows_both_languages_as_telegram_does_and_every_mark(
    browser: WebDriver, pack: Pack, topic_id: str
) -> None:
    browser.get((pack.out / "topics" / f"{topic_id}.html").as_uri())
    topic = pack.content.topics[topic_id]
    english = browser.find_element(By.ID, "side-en")
    arabic = browser.find_element(By.ID, "side-ar")
    assert computed(browser, english, "direction") == "ltr"
    arabic_bubble = arabic.find_element(By.CSS_SELECTOR, ".bubble")
    assert computed(browser, arabic_bubble, "direction") == "rtl" and computed(browser, arabic_bubble, "textAlign") in (
        "start",
        "right",
    )
    assert topic.pages["ar"].title in strip_isolates(arabic_bubble.text)
    assert topic.pages["en"].title in english.find_element(By.CSS_SELECTOR, ".bubble").text
    assert "👍 مفيدة" in arabic.text and "👍 Helpful" in english.text  # the buttons, in each language
    for code in ("en", "ar"):
        section = browser.find_element(By.CSS_SELECTOR, f'section.marks[lang="{code}"]')
        marks = section.find_elements(By.CSS_SELECTOR, "li.mark")
        assert len(marks) == topic.pages[code].review_marks
        for mark in marks:
            assert "⚠️" in mark.find_element(By.CSS_SELECTOR, ".fact").text
            links = mark.find_elements(By.CSS_SELECTOR, ".where a:not(.more)")
            assert links and all((a.get_attribute("href") or "").startswith("https://") for a in links)
    page_text = browser.find_element(By.TAG_NAME, "main").text
    if topic_id == "free_lawyer":
        assert "Checked by a lawyer on Monday 30 November 2026" in english.text
        assert "No change since the sign-off." in page_text
    elif topic_id == "protection_status":
        assert "Not yet checked by a lawyer" in english.text  # edited after the sign-off
        assert "راجعها محامٍ" in arabic.text  # the Arabic page was not edited: still signed
        added = texts(browser, ".diff .add")
        assert any("Very many Syrians" in line for line in added) and any(
            "Many Syrians" in x for x in texts(browser, ".diff .del")
        )
    else:
        assert "Not yet checked by a lawyer" in english.text
        assert "Never signed off" in page_text


def test_a_topic_page_is_kept_as_a_screenshot_and_prints_to_pdf(browser: WebDriver, pack: Pack) -> None:
    browser.get((pack.out / "topics" / "revocation_reasons.html").as_uri())
    height = int(browser.execute_script("return document.documentElement.scrollHeight"))
    browser.set_window_size(1280, min(height, 6000))
    screenshot = artefact("review-pack-revocation_reasons.png")
    assert browser.save_screenshot(str(screenshot)) and screenshot.stat().st_size > 50_000
    overflow = browser.execute_script("return document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False  # nothing runs off the side of the page
    pdf = base64.b64decode(browser.print_page())
    assert pdf.startswith(b"%PDF-")
    artefact("review-pack-revocation_reasons.pdf").write_bytes(pdf)
    print(f"kept {screenshot} and its PDF")
    browser.set_window_size(1280, 1600)


def test_an_output_folder_that_cannot_be_written_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("keep me", encoding="utf-8")
    for target in (blocker, blocker / "pack"):
        assert main(["content", "review-pack", str(target), "--no-stats"]) == 1
        out = capsys.readouterr().out
        assert out.startswith(f"No review pack: The review pack cannot be written to {target}")
        assert "How to fix: Give a folder you can write to" in out
    assert blocker.read_text(encoding="utf-8") == "keep me" and list(tmp_path.iterdir()) == [blocker]
