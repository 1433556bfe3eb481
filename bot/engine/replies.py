"""Composing the bot's replies from content: answers, menus, emergency, contacts, clarifications.

Every function takes a ``View`` (the content in service, the person's language, its translator and today's
date) and returns ``Reply`` objects. Wording lives in the gettext catalogues, facts live in ``content/``.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.content.model import Content, Topic
from bot.content.review import review_notice
from bot.content.schema import MenuAction, MenuTopic, Organisation, Source, Submenu
from bot.core.turn import Button, Reply
from bot.deadlines.display import format_day, localise_digits
from bot.engine import callbacks as cb


@dataclass(frozen=True)
class View:
    content: Content
    language: str
    _: Callable[[str], str]
    today: dt.date
    n_: Callable[[str, str, int], str] = lambda singular, plural, n: singular if n == 1 else plural

    @property
    def locale(self) -> str:
        return self.content.languages.languages[self.language].locale

    def day(self, value: dt.date) -> str:
        return format_day(value, locale=self.locale)

    def number(self, value: int) -> str:
        return localise_digits(str(value), self.locale)

    def number_text(self, text: str) -> str:
        return localise_digits(text, self.locale)

    def localised(self, texts: dict[str, str]) -> str:
        return texts.get(self.language) or texts[self.content.languages.source_language]


def nav_row(view: View, adviser_first: bool = False) -> tuple[Button, ...]:
    _ = view._
    menu = Button(_("Menu"), cb.make(cb.MENU, "main"))
    adviser = Button(_("Talk to an adviser"), cb.make(cb.ACTION, "adviser"))
    return (adviser, menu) if adviser_first else (menu, adviser)


def topic_button(view: View, topic_id: str) -> Button:
    return Button(view.content.page(topic_id, view.language).short_title, cb.make(cb.TOPIC, topic_id))


MAX_RELATED = 2  # related-topic buttons under an answer


def answer(view: View, topic: Topic, alternatives: Sequence[str] = ()) -> Reply:
    """A topic's answer sized for a phone: its review notice, title and opening (what it means and the next step),
    its "last checked" date, then buttons for each later section of the page ("Details", "Where to get help"),
    the ``alternatives`` the person may have meant instead ("or did you mean"), related topics and the menu."""
    _ = view._
    page = view.content.page(topic.id, view.language)
    parts = []
    parts.append(review_notice(topic, view.language, _, view.day))
    parts.append(f"<b>{html.escape(page.title)}</b>")
    parts.append(page.opening)
    notes = []
    if page.review_marks:
        notes.append(_("A ⚠️ after a figure means a lawyer has not checked that figure yet."))
    checked = _("Last checked: {date}").format(date=view.day(topic.reviewed_on))
    if topic.review_overdue(view.today):
        checked += " " + _("(overdue for review: check with an adviser)")
    notes.append("🕓 " + checked)
    if topic.translation_outdated(view.language):
        notes.append(_("The original text was updated after this translation; the translation is being revised."))
    parts.append("\n".join(f"<i>{note}</i>" for note in notes))
    if topic.sources:  # a line a person can show to a caseworker or a friend
        parts.append(source_line(view, topic.sources[0]))
    rows = [*_section_rows(view, topic, after=0), *_alternative_rows(view, topic, alternatives)]
    rows += [*_related_rows(view, topic, shown=alternatives), feedback_row(view, topic.id), nav_row(view)]
    return Reply("\n\n".join(parts), tuple(rows), kind="answer", topic=topic.id)


def section(view: View, topic: Topic, index: int) -> Reply:
    """One later section of a topic's page (a tap on "Details" or "Where to get help"): its heading and text."""
    page = view.content.page(topic.id, view.language)
    heading, body = page.sections[index]
    parts = [f"<b>{html.escape(page.title)} · {html.escape(heading)}</b>", body]
    rows = (*_section_rows(view, topic, after=index), *_related_rows(view, topic), nav_row(view))
    return Reply("\n\n".join(parts), rows, kind="answer_section", topic=topic.id)


