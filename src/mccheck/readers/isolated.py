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

Up to two workers per process (one on a single core, and in each ``--jobs`` process, whose
cores the other processes use), forked when first needed and reused for every file after,
so a batch keeps the readers' imports and caches warm. ``read_all`` reads a submission's
files on both at once, largest first, and a long PDF on both: the first worker reads the
first half of its pages and builds the Document, the second reads the other half
(``split.py``), which this process hands over. A worker that was killed, crashed or came
near its cap is replaced at the next read, as is one forked before the environment
changed. Tests that replace a reader end the workers with ``stop()`` so that the next ones
are forked with their change.

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
from collections.abc import Callable
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
_lock = threading.Lock()  # one batch at a time on this process's workers
_workers: list[_Worker] = []
_most_workers = 2  # one_worker() in a --jobs process


def available() -> bool:
    """True where files can be read in a forked worker."""
    return hasattr(os, "fork") and sys.platform not in ("darwin", "win32", "cygwin", "emscripten", "wasi")


def read(path: Path, limits: ReadLimits) -> Document:
    """Read one file within ``limits``: a Document, or an InputError whatever the file does to its reader."""
    [result] = read_all([path], limits)
    if isinstance(result, InputError):
        raise result
    return result


def read_all(paths: list[Path], limits: ReadLimits,
             meanwhile: Callable[[], object] | None = None) -> list[Document | InputError]:
    """Read each file within ``limits`` (in parallel where cores allow): its Document or its InputError, in order.

    ``meanwhile``: work of this process's own (imports) done while the workers read."""
    if not available():
        if meanwhile is not None:
            meanwhile()
        return [_caught(lambda: _read_here(path, limits, budget=True)) for path in paths]
    with _lock:
        return _Batch(paths, limits).run(meanwhile)


def one_worker() -> None:
    """Read with one worker in this process: for a ``--jobs`` process, whose peers use the other cores.

    Such a process ends without running ``atexit``: its worker is collected by multiprocessing's
    own exit hook instead, so that its time counts in the batch's (``time``, ``wait4``)."""
    from multiprocessing import util

    global _most_workers
    _most_workers = 1
    util.Finalize(None, stop, exitpriority=10)


def stop() -> None:
    """End this process's workers; the next read forks new ones."""
    while _workers:
        _workers.pop().stop()


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


def _caught(read_one) -> Document | InputError:  # noqa: ANN001
    try:
        return read_one()
    except InputError as e:
        return e


class _Job:
    """A file on a worker: read whole (``part`` "whole"), or one half of a long PDF's pages."""

    def __init__(self, index: int, part: str, partner: _Job | None = None):
        self.index = index
        self.part = part  # "whole", "first" (builds the Document) or "second" (pages only)
        self.partner = partner
        self.second_pages: object = _PENDING  # for "first": what the "second" worker replied
        self.waiting = False  # for "first": its worker asked for the second half


_PENDING = object()


