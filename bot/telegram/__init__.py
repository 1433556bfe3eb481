"""Telegram transports: thin adapters between Telegram and the engine.

What both frameworks share is written once:

- ``updates``: a Telegram update as an engine ``Turn`` (private chats only, media named, a caption as the
  question, a person's edit as an edited turn); ``formatting``: an adviser's formatting as Telegram HTML
- ``render``: an engine ``Reply`` as Telegram messages (valid HTML, split at 4,096 on paragraphs, keyboards)
- ``processor``: exactly once and in order (lanes per chat; the update claims and the per-person lock are
  ``bot.store.isolation``'s); ``polling``: getUpdates that confirms an update only once it is handled
- ``delivery``: sending rendered replies (retries, the plain-text fallback) and the typing indicator
- ``api``: what an adapter must offer (``Transport``) and the errors it translates Telegram's into
- ``commands``: the command menu in Arabic and English
- ``adviser_desk``: cases in the advisers' forum group (one topic per case); ``adviser_room``: what advisers do
  there (members only: relay to the person under a neutral name, ``/close``, ``/reopen``, ``/note``), reminders;
  ``edits``: corrections during a case, both ways, and replies to a copy; ``albums``: an album in a case gathered
  (held in Redis) and relayed as one, both ways, by ``album_relay``
- ``webhook``: the web server (webhook with the secret header, ``/healthz``, ``/metrics``); ``metrics`` its figures
- ``run``: ``sanad run`` with ``TELEGRAM_BOT_TOKEN`` set

The adapters, ``aiogram_transport`` (default) and ``ptb_transport`` (``TELEGRAM_FRAMEWORK=ptb``), only translate
between their framework and ``api``.
"""
