"""Check one submission: read → segment → measure → checks → Report.

A file that cannot be read in a folder becomes a finding and the rest is still
checked; a single file given on its own that cannot be read is an InputError.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mccheck.context import CheckOptions, Context
from mccheck.document import Document
from mccheck.errors import InputError
from mccheck.readers.limits import DEFAULT_LIMITS, ReadLimits
from mccheck.report import Finding, LimitInfo, Report, RubricItem, SectionResult

if TYPE_CHECKING:
    from mccheck.segment import Segmentation
    from mccheck.spec.models import Credential


# Checking is fast (milliseconds); this floor only stops a pathological spec pattern, and
# keeps a tiny --timeout meant for reading from failing the checks of a whole submission.
CHECK_SECONDS_FLOOR = 10.0


@dataclass(frozen=True)
class Prepared:
    """A submission read, segmented and measured: what `count`, `sections` and `check` share."""

    documents: tuple[Document, ...]
    unreadable: tuple[tuple[str, str], ...]
    seg: Segmentation
    counts: dict


def read_all(files: Iterable[Path], limits: ReadLimits, single: bool) -> tuple[list[Document], list[tuple[str, str]]]:
    from mccheck.readers.isolated import read

    documents: list[Document] = []
    unreadable: list[tuple[str, str]] = []
    for path in files:
        try:
            # In a worker process with a hard time and memory limit; any failure is an InputError.
            documents.append(read(Path(path), limits))
        except InputError as e:
            if single:
                raise
            unreadable.append((str(path), e.message))
    return documents, unreadable


def prepare(
    files: Iterable[Path],
    spec: Credential,
    options: CheckOptions,
    limits: ReadLimits = DEFAULT_LIMITS,
    single: bool = False,
) -> Prepared:
    documents, unreadable = read_all(files, limits, single)
    return prepare_documents(documents, spec, options, unreadable)


def prepare_documents(
    documents: Iterable[Document],
    spec: Credential,
    options: CheckOptions,
    unreadable: Iterable[tuple[str, str]] = (),
) -> Prepared:
    from mccheck.measure import measure
    from mccheck.segment import segment

    documents = tuple(documents)
    seg = segment(documents, spec, options.overrides)
    counts = {sid: measure(text, spec.section(sid).limits, options.counter) for sid, text in seg.sections.items()}
    return Prepared(documents, tuple(unreadable), seg, counts)


def run(
    files: list[Path],
    spec: Credential,
    options: CheckOptions = CheckOptions(),
    folder: Path | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    paths: tuple[str, ...] = (),
    single: bool | None = None,
    other_files: tuple[str, ...] = (),
) -> Report:
    """Check one submission. ``single``: an unreadable file is an InputError rather than a finding
    (default: when one file, not a folder, was given). ``other_files``: files of the folder that
    are not drafts (a video, a recording), which can still be artifacts."""
    from mccheck.readers.budget import time_budget

    documents, unreadable = read_all(files, limits, folder is None if single is None else single)
    paths = paths or tuple(str(f) for f in files)
    # The spec's own regular expressions run here: a pathological one must not hang the run.
    seconds = max(limits.seconds, CHECK_SECONDS_FLOOR)
    slow = (f"checking took longer than {seconds:g} s: a pattern in the credential spec "
            f"({spec.id}) may be too slow; simplify it, or allow more time with --timeout")
    with time_budget(paths[0] if paths else spec.id, seconds, message=slow):
        return check_documents(documents, spec, options, folder, unreadable, paths, other_files)


def check_documents(
    documents: Iterable[Document],
    spec: Credential,
    options: CheckOptions = CheckOptions(),
    folder: Path | None = None,
    unreadable: Iterable[tuple[str, str]] = (),
    paths: tuple[str, ...] = (),
    other_files: tuple[str, ...] = (),
) -> Report:
    """Run every selected check over documents already read."""
    from mccheck.checks import CHECKS

    prepared = prepare_documents(documents, spec, options, unreadable)
    ctx = Context(
        spec, prepared.documents, prepared.seg, prepared.counts, options, folder, prepared.unreadable, other_files
    )
    selected = [m for cid, m in CHECKS.items() if _selected(cid, options)]
    findings: list[Finding] = []
    for module in selected:
        if module.SCOPE == "section":
            for section in spec.sections:
                findings.extend(module.check(ctx, prepared.seg.sections[section.id]))
        else:
            findings.extend(module.check(ctx))
    findings = _unsuppressed(findings, prepared.documents)
    sections = tuple(_section_result(ctx, s.id, findings) for s in spec.sections)
    rubric = rubric_checklist(ctx, findings)
    return Report(
        credential=spec.id,
        credential_title=spec.title,
        paths=paths or tuple(d.path for d in prepared.documents),
        sections=sections,
        findings=tuple(findings),
        rubric=rubric,
        checks_run=tuple(m.ID for m in selected),
        counter=options.counter,
        files=tuple(d.path for d in prepared.documents) + tuple(p for p, _ in prepared.unreadable),
    )


def _selected(check_id: str, options: CheckOptions) -> bool:
    if options.only and check_id not in options.only:
        return False
    return check_id not in options.ignore


def _unsuppressed(findings: list[Finding], documents: tuple[Document, ...]) -> list[Finding]:
    """Drop findings a teacher disabled in the file (markdown comment, Word comment)."""
    by_file = {d.path: d.suppressed for d in documents}
    anywhere = frozenset().union(*by_file.values()) if by_file else frozenset()
    kept = []
    for f in findings:
        disabled = by_file.get(f.loc.file, frozenset()) if f.loc else anywhere
        if f.check not in disabled:
            kept.append(f)
    return kept


def _section_result(ctx: Context, section_id: str, findings: list[Finding]) -> SectionResult:
    section = ctx.spec.section(section_id)
    text = ctx.seg.sections[section_id]
    count = ctx.counts[section_id]
    limit = section.limits
    info = LimitInfo(limit.min, limit.max, limit.hard, limit.source) if limit else None
    mine = [f for f in findings if f.section == section_id]
    if not text.present:
        status = "missing" if section.required else "not-required"
    elif any(f.check == "word-limit" and "over the limit" in f.message for f in mine):
        status = "over"
    elif any(f.check == "word-limit" and "under the minimum" in f.message for f in mine):
        status = "under"
    elif any(f.severity == "error" for f in mine):
        status = "incomplete"  # a blocking problem other than the word count
    elif any(f.severity == "warning" for f in mine):
        status = "warning"
    else:
        status = "ok"
    first = count.counted[0][0].loc if count.counted else (text.blocks[0].loc if text.blocks else None)
    part = ctx.spec.part_of(section_id)
    return SectionResult(
        section_id, part.id, section.title, text.present, count.words, info, status, first, text.matched_by,
        _part_heading(part),
    )


def _part_heading(part) -> str:
    """ "Part 1. Overview questions": the part's title with its label, as the issuer numbers it."""
    label = next((n for s in part.sections for n in s.numbering), "")
    if label and label.casefold() not in part.title.casefold():
        return f"{label}. {part.title}"
    return part.title


