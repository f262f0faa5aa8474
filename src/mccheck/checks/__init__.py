"""Registry of checks. Each module has ID, SCOPE ("section" or "submission"), a
docstring (its documentation: README table and SARIF rule text) and ``check()``.
"""

from __future__ import annotations

import difflib
from types import ModuleType

from mccheck.checks import (
    artifact_missing,
    evidence_reference,
    identifying_info,
    missing_element,
    missing_section,
    placeholder,
    prompt_not_addressed,
    read_problem,
    section_mapping,
    unassigned_text,
    word_limit,
)
from mccheck.errors import UsageError

CHECKS: dict[str, ModuleType] = {
    m.ID: m
    for m in (
        word_limit,
        missing_section,
        prompt_not_addressed,
        missing_element,
        evidence_reference,
        artifact_missing,
        placeholder,
        identifying_info,
        unassigned_text,
        section_mapping,
        read_problem,
    )
}


def get(check_id: str) -> ModuleType:
    try:
        return CHECKS[check_id]
    except KeyError:
        close = difflib.get_close_matches(check_id, CHECKS, n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        raise UsageError(f'unknown check "{check_id}"{hint}; known checks: {", ".join(CHECKS)}') from None


def summary(module: ModuleType) -> str:
    """First line of a check's docstring."""
    return (module.__doc__ or "").strip().splitlines()[0]
