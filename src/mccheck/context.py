"""What a submission is judged by (Policy), what it holds (Inventory), and what checks see (Context)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mccheck.document import Document

if TYPE_CHECKING:
    from mccheck.analysis.segment import Segmentation
    from mccheck.checks.elements import ElementResult
    from mccheck.measure import SectionCount
    from mccheck.report import FailOn, Severity
    from mccheck.spec.records import Credential


@dataclass(frozen=True)
class Policy:
    """How one submission is judged: the command line's options merged with its mccheck.yaml."""

    counter: str = "word"
    identities: tuple[str, ...] = ()
    ignore: frozenset[str] = frozenset()
    only: frozenset[str] = frozenset()
    fail_on: FailOn = "error"
    sections: Mapping[str, str] = field(default_factory=dict)  # file name or heading -> section id
    levels: Mapping[str, Severity] = field(default_factory=dict)  # check id -> severity it reports at

    def runs(self, check_id: str) -> bool:
        """Is the check selected by --only / --ignore (and their mccheck.yaml twins)?"""
        if self.only and check_id not in self.only:
            return False
        return check_id not in self.ignore


@dataclass(frozen=True)
class Inventory:
    """Every file of one submission and what became of it, shared by every check.

    ``documents`` were read; ``unreadable`` failed to read (file, one-line reason);
    ``skipped`` were left out by discovery (file, reason: an old .doc, a broken link);
    ``other_files`` are not drafts (a video, a recording) but can still be artifacts.
    """

    root: Path | None  # the submission folder; None when one file was given
    documents: tuple[Document, ...] = ()
    unreadable: tuple[tuple[str, str], ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    other_files: tuple[str, ...] = ()
    durations: tuple[tuple[str, float], ...] = ()  # (recording, seconds) where its header says

    @property
    def is_folder(self) -> bool:
        return self.root is not None

    @property
    def files(self) -> tuple[str, ...]:
        """Every file of the submission that is there: read, unreadable, or not a draft."""
        return (
            tuple(d.path for d in self.documents)
            + tuple(p for p, _ in self.unreadable)
            + tuple(self.other_files)
        )

    def pages(self, path: str) -> int | None:
        return next((d.pages for d in self.documents if d.path == path), None)

    def duration(self, path: str) -> float | None:
        return next((s for p, s in self.durations if p == path), None)


@dataclass(frozen=True)
class Context:
    spec: Credential
    inventory: Inventory
    seg: Segmentation
    counts: dict[str, SectionCount]
    policy: Policy
    # Element results, evaluated once per submission: (section id, element id) -> result.
    elements: dict[tuple[str, str], ElementResult] = field(default_factory=dict)

    @property
    def documents(self) -> tuple[Document, ...]:
        return self.inventory.documents

    @property
    def folder(self) -> Path | None:
        return self.inventory.root
