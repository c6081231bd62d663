"""Token usage: adding usage records, and a handler that totals them per model.

A usage record is a dict of token counts such as
``{"input_tokens": 8, "output_tokens": 10, "total_tokens": 18,
"input_token_details": {"cache_read": 0}}``.  :func:`add_usage` adds two
records field by field, recursing into nested details; a field missing on
one side counts as 0.

:class:`UsageMetadataCallbackHandler` looks at the first generation of every
finished model run.  When it is a chat generation whose message is an
:class:`~reference.messages.AIMessage` with ``usage_metadata`` and a
``response_metadata["model_name"]``, the usage is added to that model's
total in :attr:`~UsageMetadataCallbackHandler.usage_metadata`.  Anything
else leaves the totals unchanged.  Totals are updated under a lock, so one
handler can serve runs in many threads.

:func:`get_usage_metadata_callback` is a context manager: every manager
configured inside the block receives its handler as an inheritable handler.
Blocks nest: inside an inner block both the inner and the outer handler
count, so an outer total includes the inner block's usage.
"""

from __future__ import annotations

from _thread import allocate_lock  # threading.Lock, without importing threading
from contextlib import contextmanager
from contextvars import ContextVar

from reference.handlers import BaseCallbackHandler
from reference.hooks import register_configure_hook
from reference.messages import AIMessage
from reference.outputs import ChatGeneration

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from collections.abc import Generator
    from typing import Any, TypeAlias

    from reference.outputs import LLMResult

if TYPE_CHECKING:
    UsageMetadata: TypeAlias = dict[str, Any]
else:
    UsageMetadata = dict


def add_usage(left: UsageMetadata | None, right: UsageMetadata | None) -> UsageMetadata:
    """The field-wise sum of two usage records (``None`` counts as empty).

    Integer fields add up, dict fields are added recursively, and a field
    present on one side only is kept as is (the other side counts as 0).
    Two empty records add up to zero input, output and total tokens.
    Any other kind of value is an error.
    """
    if not left and not right:
        return {"input_tokens": 0, "output_tokens": 0, "total_tokens": 0}
    return _add_counts(left or {}, right or {}, path="")


def _add_counts(left: dict[str, Any], right: dict[str, Any], path: str) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for key in (*left, *(k for k in right if k not in left)):
        a, b = left.get(key), right.get(key)
        if isinstance(a, dict) or isinstance(b, dict):
            if not isinstance(a, dict | None) or not isinstance(b, dict | None):
                raise ValueError(f"usage field {path}{key} mixes a dict and a number")
            total[key] = _add_counts(a or {}, b or {}, path=f"{path}{key}.")
        elif isinstance(a, int | None) and isinstance(b, int | None):
            total[key] = (a or 0) + (b or 0)
        else:
            raise ValueError(f"usage field {path}{key} is not a count: {a!r}, {b!r}")
    return total


class UsageMetadataCallbackHandler(BaseCallbackHandler):
    """Totals ``AIMessage.usage_metadata`` per model name over finished runs."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = allocate_lock()
        self.usage_metadata: dict[str, UsageMetadata] = {}

    def __repr__(self) -> str:
        return repr(self.usage_metadata)

    def on_llm_end(self, response: LLMResult, **kwargs: Any) -> None:
        """Add the usage reported by the run's first generation to its model's total."""
        try:
            generation = response.generations[0][0]
        except IndexError:
            return
        if not isinstance(generation, ChatGeneration):
            return
        message = generation.message
        if not isinstance(message, AIMessage):
            return
        usage = message.usage_metadata
        model = message.response_metadata.get("model_name")
        if not usage or not model:
            return
        with self._lock:
            self.usage_metadata[model] = add_usage(self.usage_metadata.get(model), usage)


# One hook for every use of get_usage_metadata_callback: it holds the
# handlers of the blocks currently open, innermost last.
_active: ContextVar[tuple[BaseCallbackHandler, ...]] = ContextVar(
    "reference_usage_metadata_callbacks", default=()
)
register_configure_hook(_active, inheritable=True)


@contextmanager
def get_usage_metadata_callback(
    name: str = "usage_metadata_callback",
) -> Generator[UsageMetadataCallbackHandler, None, None]:
    """Yield a fresh :class:`UsageMetadataCallbackHandler` that managers configured inside pick up.

    ``name`` labels the block (LangChain names its context variable after
    it); it does not change behaviour.  On exit, normal or by exception, the
    handler stops being added to new managers.
    """
    handler = UsageMetadataCallbackHandler()
    token = _active.set((*_active.get(), handler))
    try:
        yield handler
    finally:
        _active.reset(token)
