"""What every check sees: the spec, the documents, their sections and counts, the options."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mccheck.document import Document

if TYPE_CHECKING:
    from mccheck.measure import SectionCount
    from mccheck.segment import Segmentation
    from mccheck.spec.models import Credential


@dataclass(frozen=True)
class CheckOptions:
    counter: str = "word"
    identities: tuple[str, ...] = ()
    ignore: frozenset[str] = frozenset()
    only: frozenset[str] = frozenset()
    fail_on: str = "error"
    overrides: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    spec: Credential
    documents: tuple[Document, ...]
    seg: Segmentation
    counts: dict[str, SectionCount]
    options: CheckOptions
    folder: Path | None = None  # the submission folder; None when one file was given
    unreadable: tuple[tuple[str, str], ...] = ()  # (file, one-line reason)
    # Other files in the folder that mccheck does not read (video, audio, images): artifacts too.
    other_files: tuple[str, ...] = ()