def _section_rows(view: View, topic: Topic, after: int) -> list[tuple[Button, ...]]:
    page = view.content.page(topic.id, view.language)
    return [
        (Button(("📖 " if index == 1 else "🤝 ") + heading, cb.make(cb.SECTION, f"{topic.id}-{index}")),)
        for index, (heading, _body) in enumerate(page.sections)
        if index > after
    ]


def _alternative_rows(view: View, topic: Topic, alternatives: Sequence[str]) -> list[tuple[Button, ...]]:
    _ = view._
    return [
        (
            Button(
                _("Or did you mean: {topic}").format(topic=view.content.page(other, view.language).short_title),
                cb.make(cb.TOPIC, other),
            ),
        )
        for other in alternatives
        if other in view.content.topics and other != topic.id
    ]


def _related_rows(view: View, topic: Topic, shown: Sequence[str] = ()) -> list[tuple[Button, ...]]:
    """Buttons for the topic's related topics, without those ``shown`` already (as "or did you mean")."""
    rows: list[tuple[Button, ...]] = [
        (topic_button(view, other),) for other in topic.related if other in view.content.topics and other not in shown
    ]
    return rows[:MAX_RELATED]


def feedback_row(view: View, topic_id: str) -> tuple[Button, ...]:
    """ "Was this helpful?" under an answer: 👍 / 👎, counted per topic and week (``bot.store.stats``), no one's id."""
    _ = view._
    return (
        Button(_("👍 Helpful"), cb.make(cb.FEEDBACK, f"{topic_id}-y")),
        Button(_("👎 Not helpful"), cb.make(cb.FEEDBACK, f"{topic_id}-n")),
    )


def feedback_thanks(view: View, helpful: bool) -> Reply:
    """The reply to 👍 or 👎: thanks; after 👎 an adviser and the menu too."""
    _ = view._
    if helpful:
        return Reply(_("Thank you. This helps the volunteers keep the answers useful."), (), kind="feedback")
    text = _("Thank you for telling us: the volunteers will look at this answer. An adviser can help with your case.")
    return Reply(text, (nav_row(view, adviser_first=True),), kind="feedback")


def source_line(view: View, source: Source) -> str:
    """One line naming the main official source, as a link a person can show to a caseworker or a friend."""
    _ = view._
    link = f'<a href="{html.escape(source.url)}">{html.escape(source.title)}</a>'
    return "📄 " + _("Source: {link}").format(link=link)


def menu(view: View, submenu: Submenu | None = None) -> Reply:
    _ = view._
    submenu = submenu or view.content.menu
    rows: list[tuple[Button, ...]] = []
    for item in submenu.items:
        if isinstance(item, MenuTopic):
            rows.append((topic_button(view, item.topic),))
        elif isinstance(item, Submenu):
            rows.append((Button(view.localised(item.title), cb.make(cb.MENU, item.submenu)),))
        elif isinstance(item, MenuAction):
            rows.append((Button(view.localised(item.title), cb.make(cb.ACTION, item.action)),))
    if submenu is not view.content.menu:
        rows.append((Button(_("« Main menu"), cb.make(cb.MENU, "main")),))
    return Reply(html.escape(view.localised(submenu.title)), tuple(rows), kind="menu")


def find_submenu(content: Content, name: str) -> Submenu | None:
    stack = [content.menu]
    while stack:
        current = stack.pop()
        if current.submenu == name:
            return current
        stack.extend(i for i in current.items if isinstance(i, Submenu))
    return None


