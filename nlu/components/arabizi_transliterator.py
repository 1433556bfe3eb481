"""Rasa 3.6 pipeline component that adds an Arabic-script guess of a message's Arabizi words.

The rules live in ``bot/text/arabizi.py``; this class only plugs them into Rasa's graph. It stands right after
the Arabic normaliser and before the tokenizer, so that training and parsing see the same text and the
featurizers see both the Latin words and their Arabic-script guess (see the README, "How the NLU was chosen").
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

from bot.text.arabizi import with_arabic


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class ArabiziTransliterator(GraphComponent):
    """Appends to each message's normalised text the Arabic-script guess of its Arabizi words."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ArabiziTransliterator:
        return cls()

    @staticmethod
    def _extend_all(messages: list[Message]) -> None:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                message.set(TEXT, with_arabic(text))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._extend_all(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        self._extend_all(messages)
        return messages
