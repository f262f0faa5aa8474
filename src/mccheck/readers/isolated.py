"""Read files in a worker process with a hard time and memory limit.

The SIGALRM budget (``budget.py``) is handled between Python bytecodes, so one long call
inside a C library (pdfium, lxml, zlib) runs on past it, and a decompression bomb that a
C library inflates can take all the machine's memory. ``read`` hands each file to a forked
worker instead: the worker caps its own address space (``RLIMIT_AS``, ``max_memory_bytes``
above what it starts with), and this process kills it when the file's time is up. The file
then gets the budget's one-line "took longer than N s" message, "needs more than N MB of
memory to read", or "could not be read" when the reader crashed. A reader that runs out of
room usually raises ``MemoryError`` (Python, lxml) or aborts (pdfium): a worker that fails
after growing by more than half its allowance is taken to have hit the cap.

One worker per process, forked on the first read and reused for every file after it, so a
batch keeps the readers' imports and caches warm (each ``--jobs`` process has its own). A
worker that was killed, crashed or came near its cap is replaced at the next read, as is one
forked before the environment changed. Tests that replace a reader end the worker with
``stop()`` so that the next one is forked with their change.

Documents and ``InputError`` pickle intact; for ``--debug`` an error from a worker carries
the worker's traceback as its cause. A worker prints nothing (its stdout and stderr are
/dev/null) and ignores Ctrl-C, which this process handles. It ends when this process exits
or dies: it reads end-of-file, or its own alarm fires.

Where there is no ``fork`` (Windows), or it is unsafe (macOS), files are read in this
process under the SIGALRM budget, as before.
"""

from __future__ import annotations

import atexit
import faulthandler
import gc
import os
import pickle
import select
import signal
import struct
import sys
import threading
import time
import traceback
from pathlib import Path

from mccheck.document import Document
from mccheck.errors import InputError
from mccheck.readers.budget import time_budget, too_slow
from mccheck.readers.limits import MB, ReadLimits
from mccheck.readers.progress import pages_read

# The worker's own alarm, past this process's deadline: it ends a worker whose parent died.
ORPHAN_GRACE = 5.0
_HEADER = struct.Struct("!Q")  # each message: its length, then its pickle
_CHUNK = 1 << 20
_lock = threading.Lock()  # one file at a time in the one worker
_worker: _Worker | None = None


def available() -> bool:
    """True where files can be read in a forked worker."""
    return hasattr(os, "fork") and sys.platform not in ("darwin", "win32", "cygwin", "emscripten", "wasi")


def read(path: Path, limits: ReadLimits) -> Document:
    """Read one file within ``limits``: a Document, or an InputError whatever the file does to its reader."""
    if not available():
        return _read_here(path, limits, budget=True)
    with _lock:
        try:
            worker = _current_worker(limits)
        except OSError:  # no process to spare (EAGAIN, ENOMEM): read here, as without fork
            return _read_here(path, limits, budget=True)
        return _read_in(worker, path, limits)


def stop() -> None:
    """End this process's worker; the next read forks a new one."""
    global _worker
    if _worker is not None:
        _worker.stop(wait=True)
        _worker = None


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


# ----------------------------------------------------------------------------- this process's side


def _current_worker(limits: ReadLimits) -> _Worker:
    global _worker
    if _worker is not None and not _worker.fits(limits):
        stop()
    if _worker is None:
        _worker = _Worker(limits.max_memory_bytes)
    return _worker


def _read_in(worker: _Worker, path: Path, limits: ReadLimits) -> Document:
    global _worker
    try:
        try:
            worker.send(path, limits)
        except EOFError:  # the worker ended between two files: a fresh one reads this one
            stop()
            worker = _current_worker(limits)
            worker.send(path, limits)
        kind, value, remote_traceback = worker.reply()
    except TimeoutError:
        stop()
        raise too_slow(path, limits.seconds) from None
    except EOFError:  # the worker died while reading
        _worker = None
        raise worker.death(path, limits) from None
    except Exception as e:  # a reply this process cannot unpickle, say: still one line
        stop()
        raise as_input_error(path, e) from e
    except BaseException:  # Ctrl-C: no worker may go on with a file nobody waits for
        stop()
        raise
    if kind == "last":  # the worker ends itself: it came near its memory cap
        stop()
    if isinstance(value, InputError):
        if remote_traceback:
            value.__cause__ = WorkerTraceback(remote_traceback)
        raise value
    return value


def _read_here(path: Path, limits: ReadLimits, budget: bool) -> Document:
    """Read in this process; ``budget``: under the SIGALRM time budget."""
    from mccheck.readers import read as read_file

    try:
        if not budget:
            return read_file(path, limits)
        # The readers check their deadline between pages; this also stops one slow page.
        with time_budget(path, limits.seconds):
            return read_file(path, limits)
    except InputError:
        raise
    except Exception as e:
        raise as_input_error(path, e) from e  # --debug shows the reader's own traceback


