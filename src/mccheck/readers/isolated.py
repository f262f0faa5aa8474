"""Read files in a worker process with a hard time and memory limit.

The SIGALRM budget (``budget.py``) is handled between Python bytecodes, so one long call
inside a C library (pdfium, lxml, zlib) runs on past it, and a decompression bomb that a
C library inflates can take all the machine's memory. A ``Reader`` reads in a forked
worker instead: the worker caps its own address space (``RLIMIT_AS``, ``max_memory_bytes``
above what it starts with), and the parent kills it when a file's time is up. The file
then gets the budget's one-line "took longer than N s" message, "needs more than N MB of
memory to read", or "could not be read" when the reader crashed; the next file gets a
fresh worker. A worker whose reader fails because the cap was reached usually raises
``MemoryError`` (Python) or aborts (pdfium); a crash whose peak memory came near the cap
is taken for the same.

One worker per ``Reader`` (``engine.read_all`` opens one per submission), started on the
first file and reused for the rest. Each worker is forked from the current process, so it
sees the environment and any test's monkeypatching as they are now. Forking is cheap
(about 2 ms); importing python-docx and pypdfium2 is not, so before forking its second
worker a process imports the modules its first worker needed: a batch checked in one
process (or in each ``--jobs`` process) forks warm workers.

Documents and ``InputError`` pickle intact; for ``--debug`` an error from a worker carries
the worker's traceback as its cause. A worker prints nothing (its stdout and stderr are
/dev/null) and ignores Ctrl-C, which the parent handles; if the parent dies, the worker
ends on its own (it reads end-of-file, or its own alarm fires).

Where there is no ``fork`` (Windows), or it is unsafe (macOS), files are read in this
process under the SIGALRM budget, as before.
"""

from __future__ import annotations

import faulthandler
import gc
import importlib
import os
import pickle
import signal
import struct
import sys
import time
import traceback
from pathlib import Path

from mccheck.document import Document
from mccheck.errors import InputError
from mccheck.readers.budget import time_budget, too_slow
from mccheck.readers.limits import MB, ReadLimits
from mccheck.readers.progress import pages_read

# The worker's own alarm, past the parent's deadline: it ends a worker whose parent died.
ORPHAN_GRACE = 5.0
_HEADER = struct.Struct("!Q")  # each message: its length, then its pickle
_CHUNK = 1 << 20
# Modules the first worker of this process imported, to import here before the next fork.
_worker_modules: set[str] = set()
_ended: list[int] = []  # workers stopped but not yet collected


def available() -> bool:
    """True where files can be read in a forked worker."""
    return hasattr(os, "fork") and sys.platform not in ("darwin", "win32", "cygwin", "emscripten", "wasi")


# ----------------------------------------------------------------------------- messages


def out_of_memory(path: str | Path, limits: ReadLimits) -> InputError:
    return InputError(
        path,
        f"needs more than {limits.max_memory_bytes // MB} MB of memory to read: it may be damaged "
        "or built to exhaust memory; export it again",
    )


def crashed(path: str | Path, how: str) -> InputError:
    return InputError(path, f"could not be read (the reader crashed: {how}); please report this file")


def as_input_error(path: str | Path, error: BaseException) -> InputError:
    """The one-line InputError for an exception a reader raised that is not an InputError."""
    if isinstance(error, (RecursionError, MemoryError)):
        return InputError(path, f"is too deeply nested or too large to read ({type(error).__name__})")
    # A reader bug must not hide the rest of the folder.
    return InputError(path, f"could not be read ({type(error).__name__}: {error}); please report this file")


class WorkerTraceback(Exception):
    """The traceback of an error raised in a worker, as text: the cause ``--debug`` shows."""


# ----------------------------------------------------------------------------- the reader