def emergency(view: View, possible: bool = False) -> Reply:
    """The emergency message. For a ``possible`` danger followed by the usual answer: its short note (112 and the
    suicide line) with a button to the whole message, so that the answer asked for stays in view."""
    page = view.content.page("emergency", view.language)
    if possible and page.short_html:
        more = Button("🆘 " + view._("Emergency numbers and help"), cb.make(cb.ACTION, "emergency"))
        return Reply("🆘 " + page.short_html, ((more,), nav_row(view, adviser_first=True)), kind="emergency")
    text = f"<b>{html.escape(page.title)}</b>\n\n{page.html}"
    return Reply(text, (nav_row(view, adviser_first=True),), kind="emergency")


def check_in(view: View, short: bool = False) -> Reply:
    """The warm check-in for a person who sounds hopeless or exhausted (``content/distress/``): support
    contacts first, then an adviser, then the menu; never a list of legal topics. ``short``: for distress with a
    clear question, the page's short note (the support numbers) with a button to the whole check-in, so that the
    answer asked for follows in view."""
    page = view.content.page("distress", view.language)
    if short and page.short_html:
        more = Button("💬 " + view._("Someone to talk to"), cb.make(cb.ACTION, "check_in"))
        return Reply("💬 " + page.short_html, ((more,), nav_row(view, adviser_first=True)), kind="check_in")
    text = f"<b>{html.escape(page.title)}</b>\n\n{page.html}"
    return Reply(text, (nav_row(view, adviser_first=True),), kind="check_in")


def organisation(view: View, org: Organisation) -> str:
    _ = view._
    lines = [f"<b>{html.escape(view.localised(org.name))}</b>", html.escape(view.localised(org.description))]
    if org.phone:
        lines.append("☎️ " + html.escape(org.phone))
    if org.email:
        lines.append("✉️ " + html.escape(org.email))
    if org.website:
        lines.append(f'🌐 <a href="{html.escape(org.website)}">{html.escape(org.website)}</a>')
    if org.hours:
        days = {"mon-fri": _("Monday to Friday")}
        hours = ", ".join(f"{days.get(h.days, h.days)} {h.opens}–{h.closes}" for h in org.hours)
        lines.append("🕘 " + hours)
    if org.needs_legal_review:
        lines.append("⚠️ <i>" + _("Not yet confirmed: check before you rely on it.") + "</i>")
    return "\n".join(lines)


def contacts(view: View, intro: str | None = None) -> Reply:
    _ = view._
    blocks = [intro or _("Free help with your own case:")]
    blocks += [organisation(view, org) for org in view.content.contacts.organisations]
    return Reply("\n\n".join(blocks), (nav_row(view),), kind="contacts")


def clarify(view: View, candidates: Sequence[str]) -> Reply:
    _ = view._
    rows = tuple((topic_button(view, topic),) for topic in candidates)
    return Reply(_("Did you mean one of these?"), (*rows, nav_row(view)), kind="clarify")


def fallback(view: View, misses: int) -> Reply:
    _ = view._
    if misses >= 2:
        text = _(
            "I still could not find an answer to that. An adviser can help you: press "
            "“Talk to an adviser”, or choose a subject from the menu."
        )
        return Reply(text, (nav_row(view, adviser_first=True), *menu(view).buttons), kind="fallback")
    text = _(
        "I am not sure I understood, and I do not want to guess. Choose a subject below, write your "
        "question in other words, or talk to an adviser."
    )
    return Reply(text, (*menu(view).buttons, nav_row(view)[1:]), kind="fallback")


def language_choice(view: View) -> Reply:
    rows = tuple(
        (Button(info.name, cb.make(cb.LANGUAGE, code)),) for code, info in view.content.languages.languages.items()
    )
    return Reply("اختر اللغة / Choose your language:", rows, kind="language")


# --- the bot's own short replies (commands, small talk, problems) ---


