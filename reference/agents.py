"""The two steps an agent reports through a chain run: an action, and its finish."""

from __future__ import annotations

from reference._record import Record

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from typing import Any


class AgentAction(Record):
    """The agent decided to call ``tool`` with ``tool_input``; ``log`` is its reasoning."""

    type = "AgentAction"
    _fields = ("tool", "tool_input", "log")

    def __init__(self, tool: str, tool_input: str | dict[str, Any], log: str) -> None:
        self.tool = tool
        self.tool_input = tool_input
        self.log = log


class AgentFinish(Record):
    """The agent is done; ``return_values`` is its answer."""

    type = "AgentFinish"
    _fields = ("return_values", "log")

    def __init__(self, return_values: dict[str, Any], log: str) -> None:
        self.return_values = return_values
        self.log = log
