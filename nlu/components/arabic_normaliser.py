"""Rasa 3.6 pipeline component that rewrites each message into normalised Arabic.

The rules live in ``bot/text/arabic.py`` (one implementation for the bot and for Rasa); this class only
plugs them into Rasa's graph. It must stand first in the pipeline, before the tokenizer, so that training
and parsing see the same text. The Rasa server is started with the repository root on PYTHONPATH.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.text.arabic import normalise
from components.text_rewriter import TextRewriter


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class ArabicNormaliser(TextRewriter):
    """Replaces the text of every message with its normalised form."""

    rewrite = staticmethod(normalise)