def welcome(view: View, first: bool) -> Reply:
    """``/start``: what the bot is, what it can do, what it stores; the languages first on a first visit."""
    _ = view._
    text = "\n\n".join(
        [
            _(
                "<b>Sanad</b>: information about Danish residency rules for Syrians, written and checked by "
                "legal volunteers."
            ),
            _(
                "I can explain your protection status, revocation, appeals and their deadlines, departure and "
                "return centres, and where to get free help. I give general information, not legal advice: "
                "I cannot see your case. For your own case, talk to an adviser."
            ),
            _(
                "<b>What I store</b>\n"
                "• your language choice, for 6 months;\n"
                "• where you are in this conversation, for 24 hours;\n"
                "• nothing else, unless you ask for an adviser. /delete removes everything at once."
            ),
        ]
    )
    buttons = language_choice(view).buttons if first else ()
    return Reply(text, (*buttons, *menu(view).buttons), kind="welcome")


def capabilities(view: View) -> Reply:
    _ = view._
    text = _(
        "Write your question in your own words, in Arabic or English, or use the menu. I answer only from "
        "information checked by legal volunteers, show when it was last checked, and can work out the last "
        "day of an appeal deadline. I am not a lawyer: for your own case, talk to an adviser."
    )
    return Reply(text, menu(view).buttons, kind="capabilities")


def small_talk(view: View, intent: str) -> Reply:
    """greet, goodbye or thanks; after a greeting or thanks the menu's subjects, so the next question is one tap."""
    _ = view._
    if intent == "greet":
        return Reply(_("Hello! Choose a subject, or write your question."), menu(view).buttons, kind="greet")
    if intent == "goodbye":
        return Reply(_("Goodbye. You can write again at any time. Take care."), (nav_row(view),), kind="goodbye")
    return Reply(_("You are welcome. Is there anything else?"), menu(view).buttons, kind="thanks")


def language_set(view: View) -> Reply:
    _ = view._
    # TRANSLATORS: shown just after switching to this catalogue's language: name that language.
    return Reply(_("The language is now English."), (), kind="language_set")


def unknown_command(view: View) -> Reply:
    _ = view._
    return Reply(_("I do not know that command. Here is the menu."), menu(view).buttons, kind="menu")


def empty(view: View) -> Reply:
    _ = view._
    text = _("Please write your question in a few words, or choose from the menu.")
    return Reply(text, menu(view).buttons, kind="empty")


def unsupported(view: View) -> Reply:
    _ = view._
    text = _(
        "I can only read text messages and buttons, so I could not open this. Please write your question "
        "in a few words. To show a letter to a person, ask for an adviser."
    )
    return Reply(text, (nav_row(view),), kind="unsupported")


def media_not_read(view: View) -> Reply:
    """After the answer to a caption: the photo or file itself was not read."""
    _ = view._
    text = _(
        "I answered the words you sent with your photo or file; I cannot open the photo or file itself. To show "
        "a letter to a person, ask for an adviser."
    )
    return Reply(text, kind="media_not_read")


def stale_button(view: View) -> Reply:
    _ = view._
    return Reply(_("That button no longer works. Here is the menu."), menu(view).buttons, kind="stale")


def nlu_down(view: View) -> Reply:
    """The reply to a typed message while the NLU cannot be asked: the emergency numbers first (only the safety
    phrases could be checked, and a cry for help they miss must still see 112), then the menu."""
    _ = view._
    text = _(
        "I cannot understand typed questions right now because of a technical problem. Please choose from "
        "the menu; it works as usual."
    )
    page = view.content.page("emergency", view.language)
    if page.short_html:
        text = f"🆘 {page.short_html}\n\n{text}"
    return Reply(text, menu(view).buttons, kind="nlu_down")


def store_down(view: View) -> Reply:
    _ = view._
    text = _(
        "This is not possible for a few minutes because of a technical problem. Your message is "
        "saved. You can use the menu in the meantime."
    )
    return Reply(text, menu(view).buttons, kind="store_down")


def rate_limited(view: View) -> Reply:
    _ = view._
    text = _(
        "You are sending many messages very quickly. Please wait a minute, then write again. "
        "If you are in danger, call 112 now; a message about danger is always answered here."
    )
    return Reply(text, (), kind="rate_limited")