def rubric_checklist(ctx: Context, findings: list[Finding]) -> tuple[RubricItem, ...]:
    """The rubric level to aim for, each descriptor either verified by mccheck or left to the teacher."""
    from mccheck.elements import evaluate

    spec = ctx.spec
    if spec.rubric is None:
        return ()
    targets: dict[str, str] = {}
    for req in spec.passing_rule.requires:
        for part in req.parts:
            targets[part] = req.level
    items: list[RubricItem] = []
    for criterion in spec.rubric.criteria:
        part = spec.part_of(criterion.applies_to[0]).id
        wanted = targets.get(part)
        level = next((lv for lv in criterion.levels if lv.level == wanted), criterion.levels[0])
        for descriptor in level.descriptors:
            passed: bool | None = None
            if descriptor.verify == "element":
                passed = _element_ok(ctx, criterion.applies_to, descriptor.element, evaluate)
            elif descriptor.verify == "word-limit":
                # A missing section does not "stay within" its limit.
                passed = all(ctx.seg.sections[s].present for s in criterion.applies_to) and not any(
                    f.check == "word-limit" and f.section in criterion.applies_to and f.severity == "error"
                    for f in findings
                )
            elif descriptor.verify == "present":
                passed = all(ctx.seg.sections[s].present for s in criterion.applies_to)
            elif descriptor.verify == "prompts":
                passed = all(ctx.seg.sections[s].present for s in criterion.applies_to) and not any(
                    f.check == "prompt-not-addressed" and f.section in criterion.applies_to for f in findings
                )
            items.append(
                RubricItem(criterion.id, criterion.title, level.level, descriptor.text, descriptor.verify != "judgement", passed)
            )
    return tuple(items)


def _element_ok(ctx: Context, section_ids: list[str], element_id: str | None, evaluate) -> bool:
    for sid in section_ids:
        section = ctx.spec.section(sid)
        for element in section.elements:
            if element.id == element_id:
                text = ctx.seg.sections[sid]
                return text.present and evaluate(element, section, text).ok
    return False
