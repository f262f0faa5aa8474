"""A time budget enforced from outside the code it limits: the checks' budget (a pathological
spec pattern), and the per-file reading budget where files cannot be read in a worker
process (no ``fork``; see ``isolated.py``, which kills a worker at the same deadline).

Readers check ``limits.deadline()`` between pages and parts, but one pathological page
(pypdf is pure Python), XML part or markdown passage can run long between two checks.
``time_budget`` arms a real-time interval timer (``signal.setitimer(ITIMER_REAL)``) whose
SIGALRM handler raises ``_OutOfTime`` in the reading thread; the budget turns that into an
``InputError`` naming the file. ``_OutOfTime`` derives from ``BaseException`` so the
``except Exception`` guards inside readers and libraries do not turn it into "damaged".

The timer works only on POSIX and in the main thread (process-pool workers run their
tasks in their main thread, so it works there too). Elsewhere -- Windows, a worker
thread -- the budget is a no-op and the readers' own deadline checks are the fallback.
A signal is handled between Python bytecodes, so a single long call inside a C library
(pdfium, lxml, zlib) ends before the error is raised; those libraries are fast on the
inputs the other limits let through.

Any timer and handler already installed (a test runner's timeout, say) are restored
afterwards, the timer re-armed with what was left of it.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mccheck.errors import InputError

RETRY = 0.25  # seconds between repeated alarms once the budget is spent


class _OutOfTime(BaseException):
    """Raised by the SIGALRM handler; never escapes ``time_budget``."""


def too_slow(path: str | Path, seconds: float) -> InputError:
    return InputError(
        path,
        f"took longer than {seconds:g} s to read: it may be damaged or very large; "
        "export it again, or allow more time with --timeout",
    )


def available() -> bool:
    """True when the interval timer can be used here (POSIX, main thread)."""
    return (
        hasattr(signal, "setitimer")
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )


@contextmanager
def time_budget(path: str | Path, seconds: float, message: str | None = None) -> Iterator[None]:
    """Raise ``InputError(path, "took longer than N s ...")`` if the block runs past ``seconds``.

    ``message`` replaces the reading-specific wording (the checks use the same budget).
    """
    if seconds is None or seconds <= 0 or not available():
        yield
        return
    done = [False]

    def on_alarm(signum, frame):  # noqa: ANN001, ARG001 - signal handler signature
        if not done[0]:
            raise _OutOfTime

    start = time.monotonic()
    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    # Re-fires every RETRY seconds until disarmed, in case a library swallowed the first one
    # with a bare ``except:``.
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds, RETRY)
    try:
        try:
            yield
        finally:
            # From here on the handler does nothing; an alarm that arrives before this line
            # raises in this finally and is still caught just below.
            done[0] = True
    except _OutOfTime:
        raise (InputError(path, message) if message else too_slow(path, seconds)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler if old_handler is not None else signal.SIG_DFL)
        if old_delay > 0:
            # Re-arm the outer timer with what is left (at least a moment, so it still fires).
            left = max(old_delay - (time.monotonic() - start), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, old_interval)