class _Batch:
    """One ``read_all``: files handed to idle workers, largest first, replies taken as they come."""

    def __init__(self, paths: list[Path], limits: ReadLimits):
        self.paths = [Path(p) for p in paths]
        self.limits = limits
        self.results: list[Document | InputError | None] = [None] * len(paths)
        self.todo = sorted(range(len(paths)), key=lambda i: (-_size(self.paths[i]), i))
        self.jobs: dict[_Worker, _Job] = {}
        self.retried: set[int] = set()

    def run(self, meanwhile: Callable[[], object] | None = None) -> list[Document | InputError]:
        try:
            while self.todo or self.jobs:
                if not self._hand_out() and not self.jobs:
                    # No process to spare (EAGAIN, ENOMEM): read here, as without fork.
                    for i in self.todo:
                        self.results[i] = _caught(lambda i=i: _read_here(self.paths[i], self.limits, budget=True))
                    break
                if meanwhile is not None:
                    meanwhile()
                    meanwhile = None
                self._take_replies()
            if meanwhile is not None:  # nothing to read
                meanwhile()
        except BaseException:  # Ctrl-C, a reply this process cannot use: no worker goes on with a file nobody waits for
            for worker in list(self.jobs):
                _discard(worker)
            raise
        return self.results  # type: ignore[return-value]

    # -- handing out

    def _hand_out(self) -> bool:
        """Give files to idle workers; False if no worker could be had at all."""
        while self.todo:
            worker = self._idle()
            if worker is None:
                return bool(self.jobs)
            i = self.todo[0]
            first = _Job(i, "whole")
            sends = [(worker, first)]
            helper = self._idle(besides=worker) if _worth_splitting(self.paths[i]) else None
            if helper is not None:
                first.part, first.partner = "first", _Job(i, "second", first)
                sends.insert(0, (helper, first.partner))
            try:
                for w, job in sends:
                    request = ("pages" if job.part == "second" else "read", str(self.paths[i]), self.limits,
                               job.part == "first")
                    w.send(request, self.limits.seconds)
                    self.jobs[w] = job
            except EOFError:  # a worker ended between two files: fresh ones take this one
                for w, _ in sends:
                    self.jobs.pop(w, None)
                    _discard(w)
                if i in self.retried:
                    self.todo.pop(0)
                    self.results[i] = crashed(self.paths[i], "it ended before reading")
                self.retried.add(i)
                continue
            self.todo.pop(0)
        return True

    def _idle(self, besides: _Worker | None = None) -> _Worker | None:
        """A worker with nothing to do (forked if there are fewer than the cores allow), or None."""
        for worker in [w for w in _workers if w not in self.jobs and not w.fits(self.limits)]:
            _discard(worker)  # forked before the environment changed, or with other limits
        for worker in _workers:
            if worker not in self.jobs and worker is not besides:
                return worker
        if len(_workers) >= min(_most_workers, os.cpu_count() or 1):
            return None
        try:
            worker = _Worker(self.limits.max_memory_bytes)
        except OSError:
            return None
        _workers.append(worker)
        return worker

    # -- replies

    def _take_replies(self) -> None:
        poller = select.poll()
        by_fd = {}
        for worker in self.jobs:
            poller.register(worker.replies, select.POLLIN)
            by_fd[worker.replies] = worker
        wait = min(w.deadline for w in self.jobs) - time.monotonic()
        ready = poller.poll(max(wait, 0) * 1000)
        for fd, _ in ready:
            self._reply_from(by_fd[fd])
        now = time.monotonic()
        for worker in [w for w in self.jobs if w.deadline <= now and not any(fd == w.replies for fd, _ in ready)]:
            self._failed(worker, too_slow(self.paths[self.jobs[worker].index], self.limits.seconds))

    def _reply_from(self, worker: _Worker) -> None:
        job = self.jobs[worker]
        path = self.paths[job.index]
        try:
            kind, *rest = _receive(worker.replies, worker.deadline)
        except TimeoutError:
            self._failed(worker, too_slow(path, self.limits.seconds))
            return
        except EOFError:  # the worker died while reading
            self._failed(worker, worker.death(path, self.limits), dead=True)
            return
        if kind == "pages":
            if job.part != "second":  # the first worker counts for the whole file
                pages_read(*rest)
        elif kind == "started":
            (worker.start_rss,) = rest
        elif kind == "rest?":  # the first worker has read its half
            job.waiting = True
            self._hand_over(worker, job)
        else:
            value, remote_traceback = rest
            if isinstance(value, InputError) and remote_traceback:
                value.__cause__ = WorkerTraceback(remote_traceback)
            del self.jobs[worker]
            if kind == "last":  # the worker ends itself: it came near its memory cap
                _discard(worker)
            self._done(job, value)

    def _done(self, job: _Job, value: Document | InputError | bytes | None) -> None:
        if job.part == "second":
            first = job.partner
            if first is not None and first.second_pages is _PENDING:
                first.second_pages = value
                worker = next((w for w, j in self.jobs.items() if j is first), None)
                if worker is not None and first.waiting:
                    self._hand_over(worker, first)
            return
        assert not isinstance(value, bytes), "only a second half's reply is pages"
        self.results[job.index] = value
        if job.partner is not None:
            job.partner.partner = None  # its reply, if it still comes, is of no use

    def _hand_over(self, worker: _Worker, first: _Job) -> None:
        """Send the first worker the second half once both are ready."""
        if not first.waiting or first.second_pages is _PENDING:
            return
        first.waiting = False
        try:
            _send(worker.requests, ("rest", first.second_pages))
        except BrokenPipeError:
            pass  # it died: its reply (EOF) says so

    def _failed(self, worker: _Worker, error: InputError, dead: bool = False) -> None:
        """``worker`` timed out or died: its file gets ``error``, and its partner is let go."""
        job = self.jobs.pop(worker)
        if dead:
            _forget(worker)
        else:
            _discard(worker)
        if job.part == "second" and job.partner is None:
            return  # the first worker had already finished the file without it
        partner_worker = next((w for w, j in self.jobs.items() if j is job.partner), None)
        if partner_worker is not None:
            del self.jobs[partner_worker]
            _discard(partner_worker)
        self.results[job.index] = error