class _Worker:
    """One forked worker process and the two pipes to it."""

    def __init__(self, memory: int):
        self.memory = memory
        self.environ = dict(os.environ)  # the worker's, copied at the fork
        self.start_rss = 0  # the worker's memory when it started, from its first message
        self._deadline = 0.0
        parent = os.getpid()
        requests_in, self._requests = os.pipe()
        self._replies, replies_out = os.pipe()
        gc.freeze()  # the worker's collections then skip this process's objects: no copy-on-write of them
        try:
            pid = os.fork()
        except OSError:
            _close(requests_in, self._requests, self._replies, replies_out)
            raise
        finally:
            if os.getpid() == parent:
                gc.unfreeze()
        if pid == 0:  # the worker: never returns into the caller's code
            try:
                os.close(self._requests)
                os.close(self._replies)
                _serve(requests_in, replies_out, memory)
            finally:
                os._exit(0)
        os.close(requests_in)
        os.close(replies_out)
        self.pid = pid

    def fits(self, limits: ReadLimits) -> bool:
        """True if this worker can read with ``limits`` in the environment as it is now."""
        return self.memory == limits.max_memory_bytes and self.environ == os.environ

    def send(self, path: Path, limits: ReadLimits) -> None:
        """Ask the worker to read ``path``; its time starts now. EOFError if the worker has died."""
        try:
            _send(self._requests, (str(path), limits))
        except BrokenPipeError:
            raise EOFError from None
        self._deadline = time.monotonic() + limits.seconds

    def reply(self) -> tuple[str, Document | InputError, str]:
        """The reply to ``send``: TimeoutError at the deadline, EOFError if the worker dies first."""
        while True:
            kind, *rest = _receive(self._replies, self._deadline)
            if kind == "pages":
                pages_read(*rest)
            elif kind == "started":
                (self.start_rss,) = rest
            else:
                return kind, *rest

    def stop(self, wait: bool) -> None:
        """End the worker; ``wait``: collect it too (at exit the system does)."""
        _close(self._requests, self._replies)
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        if wait:
            _reap(self.pid)

    def death(self, path: Path, limits: ReadLimits) -> InputError:
        """The error for a worker that died while reading ``path``; collects it."""
        _close(self._requests, self._replies)
        status, peak = _reap(self.pid)
        if not os.WIFSIGNALED(status):
            return crashed(path, f"exit status {os.waitstatus_to_exitcode(status)}")
        if _near_cap(peak, self.start_rss, limits):  # pdfium aborts when an allocation fails
            return out_of_memory(path, limits)
        if os.WTERMSIG(status) == signal.SIGALRM:  # its own alarm: this process was too slow to stop it
            return too_slow(path, limits.seconds)
        return crashed(path, signal.Signals(os.WTERMSIG(status)).name)


def _forget_worker() -> None:
    """In a child forked from this process (a --jobs process): the worker is not the child's."""
    global _worker, _lock
    if _worker is not None:
        _close(_worker._requests, _worker._replies)
        _worker = None
    _lock = threading.Lock()


def _stop_at_exit() -> None:
    if _worker is not None:
        _worker.stop(wait=False)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_worker)
atexit.register(_stop_at_exit)


def _near_cap(peak: int, start: int, limits: ReadLimits) -> bool:
    """True when a worker grew by more than half its memory allowance: the cap, not a bug, stopped it."""
    return peak - start > limits.max_memory_bytes // 2


# ----------------------------------------------------------------------------- the worker's side


def _serve(requests: int, replies: int, memory: int) -> None:
    """The worker's loop: read each requested path, reply with a Document or an InputError."""
    from mccheck.readers import progress

    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)  # a C library's warning must not reach the user's terminal or report
    os.dup2(devnull, 2)
    faulthandler.disable()  # nor a crash dump (it may write to a copy of stderr): the crash is one line
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the orphan alarm ends the process outright
    capped = _cap_memory(memory)
    start = _peak_bytes()
    _send(replies, ("started", start))

    def forward(path: str, done: int, total: int) -> None:
        _send(replies, ("pages", path, done, total))

    with progress.listening(forward):
        while True:
            try:
                name, limits = _receive(requests, None)
            except EOFError:
                return
            path = Path(name)
            value: Document | InputError
            signal.setitimer(signal.ITIMER_REAL, limits.seconds + ORPHAN_GRACE)
            try:
                value, remote_traceback = _read_here(path, limits, budget=False), ""
            except BaseException as e:  # noqa: BLE001 - the worker replies whatever happened
                near_cap = capped and _near_cap(_peak_bytes(), start, limits)
                value, remote_traceback = _failure(path, e, limits, near_cap)
            signal.setitimer(signal.ITIMER_REAL, 0)
            last = capped and _near_cap(_peak_bytes(), start, limits)
            try:
                _send(replies, ("last" if last else "done", value, remote_traceback))
            except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as e:  # not a Document
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
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    buffer = bytearray()
    while len(buffer) < size:
        # At the deadline, a reply that has already arrived is still taken.
        if deadline is not None and not poller.poll(max(deadline - time.monotonic(), 0) * 1000):
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
