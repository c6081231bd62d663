"""Build COMPAT.md: the conformance suite run against many langchain-core releases.

For each release this script makes (or reuses) a virtual environment under
``--workdir``, installs the kit from this checkout (editable, so the suite is
always the checkout's) with pytest-asyncio and ``langchain-core==RELEASE``,
runs the suite with ``--impl=langchain_core`` at the ``ci`` profile with
``--conformance-report``, and finally renders the reports side by side with
``python -m conformance table``.

Run by hand, not in CI (it installs a dozen environments)::

    python scripts/compat.py                      # default releases, writes COMPAT.md
    python scripts/compat.py 0.3.9 1.8.4          # some releases only
    python scripts/compat.py --render-only        # re-render from existing reports

Reports land in ``WORKDIR/reports/<release>.json``; a release whose run fails
to install is listed in the output and left out of the table.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: 0.3.x to the newest release, including each release where a verdict changes
DEFAULT_RELEASES = (
    "0.3.9",
    "0.3.10",
    "0.3.30",
    "0.3.50",
    "0.3.55",
    "0.3.65",
    "0.3.72",
    "0.3.86",
    "1.0.0",
    "1.1.0",
    "1.2.0",
    "1.2.5",
    "1.2.6",
    "1.2.7",
    "1.2.10",
    "1.3.0",
    "1.4.4",
    "1.4.5",
    "1.5.0",
    "1.5.4",
    "1.5.5",
    "1.7.2",
    "1.8.3",
)

HEADER = """\
# Compatibility: langchain-core releases against the conformance suite

Made by `python scripts/compat.py` (one virtual environment per release with
`langchain-core==RELEASE`, the suite run with `--impl=langchain_core
--hypothesis-profile=ci --conformance-report`, rendered with
`python -m conformance table`). Remake it the same way; it takes about
{minutes} minutes on a 2-core machine. The shipped expectations file applies,
so a known bug of langchain-core is "expected-fail" where it is present and
"expected-pass" (a stale entry) where a release does not have it.

"""


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, text=True, capture_output=True, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


def prepare(release: str, workdir: Path) -> Path | None:
    venv = workdir / "venvs" / release
    python = venv / "bin" / "python"
    marker = venv / ".installed"
    if not python.exists() and _run([sys.executable, "-m", "venv", str(venv)]).returncode:
        return None
    done = _run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "-e",
            str(ROOT),
            "pytest-asyncio",
            f"langchain-core=={release}",
        ]
    )
    if done.returncode:
        print(f"{release}: install failed\n{done.stderr[-2000:]}", file=sys.stderr)
        return None
    marker.write_text(release)  # (re)installed every time: the kit's dependencies may change
    return python


def run_suite(release: str, python: Path, workdir: Path) -> Path:
    report = workdir / "reports" / f"{release}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as empty:  # no project config of ours applies
        done = _run(
            [
                str(python),
                "-m",
                "pytest",
                "--impl=langchain_core",
                "--hypothesis-profile=ci",
                "-p",
                "no:cacheprovider",
                "-q",
                "--no-header",
                f"--conformance-report={report}",
            ],
            cwd=empty,
        )
    tail = done.stdout.strip().splitlines()[-1:] or ["(no output)"]
    print(f"{release}: exit {done.returncode}: {tail[0]}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("releases", nargs="*", default=list(DEFAULT_RELEASES))
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "conformance-compat"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "COMPAT.md")
    parser.add_argument("--render-only", action="store_true")
    parser.add_argument("--minutes", type=int, default=0, help="measured run time, for the header")
    args = parser.parse_args(argv)

    reports: list[Path] = []
    for release in args.releases:
        report = args.workdir / "reports" / f"{release}.json"
        if not args.render_only:
            python = prepare(release, args.workdir)
            if python is None:
                continue
            report = run_suite(release, python, args.workdir)
        if report.exists():
            reports.append(report)
    # The table needs only the standard library: render it here, from this checkout.
    sys.path.insert(0, str(ROOT))
    from conformance.table import ReportError, load_run, render

    try:
        runs = [load_run(path) for path in reports]
    except ReportError as error:
        print(error, file=sys.stderr)
        return 1
    table = io.StringIO()
    render(runs, table, hide_passing=True)
    notes = ROOT / "scripts" / "compat_notes.md"
    body = table.getvalue() + ("\n" + notes.read_text(encoding="utf-8") if notes.exists() else "")
    args.output.write_text(
        HEADER.format(minutes=args.minutes or 2 * len(reports)) + body, encoding="utf-8"
    )
    print(f"wrote {args.output} ({len(reports)} releases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