class Reader:
    """Reads files one at a time, each within ``limits``; use as a context manager.

    ``read`` returns a Document or raises InputError, whatever the file does to its reader.
    """

    def __init__(self, limits: ReadLimits):
        self.limits = limits
        self._isolate = available()
        self._worker: _Worker | None = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    def read(self, path: Path) -> Document:
        if self._isolate and self._worker is None:
            try:
                self._worker = _Worker(self.limits)
            except OSError:  # no process to spare (EAGAIN, ENOMEM): read here, as without fork
                self._isolate = False
        if not self._isolate:
            return _read_here(path, self.limits, budget=True)
        worker = self._worker
        try:
            try:
                worker.send(path)
            except EOFError:  # the worker ended between two files: a fresh one reads this one
                worker.stop()
                self._worker = worker = _Worker(self.limits)
                worker.send(path)
            kind, value, remote_traceback = worker.reply()
        except TimeoutError:
            self.close()
            raise too_slow(path, self.limits.seconds) from None
        except EOFError:  # the worker died without replying
            self._worker = None
            raise worker.death(path) from None
        except BaseException:  # Ctrl-C: no worker may outlive a read
            self.close()
            raise
        if kind == "last":  # the worker is ending itself: it came near its memory cap
            self.close()
        if isinstance(value, InputError):
            if remote_traceback:
                value.__cause__ = WorkerTraceback(remote_traceback)
            raise value
        return value


def _read_here(path: Path, limits: ReadLimits, budget: bool) -> Document:
    """Read in this process; ``budget``: under the SIGALRM time budget."""
    from mccheck.readers import read

    try:
        if not budget:
            return read(path, limits)
        # The readers check their deadline between pages; this also stops one slow page.
        with time_budget(path, limits.seconds):
            return read(path, limits)
    except InputError:
        raise
    except Exception as e:
        raise as_input_error(path, e) from e  # --debug shows the reader's own traceback


# ----------------------------------------------------------------------------- the worker


class _Worker:
    """One forked worker process and the two pipes to it."""

    def __init__(self, limits: ReadLimits):
        self.limits = limits
        self.start_rss = 0  # the worker's memory when it started, from its first message
        self._deadline = 0.0
        self._parent = os.getpid()
        _collect_ended()
        _import_worker_modules()
        requests_in, self._requests = os.pipe()
        self._replies, replies_out = os.pipe()
        before = set(sys.modules)
        gc.freeze()  # the worker's collections then skip the parent's objects: no copy-on-write of them
        try:
            pid = os.fork()
        finally:
            if os.getpid() == self._parent:
                gc.unfreeze()
        if pid == 0:  # the worker: never returns into the caller's code
            try:
                os.close(self._requests)
                os.close(self._replies)
                _serve(requests_in, replies_out, limits, before)
            finally:
                os._exit(0)
        os.close(requests_in)
        os.close(replies_out)
        self.pid = pid

    def send(self, path: Path) -> None:
        """Ask the worker to read ``path``; its time starts now. EOFError if the worker has died."""
        try:
            _send(self._requests, str(path))
        except BrokenPipeError:
            raise EOFError from None
        self._deadline = time.monotonic() + self.limits.seconds

    def reply(self) -> tuple[str, object, str]:
        """The reply to ``send``: TimeoutError at the deadline, EOFError if the worker dies first."""
        while True:
            kind, *rest = _receive(self._replies, self._deadline)
            if kind == "pages":
                pages_read(*rest)
            elif kind == "started":
                (self.start_rss,) = rest
            elif kind == "modules":
                _worker_modules.update(rest[0])
            else:
                return kind, *rest

    def stop(self) -> None:
        """End the worker. It is collected later: waiting for the kernel to free its memory costs ms."""
        _close(self._requests, self._replies)
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _ended.append(self.pid)

    def death(self, path: Path) -> InputError:
        """The error for a worker that died while reading ``path``; collects it."""
        _close(self._requests, self._replies)
        status, peak = _reap(self.pid)
        if os.WIFSIGNALED(status):
            if _near_cap(peak, self.start_rss, self.limits):  # pdfium aborts when an allocation fails
                return out_of_memory(path, self.limits)
            if os.WTERMSIG(status) == signal.SIGALRM:  # its own alarm: this process was too slow to stop it
                return too_slow(path, self.limits.seconds)
            return crashed(path, signal.Signals(os.WTERMSIG(status)).name)
        return crashed(path, f"exit status {os.waitstatus_to_exitcode(status)}")


def _near_cap(peak: int, start: int, limits: ReadLimits) -> bool:
    """True when a worker grew by more than half its memory allowance: the cap, not a bug, stopped it."""
    return peak - start > limits.max_memory_bytes // 2


