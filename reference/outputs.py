"""What a model run produces: generations grouped into an :class:`LLMResult`.

``LLMResult.generations`` holds one list of candidate generations per input
prompt (or message list).  A plain model yields :class:`Generation` (text);
a chat model yields :class:`ChatGeneration`, whose ``message`` is the
:class:`~reference.messages.AIMessage` and whose ``text`` is that message's
text.
"""

from __future__ import annotations

from reference._record import Record
from reference.messages import BaseMessage

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from typing import Any, ClassVar


class Generation(Record):
    """One candidate output of a text model."""

    type = "Generation"
    _fields: ClassVar[tuple[str, ...]] = ("text", "generation_info")

    def __init__(self, text: str = "", generation_info: dict[str, Any] | None = None) -> None:
        self.text = text
        self.generation_info = generation_info


class ChatGeneration(Generation):
    """One candidate output of a chat model; ``text`` mirrors the message's text."""

    type = "ChatGeneration"
    _fields = ("text", "message", "generation_info")

    def __init__(
        self, *, message: BaseMessage, generation_info: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message.text, generation_info)
        self.message = message


class LLMResult(Record):
    """The outcome of a model run: ``generations[i]`` answers the ``i``-th prompt."""

    _fields = ("generations", "llm_output", "run")

    def __init__(
        self,
        *,
        generations: list[list[Generation]],
        llm_output: dict[str, Any] | None = None,
        run: list[Any] | None = None,
    ) -> None:
        self.generations = generations
        self.llm_output = llm_output
        self.run = run
