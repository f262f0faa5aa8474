"""One path from a submission to its verdict: read → analyse → checks → stamp → Report.

``check()`` is the entry point of ``check`` and ``watch``; ``analyse()`` (read, sections,
counts) is what ``count`` and ``sections`` show, so all four see the same submission.
A file that cannot be read in a folder becomes a finding and the rest is still checked;
a single file given on its own that cannot be read is an InputError (exit 2).

The engine, not the checks, decides each finding's final level (as yamllint's linter
does): a requirement the spec marks ``inferred: true`` warns, ``levels:`` in mccheck.yaml
overrides, in-file suppressions drop findings, and ``Report.ready`` is computed once.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mccheck.context import Context, Inventory, Policy
from mccheck.document import Document, Location
from mccheck.errors import InputError, MccheckError
from mccheck.readers.limits import DEFAULT_LIMITS, ReadLimits
from mccheck.report import Finding, LimitInfo, Report, RubricItem, RubricStatus, SectionResult, SectionStatus

if TYPE_CHECKING:
    from mccheck.analysis.segment import Segmentation
    from mccheck.discover import Submission
    from mccheck.measure import SectionCount
    from mccheck.spec.records import Credential


# Checking is fast (milliseconds); this floor only stops a pathological spec pattern, and
# keeps a tiny --timeout meant for reading from failing the checks of a whole submission.
CHECK_SECONDS_FLOOR = 10.0


@dataclass(frozen=True)
class Analysis:
    """A submission read, split into sections and counted: what count, sections and check share."""

    inventory: Inventory
    seg: Segmentation
    counts: dict[str, SectionCount]

    @property
    def documents(self) -> tuple[Document, ...]:
        return self.inventory.documents


def shown_path(sub: Submission) -> str:
    """How a submission is named in reports: its folder, or the one file given."""
    return str(sub.root) if sub.is_folder else str(sub.files[0])


def read_all(files: Iterable[Path], limits: ReadLimits, single: bool,
             meanwhile: Callable[[], object] | None = None) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read each file; an unreadable one is (file, reason), or an InputError when ``single``.
    ``meanwhile``: this process's own work, done while worker processes read."""
    from mccheck.readers.isolated import read_all as read_in_workers

    files = [Path(f) for f in files]
    documents: list[Document] = []
    unreadable: list[tuple[str, str]] = []
    # In worker processes with a hard time and memory limit; any failure is an InputError.
    for path, result in zip(files, read_in_workers(files, limits, meanwhile)):
        if isinstance(result, InputError):
            if single:
                raise result
            unreadable.append((str(path), result.message))
        else:
            documents.append(result)
    return documents, unreadable


def inventory(sub: Submission, limits: ReadLimits = DEFAULT_LIMITS, single: bool = False,
              meanwhile: Callable[[], object] | None = None) -> Inventory:
    """Read a submission's drafts; ``single``: an unreadable lone file is an InputError."""
    from mccheck.media import duration_seconds

    documents, unreadable = read_all(sub.files, limits, single and not sub.is_folder, meanwhile)
    others = tuple(str(p) for p in sub.other_files) if sub.is_folder else ()
    durations = tuple((p, d) for p in others if (d := duration_seconds(p)) is not None)
    return Inventory(
        root=sub.root if sub.is_folder else None,
        documents=tuple(documents),
        unreadable=tuple(unreadable),
        skipped=tuple((str(p), reason) for p, reason in sub.skipped),
        other_files=others,
        durations=durations,
    )


def analyse(
    sub: Submission, spec: Credential, policy: Policy, limits: ReadLimits = DEFAULT_LIMITS, single: bool = False,
    meanwhile: Callable[[], object] | None = None,
) -> Analysis:
    """``meanwhile``: more of this process's own work to do while worker processes read."""
    return analyse_inventory(inventory(sub, limits, single, _then(_analysis_ready, meanwhile)), spec, policy)


def _then(first: Callable[[], object], then: Callable[[], object] | None) -> Callable[[], None]:
    """``first``, then ``then`` if given: the work this process does while its workers read."""
    def both() -> None:
        first()
        if then is not None:
            then()

    return both


def _analysis_ready() -> None:
    # Imported while the files are read: two cores, one wait.
    import mccheck.analysis.segment  # noqa: F401
    import mccheck.measure  # noqa: F401


def _checks_ready() -> None:
    import mccheck.checks  # noqa: F401
    import mccheck.checks.elements  # noqa: F401


def analyse_inventory(inv: Inventory, spec: Credential, policy: Policy) -> Analysis:
    from mccheck.analysis.segment import segment
    from mccheck.measure import measure

    # In a folder, a file named like evidence (an agenda, a log, a file in an Exhibits/ folder)
    # is evidence unless its content names a section: the name is a hint, never a verdict.
    evidence = frozenset(d.path for d in inv.documents if inv.is_folder and evidence_file(d.path, spec, inv.root))
    seg = segment(inv.documents, spec, dict(policy.sections), evidence, folder=inv.is_folder)
    counts = {sid: measure(text, spec.section(sid).limits, policy.counter) for sid, text in seg.sections.items()}
    return Analysis(inv, seg, counts)


