"""Progress bars: drawn on stderr for a person at a terminal, never in CI or for machine formats."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "pdf"


@pytest.fixture
def long_pdf(tmp_path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    source = PdfReader(DATA / "draft-plain.pdf")
    writer = PdfWriter()
    for _ in range(4):
        for page in source.pages:
            writer.add_page(page)
    path = tmp_path / "binder.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_pdf_reader_reports_every_page(long_pdf):
    from mccheck.readers import read
    from mccheck.readers.progress import listening

    calls = []
    with listening(lambda path, done, total: calls.append((Path(path).name, done, total))):
        read(long_pdf)
    assert calls == [("binder.pdf", n, 24) for n in range(1, 25)]


def _run_on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run mccheck with stdout and stderr on a pseudo-terminal; return what stderr showed."""
    main, child = pty.openpty()
    out_main, out_child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "mccheck", *args], stdout=out_child, stderr=child,
                            stdin=subprocess.DEVNULL, env=env)
    os.close(child)
    os.close(out_child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(main)
    os.close(out_main)
    return b"".join(chunks).decode("utf-8", "replace")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    env.update(extra)
    return env


def test_a_long_pdf_shows_a_page_bar_on_a_terminal(long_pdf):
    shown = _run_on_a_terminal(["check", str(long_pdf), "-c", "collaborative-learning-culture"], _env())
    assert "reading binder.pdf" in shown


def test_no_bar_in_ci_or_for_json(long_pdf):
    args = ["check", str(long_pdf), "-c", "collaborative-learning-culture"]
    assert "reading binder.pdf" not in _run_on_a_terminal(args, _env(CI="true"))
    assert "reading binder.pdf" not in _run_on_a_terminal([*args, "--format", "json"], _env())
