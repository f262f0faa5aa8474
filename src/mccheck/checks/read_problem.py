"""read-problem: a file that could not be read, was skipped, or that a reader flagged.

An unreadable file in a folder (password-protected, damaged) and a scanned PDF with
no text layer are errors. Nothing is skipped in silence: a file discovery left out
gets a warning with its fix when it looks like a draft (an old .doc, an .odt, a broken
link, a file that cannot be opened), and a note when it is kept only as an artifact
(a video, a picture) or was excluded on purpose. Other reader notes (unaccepted
tracked changes, footnotes not counted, encoding guessed) are information.

Passes:
    a .docx, .pdf or .md file that opens, with a text layer
Fails:
    Artifact 3.pdf   (a scan without a text layer, or a password-protected file)
    -> has no text layer (scanned?): run OCR or export it again
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from mccheck.context import Context
from mccheck.document import Location
from mccheck.readers import CONVERTIBLE
from mccheck.report import Finding

ID = "read-problem"
SCOPE = "submission"

_NEXT = {
    "scanned-pdf": "export the PDF again from your word processor, or run OCR on it",
    "encoding": "save the file as UTF-8",
    "tracked-changes": "accept or reject the tracked changes before you submit",
}


def check(ctx: Context) -> Iterator[Finding]:
    inv = ctx.inventory
    for path, reason in inv.unreadable:
        yield Finding(ID, "error", f"could not read {path}: {reason}", "fix the file as the message says, then check again",
                      None, Location(path), code="unreadable", data={"file": path, "reason": reason})
    others = set(inv.other_files)
    for path, reason in inv.skipped:
        if path in others and Path(path).suffix.lower() not in CONVERTIBLE:
            yield Finding(ID, "info", f"{path} was not read ({reason}); it still counts as an artifact",
                          "no action needed", None, Location(path), code="not-a-draft", data={"file": path, "reason": reason})
        elif reason.startswith(("excluded by", "is the same file as", "links back to")):
            yield Finding(ID, "info", f"{path} was not read: it {reason}", "no action needed",
                          None, Location(path), code="skipped", data={"file": path, "reason": reason})
        else:
            yield Finding(ID, "warning", f"{path} was skipped: it {reason}", "fix the file as that says, then check again",
                          None, Location(path), code="skipped", data={"file": path, "reason": reason})
    for doc in ctx.documents:
        for note in doc.notes:
            if note.code == "author-metadata":
                continue  # identifying-info decides whether that matters
            yield Finding(ID, note.severity, note.message, _NEXT.get(note.code, "no action needed"),
                          None, note.loc or Location(doc.path), code=note.code, data={"file": doc.path})
