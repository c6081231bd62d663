"""Running pytest in a fresh interpreter, as users do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# langsmith (installed with langchain-core) loads a pytest plugin that costs
# about a second per interpreter and does nothing for these runs.
_QUIET_PLUGINS = ("-p", "no:langsmith_plugin")


def run_pytest(
    *args: str, cwd: Path, extra_path: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run pytest in a fresh interpreter (the plugin loads from the installed kit)."""
    env = dict(os.environ)
    if extra_path is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(extra_path), env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *_QUIET_PLUGINS, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
