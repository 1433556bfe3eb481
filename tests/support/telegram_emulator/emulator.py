"""``TelegramEmulator``: start/stop, the world's setup (users, groups, forums) and everything a test
observes or injects (call log, webhook attempts, faults, duplicate deliveries)."""

from __future__ import annotations

import ipaddress
import secrets
import string
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

from .client import GroupChat, ScriptedUser
from .errors import SERVER_ERROR_TEXTS
from .faults import FaultInjector, FaultRule
from .server import ApiCall, ApiServer
from .state import BotAccount, ChatActionRecord, EmulatorState, EmulatorTimeout, UserAccount
from .updates import LongPoller, QueuedUpdate
from .webhook import DeliveryAttempt, WebhookDispatcher

_TOKEN_ALPHABET = string.ascii_letters + string.digits + "_-"


def make_token(bot_id: int) -> str:
    """A token shaped like Telegram's: ``<bot id>:<35 characters>``."""
    return f"{bot_id}:ABC-" + "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(31))


def _check_loopback(host: str) -> None:
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise ValueError(f"the emulator listens on loopback addresses only, not {host!r}")


class TelegramEmulator:
    """A Telegram Bot API server on loopback for end-to-end tests.

    >>> async with TelegramEmulator() as emu:
    ...     alice = emu.create_user("Alice", language_code="ar")
    ...     # point the bot at emu.api_root with emu.token, then:
    ...     alice.send_text("/start")
    ...     [reply] = await alice.wait_for_messages()
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        token: str | None = None,
        bot_id: int = 123456,
        bot_username: str = "emulated_test_bot",
        bot_first_name: str = "Test Bot",
        can_join_groups: bool = True,
        can_read_all_group_messages: bool = False,
        supports_inline_queries: bool = False,
        strict_html_ampersand: bool = True,
        webhook_max_attempts: int = 5,
        webhook_retry_delay: float = 0.05,
        webhook_max_retry_delay: float = 1.0,
        webhook_timeout: float = 10.0,
        long_poll_max_timeout: float = 50.0,
        control_api: bool = True,
    ):
        _check_loopback(host)
        self.host = host
        self._requested_port = port
        if token is not None:
            bot_id = int(token.split(":", 1)[0])
        self.token = token or make_token(bot_id)
        self.state = EmulatorState(
            BotAccount(
                id=bot_id,
                first_name=bot_first_name,
                username=bot_username,
                can_join_groups=can_join_groups,
                can_read_all_group_messages=can_read_all_group_messages,
                supports_inline_queries=supports_inline_queries,
            ),
            strict_html_ampersand=strict_html_ampersand,
        )
        self.long_poll_max_timeout = long_poll_max_timeout
        self.control_api = control_api
        self.calls: list[ApiCall] = []
        self.downloads: list[str] = []
        self.internal_errors: list[str] = []
        self.profile: dict[str, dict[str, str]] = {}
        self.thumbnails: dict[str, Any] = {}
        self.faults = FaultInjector()
        self.poller = LongPoller(self.state.updates, lambda: self.webhooks.active)
        self.webhooks = WebhookDispatcher(
            self,
            max_attempts=webhook_max_attempts,
            retry_delay=webhook_retry_delay,
            max_retry_delay=webhook_max_retry_delay,
            timeout=webhook_timeout,
        )
        self.server = ApiServer(self)
        self.users: dict[int, ScriptedUser] = {}
        self.groups: dict[int, GroupChat] = {}
        self.port: int | None = None

    # ---- lifecycle

    async def start(self) -> TelegramEmulator:
        self.port = await self.server.start(self.host, self._requested_port)
        return self

    async def stop(self) -> None:
        self.poller.close()
        await self.webhooks.close()
        await self.server.stop()

    async def __aenter__(self) -> TelegramEmulator:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    @property
    def api_root(self) -> str:
        """E.g. "http://127.0.0.1:41234": aiogram's ``TelegramAPIServer.from_base(api_root)``."""
        if self.port is None:
            raise RuntimeError("the emulator is not started")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """python-telegram-bot's ``base_url`` (the token is appended by the library)."""
        return f"{self.api_root}/bot"

    @property
    def base_file_url(self) -> str:
        """python-telegram-bot's ``base_file_url``."""
        return f"{self.api_root}/file/bot"

    def method_url(self, method: str) -> str:
        return f"{self.api_root}/bot{self.token}/{method}"

    @property
    def bot(self) -> BotAccount:
        return self.state.bot

    # ---- the world

    def create_user(
        self,
        first_name: str = "Test",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        is_premium: bool | None = None,
        started: bool = True,
        user_id: int | None = None,
    ) -> ScriptedUser:
        """A private user. ``started=False``: the user never opened the bot, so the bot's messages
        answer 403 "bot can't initiate conversation with a user" until the user sends /start."""
        account: UserAccount = self.state.add_user(
            first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
            is_premium=is_premium,
            started=started,
            user_id=user_id,
        )
        user = ScriptedUser(self, account)
        self.users[account.id] = user
        return user

    def create_group(
        self,
        title: str = "Test group",
        *,
        members: Iterable[ScriptedUser] = (),
        admins: Iterable[ScriptedUser] = (),
        creator: ScriptedUser | None = None,
        bot_status: str = "administrator",
        bot_rights: dict[str, bool] | None = None,
        supergroup: bool = False,
        forum: bool = False,
        username: str | None = None,
        description: str | None = None,
        announce_bot: bool = False,
    ) -> GroupChat:
        """A group the bot is in (as administrator by default, so privacy mode does not filter).
        ``announce_bot`` sends the my_chat_member update of the bot being added."""
        chat = self.state.add_group(
            title, supergroup=supergroup, forum=forum, username=username, description=description
        )
        group = GroupChat(self, chat)
        if creator is not None:
            self.state.set_member(chat, creator.account, "creator")
        for admin in admins:
            self.state.set_member(chat, admin.account, "administrator")
        for member in members:
            if chat.membership(member.id) is None:
                self.state.set_member(chat, member.account, "member")
        if announce_bot:
            group.set_bot_status(bot_status, rights=bot_rights, by=creator)
        else:
            self.state.set_member(chat, self.state.bot, bot_status, bot_rights)
        self.groups[chat.id] = group
        return group

    def create_supergroup(self, title: str = "Test supergroup", **kwargs: Any) -> GroupChat:
        return self.create_group(title, supergroup=True, **kwargs)

    def create_forum(self, title: str = "Test forum", **kwargs: Any) -> GroupChat:
        """A supergroup with topics enabled (is_forum)."""
        return self.create_group(title, supergroup=True, forum=True, **kwargs)

    # ---- observing the bot

    def calls_to(self, method: str) -> list[ApiCall]:
        name = method.lower()
        return [c for c in self.calls if c.method.lower() == name]

    def last_call(self, method: str) -> ApiCall | None:
        calls = self.calls_to(method)
        return calls[-1] if calls else None

    async def wait_for_call(
        self,
        method: str,
        timeout: float = 10.0,
        *,
        predicate: Callable[[ApiCall], bool] | None = None,
        since: int = 0,
        finished: bool = True,
    ) -> ApiCall:
        """The first call of ``method`` (at index >= ``since`` in the call log) matching ``predicate``."""
        name = method.lower()

        def find() -> ApiCall | None:
            for call in self.calls[since:]:
                wanted = call.method.lower() == name and (not finished or not call.pending)
                if wanted and (predicate is None or predicate(call)):
                    return call
            return None

        try:
            return await self.state.notifier.wait_for(find, timeout)
        except TimeoutError:
            raise EmulatorTimeout(f"the bot made no matching {method} call within {timeout}s") from None

    def clear_calls(self) -> None:
        self.calls.clear()

    def recent_errors_note(self, limit: int = 5) -> str:
        failed = [c for c in self.calls if c.status not in (None, 200) and c.method.lower() != "getupdates"]
        if not failed:
            return ""
        return "; recent failed API calls: " + ", ".join(f"{c.method} -> {c.status} {c.error}" for c in failed[-limit:])

    @property
    def chat_actions(self) -> list[ChatActionRecord]:
        return list(self.state.chat_actions)

    @property
    def webhook_attempts(self) -> list[DeliveryAttempt]:
        return list(self.webhooks.attempts)

    def webhook_info(self) -> dict[str, Any]:
        return self.webhooks.info()

    async def wait_for_webhook_delivery(self, update_id: int, timeout: float = 10.0) -> DeliveryAttempt:
        """The successful delivery attempt of an update (raises EmulatorTimeout if it never succeeds)."""

        def delivered() -> DeliveryAttempt | None:
            return next((a for a in self.webhooks.attempts if a.update_id == update_id and a.ok), None)

        try:
            return await self.state.notifier.wait_for(delivered, timeout)
        except TimeoutError:
            tries = [a for a in self.webhooks.attempts if a.update_id == update_id]
            raise EmulatorTimeout(f"update {update_id} was not delivered within {timeout}s: {tries}") from None

    @property
    def pending_updates(self) -> list[QueuedUpdate]:
        return list(self.state.updates.redeliveries) + list(self.state.updates.items)

    def file_bytes(self, file_id: str) -> bytes:
        return self.state.files[file_id].data

    def assert_no_internal_errors(self) -> None:
        if self.internal_errors:
            raise AssertionError("emulator internal errors:\n" + "\n".join(self.internal_errors))

    # ---- injecting

    def fail_next(
        self,
        method: str,
        times: int = 1,
        *,
        error_code: int = 429,
        retry_after: int | None = None,
        description: str | None = None,
        delay: float = 0.0,
        raw_body: str | None = None,
    ) -> FaultRule:
        """Make the next ``times`` calls of ``method`` ("*" = any) fail: 429 answers
        "Too Many Requests: retry after X" with parameters.retry_after (default 1); 5xx answer
        Telegram's texts ("Internal Server Error", "Bad Gateway"...); ``raw_body`` answers a non-JSON
        body (like nginx's HTML 502 page)."""
        if error_code >= 500 and description is None:
            description = SERVER_ERROR_TEXTS.get(error_code)
        if error_code == 429 and retry_after is None:
            retry_after = 1
        return self.faults.add(FaultRule(method.lower(), times, error_code, description, retry_after, delay, raw_body))

    def delay_next(self, method: str, seconds: float, times: int = 1) -> FaultRule:
        """Answer the next ``times`` calls of ``method`` normally but ``seconds`` late."""
        return self.faults.add(FaultRule(method.lower(), times, None, None, None, seconds))

    def clear_faults(self) -> None:
        self.faults.clear()

    def redeliver(self, update_id: int, *, new_update_id: bool = False) -> QueuedUpdate:
        """Deliver an update again: same update_id (a true duplicate) or, with ``new_update_id``, the
        same payload under a new update_id."""
        update = self.state.updates.redeliver(update_id, new_update_id=new_update_id)
        self.state.notifier.notify()
        return update

    def push_update(self, update_type: str, payload: dict[str, Any]) -> QueuedUpdate | None:
        """Queue any raw update (e.g. an inline_query) for the bot."""
        return self.state.emit(update_type, payload)
