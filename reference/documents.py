"""Documents, the items a retriever run returns."""

from __future__ import annotations

from reference._record import Record

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from typing import Any


class Document(Record):
    """A piece of text with metadata and an optional identifier."""

    type = "Document"
    _fields = ("page_content", "metadata", "id")

    def __init__(
        self, page_content: str, metadata: dict[str, Any] | None = None, id: str | None = None
    ) -> None:
        self.page_content = page_content
        self.metadata = metadata if metadata is not None else {}
        self.id = id