def _serve(requests: int, replies: int, limits: ReadLimits, before: set[str]) -> None:
    """The worker's loop: read each requested path, reply with a Document or an InputError."""
    from mccheck.readers import progress

    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)  # a C library's warning must not reach the user's terminal or report
    os.dup2(devnull, 2)
    faulthandler.disable()  # nor a crash dump (it may write to a copy of stderr): the crash is one line
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the orphan alarm ends the process outright
    capped = _cap_memory(limits.max_memory_bytes)
    start = _peak_bytes()
    _send(replies, ("started", start))

    def forward(path: str, done: int, total: int) -> None:
        _send(replies, ("pages", path, done, total))

    modules_sent = False
    with progress.listening(forward):
        while True:
            try:
                path = Path(_receive(requests, None))
            except EOFError:
                return
            signal.setitimer(signal.ITIMER_REAL, limits.seconds + ORPHAN_GRACE)
            try:
                value, remote_traceback = _read_here(path, limits, budget=False), ""
            except BaseException as e:  # noqa: BLE001 - the worker replies whatever happened
                near_cap = capped and _near_cap(_peak_bytes(), start, limits)
                value, remote_traceback = _failure(path, e, limits, near_cap)
            signal.setitimer(signal.ITIMER_REAL, 0)
            if not modules_sent:
                _send(replies, ("modules", sorted(set(sys.modules) - before)))
                modules_sent = True
            last = capped and _near_cap(_peak_bytes(), start, limits)
            try:
                _send(replies, ("last" if last else "done", value, remote_traceback))
            except (pickle.PicklingError, TypeError, AttributeError) as e:  # a reader returned something odd
                _send(replies, ("done", as_input_error(path, e), traceback.format_exc()))
            if last:
                return


def _failure(path: Path, error: BaseException, limits: ReadLimits, near_cap: bool) -> tuple[InputError, str]:
    """The InputError to send for ``error``, and the traceback text behind it ("" for a plain refusal).

    ``near_cap``: the worker's memory grew close to its cap while reading, so a library error
    (zlib, lxml, "damaged") was most likely a failed allocation.
    """
    cause = error.__cause__
    text = "".join(traceback.format_exception(cause)) if cause is not None else ""
    if near_cap or any(isinstance(e, MemoryError) for e in _chain(error)):
        return out_of_memory(path, limits), text
    if isinstance(error, InputError):
        return error, text
    return as_input_error(path, error), "".join(traceback.format_exception(error))


def _chain(error: BaseException | None, depth: int = 8):
    """``error`` and the exceptions it was raised from or while handling, nearest first."""
    while error is not None and depth:
        yield error
        error = error.__cause__ or error.__context__
        depth -= 1


def _cap_memory(extra: int) -> bool:
    """Cap this process's address space at its present size plus ``extra``; False without /proc."""
    import resource

    try:
        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return False  # the time limit still holds
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = size + extra
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft == resource.RLIM_INFINITY or soft > cap:  # a tighter limit the user set stays
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return True


def _peak_bytes() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux and the BSDs


def _import_worker_modules() -> None:
    """Import here what an earlier worker imported, so the next fork starts warm."""
    while _worker_modules:
        name = _worker_modules.pop()
        if name in sys.modules:
            continue
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - only a head start: the worker imports what it needs
            pass


# ----------------------------------------------------------------------------- the pipes


def _send(fd: int, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int, deadline: float | None) -> tuple:
    (size,) = _HEADER.unpack(_read_exactly(fd, _HEADER.size, deadline))
    return pickle.loads(_read_exactly(fd, size, deadline))


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes:
    import select

    poller = select.poll()
    poller.register(fd, select.POLLIN)
    buffer = bytearray()
    while len(buffer) < size:
        if deadline is not None:
            # At the deadline, a reply that has already arrived is still taken.
            if not poller.poll(max(deadline - time.monotonic(), 0) * 1000):
                raise TimeoutError
        chunk = os.read(fd, min(size - len(buffer), _CHUNK))
        if not chunk:
            raise EOFError
        buffer += chunk
    return bytes(buffer)


def _close(*fds: int) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


def _collect_ended() -> None:
    """Collect the stopped workers that have exited (a process that exits leaves them to init)."""
    for pid in list(_ended):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _ended.remove(pid)


def _reap(pid: int) -> tuple[int, int]:
    """Wait for the worker to end; its wait status and peak memory in bytes."""
    while True:
        try:
            _, status, usage = os.wait4(pid, 0)
            return status, usage.ru_maxrss * 1024
        except InterruptedError:
            continue
        except ChildProcessError:
            return 0, 0