_EVIDENCE_FOLDERS = ("artifact", "artefact", "exhibit", "evidence", "attachment", "appendi", "portfolio", "upload")


def evidence_file(path: str, spec: Credential, root: Path | None = None) -> bool:
    """A file named like one of the credential's artifacts (an agenda, a log, a video), or kept
    in a sub-folder named for evidence ("Exhibits/", "artifacts/")."""
    import re

    name = Path(path).name
    if any(re.search(p, name, re.IGNORECASE) for a in spec.artifacts for p in a.patterns):
        return True
    try:
        folders = Path(path).parent.relative_to(root).parts if root is not None else ()
    except ValueError:
        folders = ()
    return any(f.casefold().startswith(_EVIDENCE_FOLDERS) for f in folders)


def check(
    sub: Submission,
    spec: Credential,
    policy: Policy = Policy(),
    limits: ReadLimits = DEFAULT_LIMITS,
    single: bool = False,
    meanwhile: Callable[[], object] | None = None,
) -> Report:
    """Check one submission. ``single``: the only thing given on the command line, so an
    unreadable lone file is an InputError rather than a finding. ``meanwhile``: the caller's
    own preparation (the report format's imports), done while the files are read."""
    from mccheck.readers.budget import time_budget

    shown = shown_path(sub)
    if sub.error is not None:
        return failed(sub, sub.error, spec.id, spec.title, policy.fail_on)
    analysis = analyse(sub, spec, policy, limits, single, _then(_checks_ready, meanwhile))
    # The spec's own regular expressions run here: a pathological one must not hang the run.
    seconds = max(limits.seconds, CHECK_SECONDS_FLOOR)
    slow = (f"checking took longer than {seconds:g} s: a pattern in the credential spec "
            f"({spec.id}) may be too slow; simplify it, or allow more time with --timeout")
    with time_budget(shown, seconds, message=slow):
        return judge(analysis, spec, policy, (shown,))


def failed(sub: Submission, error: MccheckError, credential: str, title: str, fail_on: str = "error") -> Report:
    """The report of a submission of a batch that could not be checked at all (a broken
    mccheck.yaml, no drafts, an unknown credential): one finding, and the batch goes on."""
    shown = shown_path(sub) if sub.files or sub.is_folder else str(sub.root)
    where = getattr(error, "path", None) or shown
    finding = Finding(
        "read-problem", "error", error.one_line(), "fix it as the message says, then check again",
        None, Location(str(where)), code="submission-unusable",
    )
    return Report.of(
        credential=credential, credential_title=title, paths=(shown,), sections=(), findings=(finding,),
        files=tuple(str(f) for f in sub.files), fail_on=fail_on,
    )


def judge(analysis: Analysis, spec: Credential, policy: Policy, paths: tuple[str, ...] = ()) -> Report:
    """Run every selected check over an analysed submission and build its Report."""
    from mccheck.checks import CHECKS
    from mccheck.checks.elements import evaluate_all

    inv = analysis.inventory
    ctx = Context(spec, inv, analysis.seg, analysis.counts, policy, evaluate_all(spec, analysis.seg))
    selected = [m for cid, m in CHECKS.items() if policy.runs(cid)]
    raw: list[Finding] = []
    for module in selected:
        if module.SCOPE == "section":
            for section in spec.sections:
                raw.extend(module.check(ctx, analysis.seg.sections[section.id]))
        else:
            raw.extend(module.check(ctx))
    findings, suppressed = _stamp(raw, inv.documents, policy)
    if policy.runs("read-problem"):
        findings.extend(_unknown_suppressions(inv.documents))
    ran = {m.ID for m in selected} - suppressed
    sections = tuple(_section_result(ctx, s.id, findings) for s in spec.sections)
    return Report.of(
        credential=spec.id,
        credential_title=spec.title,
        paths=paths or tuple(d.path for d in inv.documents),
        sections=sections,
        findings=tuple(findings),
        rubric=rubric_checklist(ctx, findings, ran),
        checks_run=tuple(m.ID for m in selected),
        counter=policy.counter,
        files=tuple(d.path for d in inv.documents) + tuple(p for p, _ in inv.unreadable),
        fail_on=policy.fail_on,
        engines=tuple((d.path, d.engine) for d in inv.documents if getattr(d, "engine", "")),
    )


# -- stamping ----------------------------------------------------------------------------


