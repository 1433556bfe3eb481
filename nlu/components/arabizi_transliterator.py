"""Rasa 3.6 pipeline component that adds an Arabic-script guess of a message's Arabizi words.

The rules live in ``bot/text/arabizi.py``; this class only plugs them into Rasa's graph. It stands right after
the Arabic normaliser and before the tokenizer, so that training and parsing see the same text and the
featurizers see both the Latin words and their Arabic-script guess (see the README, "How the NLU was chosen").
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.text.arabizi import with_arabic
from components.text_rewriter import TextRewriter


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class ArabiziTransliterator(TextRewriter):
    """Appends to each message's normalised text the Arabic-script guess of its Arabizi words."""

    rewrite = staticmethod(with_arabic)
