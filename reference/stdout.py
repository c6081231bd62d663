"""The printing handler that ``configure(verbose=True)`` adds."""

from __future__ import annotations

from reference.handlers import BaseCallbackHandler

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from typing import Any


class StdOutCallbackHandler(BaseCallbackHandler):
    """Prints chain starts and ends, agent steps and free text to standard output."""

    def on_chain_start(
        self, serialized: dict[str, Any], inputs: dict[str, Any], **kwargs: Any
    ) -> None:
        """Announce the chain by name."""
        name = kwargs.get("name") or (serialized or {}).get("name") or "chain"
        print(f"> Entering {name}")

    def on_chain_end(self, outputs: dict[str, Any], **kwargs: Any) -> None:
        """Announce the end of a chain."""
        print("> Finished chain")

    def on_agent_action(self, action: Any, **kwargs: Any) -> None:
        """Print the agent's reasoning."""
        print(action.log)

    def on_text(self, text: str, **kwargs: Any) -> None:
        """Print the text as is."""
        print(text)
