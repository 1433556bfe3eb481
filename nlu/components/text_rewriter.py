"""The plumbing shared by the pipeline's text components: a Rasa 3.6 graph component that rewrites the text of
every message, at training and at parse time alike, with one function from ``bot/text/`` (``rewrite``).
Subclasses name the function and register themselves; this base is not a pipeline step of its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


class TextRewriter(GraphComponent):
    """Replaces each message's text with ``rewrite(text)``."""

    rewrite: ClassVar[Callable[[str], str]]

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()

    def _rewrite_all(self, messages: list[Message]) -> None:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                message.set(TEXT, type(self).rewrite(text))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._rewrite_all(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        self._rewrite_all(messages)
        return messages