def _worth_splitting(path: Path) -> bool:
    from mccheck.readers import split

    return path.suffix.lower() == ".pdf" and _size(path) >= split.SPLIT_BYTES


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the reader says what is wrong with it


def _discard(worker: _Worker) -> None:
    """Kill and collect ``worker``; the next read forks another."""
    worker.stop()
    _forget(worker)


def _forget(worker: _Worker) -> None:
    if worker in _workers:
        _workers.remove(worker)


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
        self.deadline = 0.0
        parent = os.getpid()
        requests_in, self.requests = os.pipe()
        self.replies, replies_out = os.pipe()
        gc.freeze()  # the worker's collections then skip this process's objects: no copy-on-write of them
        try:
            pid = os.fork()
        except OSError:
            _close(requests_in, self.requests, self.replies, replies_out)
            raise
        finally:
            if os.getpid() == parent:
                gc.unfreeze()
        if pid == 0:  # the worker: never returns into the caller's code
            try:
                for other in _workers:  # the pipes of the workers forked before this one
                    _close(other.requests, other.replies)
                os.close(self.requests)
                os.close(self.replies)
                _serve(requests_in, replies_out, memory)
            finally:
                os._exit(0)
        os.close(requests_in)
        os.close(replies_out)
        self.pid = pid

    def fits(self, limits: ReadLimits) -> bool:
        """True if this worker can read with ``limits`` in the environment as it is now."""
        return self.memory == limits.max_memory_bytes and self.environ == os.environ

    def send(self, request: tuple, seconds: float) -> None:
        """Ask the worker to read; its time starts now. EOFError if the worker has died."""
        try:
            _send(self.requests, request)
        except BrokenPipeError:
            raise EOFError from None
        self.deadline = time.monotonic() + seconds

    def stop(self) -> None:
        """End the worker and collect it."""
        _close(self.requests, self.replies)
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        _reap(self.pid)

    def death(self, path: Path, limits: ReadLimits) -> InputError:
        """The error for a worker that died while reading ``path``; collects it."""
        _close(self.requests, self.replies)
        status, peak = _reap(self.pid)
        if not os.WIFSIGNALED(status):
            return crashed(path, f"exit status {os.waitstatus_to_exitcode(status)}")
        if _near_cap(peak, self.start_rss, limits):  # pdfium aborts when an allocation fails
            return out_of_memory(path, limits)
        if os.WTERMSIG(status) == signal.SIGALRM:  # its own alarm: this process was too slow to stop it
            return too_slow(path, limits.seconds)
        return crashed(path, signal.Signals(os.WTERMSIG(status)).name)


def _forget_workers() -> None:
    """In a child forked from this process (a --jobs process): the workers are not the child's."""
    global _lock
    while _workers:
        worker = _workers.pop()
        _close(worker.requests, worker.replies)
    _lock = threading.Lock()


def _stop_at_exit() -> None:
    # Collected, not just killed: their time then counts in this process's (``time``, ``wait4``).
    stop()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_workers)
atexit.register(_stop_at_exit)


def _near_cap(peak: int, start: int, limits: ReadLimits) -> bool:
    """True when a worker grew by more than half its memory allowance: the cap, not a bug, stopped it."""
    return peak - start > limits.max_memory_bytes // 2


# ----------------------------------------------------------------------------- the worker's side


def _serve(requests: int, replies: int, memory: int) -> None:
    """The worker's loop: read each requested path, reply with a Document or an InputError."""
    from mccheck.readers import progress, split

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

    def collect() -> object:  # the second half of a long PDF, from the worker that read it
        _send(replies, ("rest?",))
        _, value = _receive(requests, None)
        return pickle.loads(value) if isinstance(value, bytes) else value

    with progress.listening(forward):
        while True:
            try:
                kind, name, limits, helped = _receive(requests, None)
            except EOFError:
                return
            path = Path(name)
            value: Document | InputError | bytes | None  # bytes, None: a second half's pages
            signal.setitimer(signal.ITIMER_REAL, limits.seconds + ORPHAN_GRACE)
            try:
                if kind == "pages":
                    # Pickled here, so the parent hands the bytes on without reading them.
                    value, remote_traceback = _second_half(path, limits), ""
                elif helped:
                    with split.helped(collect):
                        value, remote_traceback = _read_here(path, limits, budget=False), ""
                else:
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


def _second_half(path: Path, limits: ReadLimits) -> bytes | None:
    """The pages a second worker reads of a long PDF (None: too short to split), pickled."""
    from mccheck.readers import pdf

    pages = pdf.extract_second_half(path, limits)
    return None if pages is None else pickle.dumps(pages, protocol=pickle.HIGHEST_PROTOCOL)


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
