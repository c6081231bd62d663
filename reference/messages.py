"""Chat messages and their plain-text "buffer string" form.

Only what callbacks need: a message has a ``content`` (a string, or a list
of content blocks), a ``type`` naming its role, and the optional fields
LangChain messages carry.  :class:`AIMessage` adds ``tool_calls`` and
``usage_metadata`` (the token counts that
:class:`~reference.usage.UsageMetadataCallbackHandler` adds up).

:func:`get_buffer_string` is how a chat model's input reaches a handler that
only implements ``on_llm_start``: each message list becomes one prompt,
``"Human: hi\\nAI: yo"``.
"""

from __future__ import annotations

from reference._record import Record

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, ClassVar

    Content = str | list[str | dict[str, Any]]


class BaseMessage(Record):
    """A message of a conversation; subclasses fix :attr:`type`."""

    type: str = "base"
    _fields: ClassVar[tuple[str, ...]] = (
        "content",
        "additional_kwargs",
        "response_metadata",
        "name",
        "id",
    )

    def __init__(
        self,
        content: Content = "",
        *,
        additional_kwargs: dict[str, Any] | None = None,
        response_metadata: dict[str, Any] | None = None,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        self.content = content
        self.additional_kwargs = additional_kwargs if additional_kwargs is not None else {}
        self.response_metadata = response_metadata if response_metadata is not None else {}
        self.name = name
        self.id = id

    @property
    def text(self) -> str:
        """The text of the message: string content as is, or the text blocks joined."""
        if isinstance(self.content, str):
            return self.content
        parts: list[str] = []
        for block in self.content:
            if isinstance(block, str):
                parts.append(block)
            elif block.get("type") == "text" and isinstance(block.get("text"), str):
                parts.append(block["text"])
        return "".join(parts)


class HumanMessage(BaseMessage):
    """A message from the user."""

    type = "human"


class SystemMessage(BaseMessage):
    """An instruction to the model."""

    type = "system"


class AIMessage(BaseMessage):
    """A message from the model, with the tool calls it asked for and its token usage."""

    type = "ai"
    _fields = (*BaseMessage._fields, "tool_calls", "usage_metadata")

    def __init__(
        self,
        content: Content = "",
        *,
        tool_calls: list[dict[str, Any]] | None = None,
        usage_metadata: dict[str, Any] | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(content, **fields)
        self.tool_calls = tool_calls if tool_calls is not None else []
        self.usage_metadata = usage_metadata


class ToolMessage(BaseMessage):
    """The result of a tool call, tied to the call by ``tool_call_id``."""

    type = "tool"
    _fields = (*BaseMessage._fields, "tool_call_id")

    def __init__(self, content: Content = "", *, tool_call_id: str, **fields: Any) -> None:
        super().__init__(content, **fields)
        self.tool_call_id = tool_call_id


_ROLE_PREFIX = {"system": "System", "tool": "Tool"}


def get_buffer_string(
    messages: Sequence[BaseMessage], human_prefix: str = "Human", ai_prefix: str = "AI"
) -> str:
    """Render messages as ``"<Role>: <text>"`` lines joined by newlines.

    Human and AI prefixes can be renamed; system and tool messages use
    ``System`` and ``Tool``.  A message of any other type is an error, because
    silently dropping part of a conversation would hide a bug.
    """
    lines = []
    for message in messages:
        if message.type == "human":
            role = human_prefix
        elif message.type == "ai":
            role = ai_prefix
        elif message.type in _ROLE_PREFIX:
            role = _ROLE_PREFIX[message.type]
        else:
            raise ValueError(f"cannot render a message of type {message.type!r}: {message!r}")
        lines.append(f"{role}: {message.text}")
    return "\n".join(lines)
