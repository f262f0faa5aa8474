"""read-problem: a file that could not be read, or that a reader flagged.

An unreadable file in a folder (password-protected, damaged, old .doc) and a
scanned PDF with no text layer are errors; other reader notes (unaccepted
tracked changes, footnotes not counted, encoding guessed) are information.

Passes:
    a .docx, .pdf or .md file that opens, with a text layer
Fails:
    Artifact 3.pdf   (a scan without a text layer, or a password-protected file)
    -> has no text layer (scanned?): run OCR or export it again
"""

from __future__ import annotations

from collections.abc import Iterator

from mccheck.context import Context
from mccheck.document import Location
from mccheck.report import Finding

ID = "read-problem"
SCOPE = "submission"

_NEXT = {
    "scanned-pdf": "export the PDF again from your word processor, or run OCR on it",
    "encoding": "save the file as UTF-8",
    "tracked-changes": "accept or reject the tracked changes before you submit",
}


def check(ctx: Context) -> Iterator[Finding]:
    for path, reason in ctx.unreadable:
        yield Finding(ID, "error", f"could not read {path}: {reason}", "fix the file as the message says, then check again",
                      None, Location(path))
    for doc in ctx.documents:
        for note in doc.notes:
            if note.code == "author-metadata":
                continue  # identifying-info decides whether that matters
            yield Finding(ID, note.severity, note.message, _NEXT.get(note.code, "no action needed"),
                          None, note.loc or Location(doc.path))
