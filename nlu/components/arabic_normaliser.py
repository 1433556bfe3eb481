"""Rasa 3.6 pipeline component that rewrites each message into normalised Arabic.

The rules live in ``bot/text/arabic.py`` (one implementation for the bot and for Rasa); this class only
plugs them into Rasa's graph. It must stand first in the pipeline, before the tokenizer, so that training
and parsing see the same text. The Rasa server is started with the repository root on PYTHONPATH.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.text.arabic import normalise


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class ArabicNormaliser(GraphComponent):
    """Replaces the text of every message with its normalised form."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ArabicNormaliser:
        return cls()

    @staticmethod
    def _normalise_all(messages: list[Message]) -> None:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                message.set(TEXT, normalise(text))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._normalise_all(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        self._normalise_all(messages)
        return messages