def _stamp(findings: list[Finding], documents: tuple[Document, ...], policy: Policy) -> tuple[list[Finding], set[str]]:
    """Final levels and suppressions. Returns the kept findings and the checks a file disabled.

    A requirement the spec only inferred cannot block on its own (a warning); a level set
    in mccheck.yaml is the user's explicit choice and wins over both.
    """
    by_file = {d.path: d.suppressed for d in documents}
    anywhere = frozenset().union(*by_file.values()) if by_file else frozenset()
    kept: list[Finding] = []
    for f in findings:
        disabled = by_file.get(f.loc.file, frozenset()) if f.loc else anywhere
        if f.check in disabled:
            continue
        severity = f.severity
        if f.data.get("inferred") and severity == "error":
            severity = "warning"
        severity = policy.levels.get(f.check, severity)
        kept.append(f if severity == f.severity else replace(f, severity=severity))
    return kept, set(anywhere)


def _unknown_suppressions(documents: tuple[Document, ...]) -> list[Finding]:
    """An in-file suppression naming no check silences nothing: say so, with a did-you-mean."""
    from mccheck.checks import CHECKS

    out = []
    for doc in documents:
        for check_id in sorted(doc.suppressed - set(CHECKS)):
            close = difflib.get_close_matches(check_id, CHECKS, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            out.append(Finding(
                "read-problem", "warning",
                f'a suppression in {Path(doc.path).name} names an unknown check "{check_id}"{hint}, so it silences nothing',
                f"correct the check id (known checks: {', '.join(CHECKS)})",
                None, Location(doc.path), code="unknown-suppression", data={"check": check_id},
            ))
    return out


# -- per-section status and the rubric -----------------------------------------------------


def _section_result(ctx: Context, section_id: str, findings: list[Finding]) -> SectionResult:
    from mccheck.report import blocks

    section = ctx.spec.section(section_id)
    text = ctx.seg.sections[section_id]
    count = ctx.counts[section_id]
    limit = section.limits
    info = LimitInfo(limit.min, limit.max, limit.hard, limit.source) if limit else None
    mine = [f for f in findings if f.section == section_id]
    codes = {(f.check, f.code) for f in mine if f.severity != "info"}
    status: SectionStatus
    if not text.present:
        status = "missing" if section.required else "not-required"
    elif ("word-limit", "over") in codes:
        status = "over"
    elif ("word-limit", "under") in codes:
        status = "under"
    elif any(blocks(f.severity, ctx.policy.fail_on) for f in mine):
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


# Which check verifies each kind of rubric descriptor: when it did not run, the row is "not checked".
_VERIFIED_BY = {"element": "missing-element", "word-limit": "word-limit", "present": "missing-section",
                "prompts": "prompt-not-addressed"}


def rubric_checklist(ctx: Context, findings: list[Finding], ran: set[str]) -> tuple[RubricItem, ...]:
    """The rubric level to aim for, each descriptor verified by mccheck, not checked, or left to the teacher."""
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
            verified = descriptor.verify != "judgement"
            passed: bool | None = None
            status: RubricStatus = "judgement"
            if verified and _VERIFIED_BY[descriptor.verify] not in ran:
                status = "not-checked"
            elif verified:
                passed = _descriptor_passed(ctx, criterion.applies_to, descriptor, findings)
                status = "passed" if passed else "failed"
            items.append(RubricItem(criterion.id, criterion.title, level.level, descriptor.text, verified, passed, status))
    return tuple(items)


def _descriptor_passed(ctx: Context, section_ids: list[str], descriptor, findings: list[Finding]) -> bool:
    present = all(ctx.seg.sections[s].present for s in section_ids)
    if descriptor.verify == "element":
        results = [r for s in section_ids if (r := ctx.elements.get((s, descriptor.element))) is not None]
        if descriptor.term:
            return present and bool(results) and all(descriptor.term in r.terms_found for r in results)
        return present and bool(results) and all(r.ok for r in results)
    if descriptor.verify == "word-limit":
        # A missing section does not "stay within" its limit.
        return present and not any(
            f.check == "word-limit" and f.section in section_ids and f.code in ("over", "under") and f.severity == "error"
            for f in findings
        )
    if descriptor.verify == "prompts":
        return present and not any(f.check == "prompt-not-addressed" and f.section in section_ids for f in findings)
    return present


def check_documents(
    documents: Iterable[Document],
    spec: Credential,
    policy: Policy = Policy(),
    folder: Path | None = None,
    unreadable: Iterable[tuple[str, str]] = (),
    other_files: Iterable[str] = (),
) -> Report:
    """Check documents already read (a reader's output, a test's documents) as one submission."""
    from mccheck.media import duration_seconds

    others = tuple(other_files)
    durations = tuple((p, d) for p in others if (d := duration_seconds(p)) is not None)
    inv = Inventory(folder, tuple(documents), tuple(unreadable), (), others, durations)
    return judge(analyse_inventory(inv, spec, policy), spec, policy, (str(folder),) if folder else ())
