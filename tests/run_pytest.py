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


# Variables by which hypothesis recognises a CI service (and then changes its
# defaults); the kit's tests clear them so they behave the same on a laptop
# and in CI. A test that is about CI detection sets them itself.
CI_VARIABLES = (
    "CI",
    "__TOX_ENVIRONMENT_VARIABLE_ORIGINAL_CI",
    "TF_BUILD",
    "bamboo.buildKey",
    "BUILDKITE",
    "CIRCLECI",
    "CIRRUS_CI",
    "CODEBUILD_BUILD_ID",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "HEROKU_TEST_RUN_ID",
    "TEAMCITY_VERSION",
)


def run_pytest(
    *args: str,
    cwd: Path,
    extra_path: Path | None = None,
    env_overrides: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run pytest in a fresh interpreter (the plugin loads from the installed kit)."""
    env = {key: value for key, value in os.environ.items() if key not in CI_VARIABLES}
    env.update(env_overrides or {})
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
