"""The one error path: every failure a user can cause becomes a MccheckError.

The CLI turns these into a one-line message and exit code 2; nothing else may
escape to the user as a traceback.
"""

from __future__ import annotations

from pathlib import Path


class MccheckError(Exception):
    """Base class: a problem the user can fix, with a plain-language message."""

    exit_code = 2

    def one_line(self) -> str:
        """The message on one line, safe to print: a file name's control characters are shown."""
        from mccheck.safe_text import printable

        return printable(" ".join(str(self).split()))


class InputError(MccheckError):
    """A draft or folder that cannot be read: names the file and what to do."""

    def __init__(self, path: str | Path, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")

    def __reduce__(self):  # picklable, so an error in a process-pool worker arrives intact
        return (type(self), (self.path, self.message))


class SpecError(MccheckError):
    """A credential spec with one or more problems, each located by file and line."""

    def __reduce__(self):
        return (type(self), (self.path, self.problems))

    def __init__(self, path: str | Path, problems: list[str]):
        self.path = str(path)
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "invalid spec"
        more = f" (and {len(self.problems) - 1} more problems)" if len(self.problems) > 1 else ""
        super().__init__(f"{first}{more}")


class UsageError(MccheckError):
    """A bad combination of options or arguments."""
