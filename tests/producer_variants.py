"""A draft corpus put through real producers, with the same ground truth:

* each .docx exported to PDF, saved again as .docx and saved as text by LibreOffice, and
  converted by pandoc to GitHub markdown and to pandoc's own (what ``pandoc draft.docx -o
  draft.md`` writes: grid and multiline tables);
* each .md converted to .docx by pandoc and printed to PDF by Chromium (from pandoc's
  standalone HTML, the browser's header and footer included).

Folders and school-defined specs are left out (a producer changes one file).

The producers are Debian packages (libreoffice-writer-nogui, pandoc, chromium); a missing one
leaves its variants out, and ``build`` says which. Run by hand to look at the files:

    python3 tests/producer_variants.py ../shared/drafts /tmp/variants
    python3 ../shared/tools/score_drafts.py "$(command -v mccheck)" /tmp/variants -v
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PRODUCERS = {"soffice": "LibreOffice", "pandoc": "pandoc", "chromium": "Chromium"}


def missing() -> list[str]:
    """The producers not installed here."""
    return [name for tool, name in PRODUCERS.items() if shutil.which(tool) is None]


def require() -> None:
    """Skip the test, naming the packages to install, where a producer is missing (as on CI)."""
    import pytest

    lacking = missing()
    if lacking:
        pytest.skip(f"{', '.join(lacking)} not installed (apt-get install libreoffice-writer-nogui pandoc chromium)")


def build(corpus: Path, out: Path) -> int:
    """Write the variants of ``corpus`` (a folder with drafts/ and expected/) to ``out`` in the
    same layout; the number of cases written."""
    (out / "drafts").mkdir(parents=True, exist_ok=True)
    (out / "expected").mkdir(exist_ok=True)
    cases = []
    for path in sorted((corpus / "expected").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        draft = corpus / "drafts" / truth["path"]
        if draft.is_file() and not truth["credential"].endswith(".yaml"):
            cases.append((path.stem, truth, draft))
    written = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docx = [draft for _, _, draft in cases if draft.suffix == ".docx"]
        if docx and shutil.which("soffice"):
            # One LibreOffice start per format for all files: each start takes seconds.
            # A profile of its own: two LibreOffice processes sharing one refuse to start.
            profile = f"-env:UserInstallation={(work / 'lo-profile').as_uri()}"
            for fmt, folder in (("pdf", "lo-pdf"), ("docx:MS Word 2007 XML", "lo-docx"), ("txt:Text (encoded):UTF8", "lo-txt")):
                _run(["soffice", profile, "--headless", "--convert-to", fmt, "--outdir", str(work / folder),
                      *map(str, docx)], 600)
        for stem, truth, draft in cases:
            made: list[tuple[str, Path]] = []
            if draft.suffix == ".docx":
                made += [(how, work / how / f"{draft.stem}.{how[3:]}") for how in ("lo-pdf", "lo-docx", "lo-txt")]
                if shutil.which("pandoc"):
                    for how, to in (("pandoc-md", "gfm"), ("pandoc-markdown", "markdown")):  # GFM, pandoc's own
                        md = work / f"{draft.stem}-{how}.md"
                        _run(["pandoc", str(draft), "-t", to, "-o", str(md)])
                        made.append((how, md))
            elif draft.suffix == ".md" and shutil.which("pandoc"):
                docx_out = work / f"{draft.stem}-pandoc.docx"
                _run(["pandoc", str(draft), "-o", str(docx_out)])
                made.append(("pandoc-docx", docx_out))
                if shutil.which("chromium"):
                    page = work / f"{draft.stem}.html"
                    _run(["pandoc", str(draft), "-s", "--metadata", f"title={draft.stem}", "-o", str(page)])
                    printed = work / f"{draft.stem}-chromium.pdf"
                    _run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={work / 'chromium'}",
                          f"--print-to-pdf={printed}", str(page)], 120)
                    made.append(("chromium-pdf", printed))
            for how, file in made:
                if not file.is_file():
                    continue
                target = out / "drafts" / f"{draft.stem}-{how}{file.suffix}"
                shutil.copy(file, target)
                variant = dict(truth, path=target.name)
                (out / "expected" / f"{stem}-{how}.json").write_text(json.dumps(variant, indent=1), encoding="utf-8")
                written += 1
    return written


def _run(command: list[str], seconds: int = 120) -> None:
    subprocess.run(command, capture_output=True, timeout=seconds, check=False)


if __name__ == "__main__":
    print(build(Path(sys.argv[1]), Path(sys.argv[2])), "variants;", "missing:", ", ".join(missing()) or "none")
