"""Extraction in worker processes: many reports at once, each file under a time limit.

:class:`Extraction` runs ingest and extraction of a list of report files and yields each report's fact
sheet (or its error) as it is done; the pipeline puts them back in file order, so the run's results do
not depend on the number of workers. With ``jobs=None`` everything happens in the calling process, one
report after the other. With ``jobs=N`` there are N worker processes (at most one per file):

- they start at once and load jieba's model while the calling process goes on (the pipeline imports
  Great Expectations meanwhile), and each keeps it for all its files; the command starts them even
  before it reads its command line (:func:`prestart`);
- on Linux the first worker is forked and, once it has loaded jieba's model, forks the others from
  itself, so that the model is loaded once and shared; elsewhere they are spawned and each loads it;
- workers run at a lower priority (nice 10) than the calling process: while it loads GX on one core
  they take the rest of the machine, and its own work, which every result waits for, is not slowed;
- a worker sends back only the fact tables asked for (``tables``), never the text;
- a file that takes longer than ``timeout`` seconds (catastrophic regex backtracking, say) becomes an
  error naming it, its worker is killed and replaced, and the other files go on; so does a file whose
  worker dies;
- each worker's address space is limited to ``memory`` bytes (``RLIMIT_AS``, where the system has it):
  a report that needs more (a Word file built to inflate) becomes an error naming it, never a machine
  out of memory.

Files are handed out in order, each worker kept a little ahead (by file size) so that it never waits for
the calling process, even while that is busy importing. Each worker says in shared memory which file it
is working on since when, so a file over the time limit, or one that kills its worker, is known even if
the worker's last messages are lost; files it had finished but not sent back are done again.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

# How far ahead of a worker the files handed to it reach, in bytes of the files: at the start (the
# calling process is about to import GX for a few seconds) and afterwards (it answers at once).
_AHEAD_AT_START = 2_000_000
_AHEAD = 300_000
#: The most a report's fact rows may take (bytes, pickled) to come back from its worker: the calling
#: process holds every report's rows, so one report (a figure repeated across a long file makes rows
#: whose raw text spans it) must not take it down.
MAX_RESULT_BYTES = 256 * 2**20
_MIN_QUEUED = 2  # files handed to a worker besides the one it is working on, whatever their size
_MAX_STARTUP_DEATHS = 3  # workers that die before finishing anything, before the run gives up


class WorkerError(Exception):
    """The worker processes cannot run (they fail to start); the message says why."""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# File descriptors a worker takes in the calling process (its pipes, and while it starts the pipes'
# other ends and its shared state), and those the calling process keeps for itself.
_FDS_PER_WORKER = 8
_FDS_RESERVED = 128


def max_jobs() -> int:
    """The most workers the open-file limit (RLIMIT_NOFILE) leaves room for."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except (ImportError, AttributeError, OSError):
        return 256
    if soft == resource.RLIM_INFINITY:
        soft = 1 << 20
    return max(1, (soft - _FDS_RESERVED) // _FDS_PER_WORKER)


def start_method() -> str:
    """How workers start: forked on Linux (cheap, and they share what is already imported), spawned
    elsewhere (macOS and Windows do not fork safely)."""
    return "fork" if sys.platform == "linux" else "spawn"


def timeout_message(path: str, timeout: float) -> str:
    """The error of a file over the time limit."""
    return f"{path}: extraction took longer than {timeout:g} s (the time limit per file, --timeout); skipped"


def _extract_one(path: str, tables: Collection[str] | None):
    """(fact sheet, None) or (None, one-line error naming the file)."""
    from .factsheet import extract_document
    from .ingest import IngestError, load

    try:
        return extract_document(load(path), tables), None
    except IngestError as e:
        return None, str(e)
    except MemoryError:
        pass  # answered below, once the frames of the failed extraction (and their memory) are freed
    except RecursionError:
        return None, f"{path}: nested too deeply to extract; not checked"
    except Exception as e:  # an extractor bug must not hide the other reports
        return None, f"{path}: internal error while extracting: {type(e).__name__}: {e}"
    return None, _out_of_memory(path)


def _out_of_memory(path: str, doing: str = "extracting") -> str:
    limit = _memory_limit()
    return (f"{path}: out of memory while {doing}"
            + (f" (over the limit of {limit // 2**20} MiB per worker, --memory-limit)" if limit else "")
            + "; not checked")


@dataclass
class Extraction:
    """The fact sheets of ``files``, in worker processes (``jobs``) or in this one (``jobs=None``).

    Use as a context manager (the workers start on entering and are stopped on leaving, also on an
    error or Ctrl-C) and iterate :meth:`results`.
    """

    files: Sequence[str | os.PathLike]
    tables: Collection[str] | None = None
    jobs: int | None = None
    timeout: float | None = None
    extra_words: Sequence[str] = ()
    memory: int | None = None  # address-space limit of each worker in bytes (None: none)
    _workers: list[_Worker] = field(default_factory=list, init=False, repr=False)
    _pending: deque[int] = field(default_factory=deque, init=False, repr=False)
    _sizes: list[int] = field(default_factory=list, init=False, repr=False)

    def __enter__(self) -> Extraction:  # noqa: PYI034  (a dataclass: Self adds nothing here)
        self.files = [str(f) for f in self.files]
        self.tables = set(self.tables) if self.tables is not None else None
        if self.jobs is not None and self.files:
            self._sizes = [_size(f) for f in self.files]
            self._pending = deque(range(len(self.files)))
            self._ctx = mp.get_context(start_method())
            self._deaths = 0
            n = max(1, min(self.jobs, len(self.files)))
            early = _take_prestarted(n, self.tables, self.extra_words, self.memory)
            if early is not None:
                self._workers += early
            elif self._ctx.get_start_method() == "fork":
                self._workers += self._start_workers(n)
            else:
                for _ in range(n):
                    self._workers.append(self._start_worker())
            self._hand_out(_AHEAD_AT_START)
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (those still busy are killed)."""
        for w in self._workers:
            w.stop()
        self._workers = []

    def results(self) -> Iterator[tuple[int, object | None, str | None]]:
        """(index in ``files``, fact sheet or None, error or None) for every file, as each is done."""
        if self.jobs is None:
            from .extract.mentions import use_words

            use_words(self.extra_words)
            for i, f in enumerate(self.files):
                sheet, error = _extract_one(f, self.tables)
                yield i, sheet, error
            return
        left = len(self.files)
        while left:
            for i, sheet, error in self._step():
                left -= 1
                yield i, sheet, error

    # -- the workers ---------------------------------------------------------------------------------

    def _start_worker(self) -> _Worker:
        return self._start_workers(1)[0]

    def _start_workers(self, n: int) -> list[_Worker]:
        """``n`` new workers: one process, which (when forked) makes the other ``n - 1`` as copies of
        itself once jieba is loaded; spawned, it can only be one."""
        fork = self._ctx.get_start_method() == "fork"
        try:
            channels = _channels(self._ctx, n)
        except OSError as e:
            self.close()
            raise WorkerError(f"cannot start {n} extraction worker(s): {e.strerror or e} "
                              f"(use fewer --jobs)") from None
        # a forked child would hold on to the other workers' pipes (and ours): it closes them first
        inherited = [c for w in self._workers for c in (w.tasks, w.results)]
        inherited += [c for _, task_w, result_r, _, _ in channels for c in (task_w, result_r)]
        proc = self._ctx.Process(
            target=_worker_main, name="reportcheck-extract", daemon=True,
            args=([(r, w, st) for r, _, _, w, st in channels], self.tables, tuple(self.extra_words),
                  inherited if fork else [], self.memory))
        proc.start()
        return _workers_of(proc, channels)

    def _hand_out(self, ahead: int) -> None:
        """Give files to the workers whose queue is short, the emptiest first, in file order."""
        while self._pending:
            w = min(self._workers, key=lambda w: w.queued_bytes)
            if len(w.assigned) > _MIN_QUEUED and w.queued_bytes >= ahead:
                return
            i = self._pending.popleft()
            w.assign(i, self.files[i], self._sizes[i])

    def _step(self) -> list[tuple[int, object | None, str | None]]:
        """Wait for the next messages of the workers; the files they finished (or gave up on)."""
        wait_for = None
        if self.timeout:  # a worker may start a file at any time: look again at least twice a second
            now = time.monotonic()
            wait_for = min([0.5] + [max(0.0, w.started + self.timeout - now)
                                    for w in self._workers if w.current is not None])
        wait([w.results for w in self._workers], wait_for)
        out: list[tuple[int, object | None, str | None]] = []
        for w in list(self._workers):
            try:
                while w.results.poll():  # everything it has sent so far (or the end of a dead one)
                    out += self._message(w, w.results.recv())
            except (EOFError, OSError):  # it died
                out += self._replace(w, None)
                continue
            i = w.current
            if self.timeout and i is not None and time.monotonic() - w.started > self.timeout:
                out += self._replace(w, timeout_message(self.files[i], self.timeout))
        self._hand_out(_AHEAD)
        return out

    def _message(self, w: _Worker, msg: tuple) -> list[tuple[int, object | None, str | None]]:
        if msg[0] == "done":
            i = msg[1]
            w.done(i, self._sizes[i])
            self._deaths = 0
            return [(i, msg[2], msg[3])]
        if msg[0] == "pid":  # a worker forked by another one says who it is
            w.proc.pid = msg[1]
            return []
        if msg[0] == "fatal":
            self.close()
            raise WorkerError(f"extraction worker failed to start: {msg[1]}")
        return []

    def _replace(self, w: _Worker, error: str | None) -> list[tuple[int, object | None, str | None]]:
        """Kill ``w`` (over its time limit, or dead already): the file it was working on becomes an
        error, the others it held go back to the queue (also those it did but had not sent back), and
        a new worker takes its place."""
        i = w.current
        w.stop()
        self._workers.remove(w)
        out = []
        if i is not None:
            if error is None:
                code = w.proc.exitcode
                error = f"{self.files[i]}: the extraction process died" + \
                    (f" (exit code {code})" if code is not None else "") + "; not checked"
            out.append((i, None, error))
            w.assigned.remove(i)
        else:
            self._deaths += 1
            if self._deaths > _MAX_STARTUP_DEATHS:
                self.close()
                raise WorkerError(f"extraction workers keep dying (exit code {w.proc.exitcode})")
        self._pending.extendleft(reversed(w.assigned))
        if self._pending:
            self._workers.append(self._start_worker())
        return out


def _channels(ctx, n: int) -> list[tuple]:
    """(task reader, task writer, result reader, result writer, state) for ``n`` workers."""
    out = []
    for _ in range(n):
        task_r, task_w = ctx.Pipe(duplex=False)
        result_r, result_w = ctx.Pipe(duplex=False)
        # the file under way and when it started, written by the worker without a lock (it may be
        # killed at any moment) and read from here, so that it is known even when the worker dies
        state = ctx.RawArray("d", [-1.0, 0.0])
        out.append((task_r, task_w, result_r, result_w, state))
    return out


def _workers_of(proc, channels: list[tuple]) -> list[_Worker]:
    """The workers of a process just started with ``channels`` (the first is the process itself, the
    others the copies it forks); closes the worker ends here."""
    out = []
    for k, (task_r, task_w, result_r, result_w, state) in enumerate(channels):
        task_r.close()
        result_w.close()
        out.append(_Worker(proc if k == 0 else _Clone(), task_w, result_r, state))
    return out


# Workers started before the command line is read (see prestart): the process and its channels.
_PRESTARTED: tuple[object, list[tuple]] | None = None


def prestart(jobs: int | None = None) -> None:
    """Start the extraction workers now, for a run that will extract: on Linux only, where they fork.

    ``reportcheck check`` calls it first thing, before the command line is parsed (typer takes about a
    fifth of a second) and the configuration read: the first worker meanwhile imports the extractors
    and loads jieba's model, which need neither. The run's Extraction then takes them, sends them
    what they were waiting for (the tables wanted, the configuration's words, how many workers) and
    goes on as with workers it started itself. Workers nobody takes end with this process.
    """
    global _PRESTARTED
    if _PRESTARTED is not None or start_method() != "fork" or (jobs or 0) > max_jobs():
        return  # (too many jobs: the command line says so)
    ctx = mp.get_context("fork")
    try:
        channels = _channels(ctx, max(1, jobs or default_jobs()))
    except OSError:  # out of file descriptors after all: the run starts its workers itself
        return
    inherited = [c for _, task_w, result_r, _, _ in channels for c in (task_w, result_r)]
    proc = ctx.Process(target=_worker_main, name="reportcheck-extract", daemon=True,
                       args=([(r, w, st) for r, _, _, w, st in channels], None, None, inherited))
    proc.start()
    _PRESTARTED = (proc, channels)


def _take_prestarted(n: int, tables, extra_words, memory: int | None = None) -> list[_Worker] | None:
    """The prestarted workers set up for ``n`` workers (None when there are none, or too few)."""
    global _PRESTARTED
    if _PRESTARTED is None:
        return None
    proc, channels = _PRESTARTED
    _PRESTARTED = None
    workers = _workers_of(proc, channels)
    try:
        if len(workers) < n or not proc.is_alive():
            raise OSError("not usable")
        workers[0].tasks.send(("setup", tables, tuple(extra_words), n, memory))
    except OSError:
        for w in workers:
            w.stop()
        return None
    for w in workers[n:]:  # more than this run needs: their copies are never made
        for c in (w.tasks, w.results):
            c.close()
    return workers[:n]


@dataclass
class _Worker:
    proc: object
    tasks: Connection  # files to extract go here
    results: Connection  # its messages come from here
    state: object  # shared [index of the file under way or -1, when it started (time.monotonic)]
    assigned: deque[int] = field(default_factory=deque)  # handed to it and not sent back, in order
    queued_bytes: int = 0

    @property
    def current(self) -> int | None:
        """The file it is working on (None between files)."""
        i = int(self.state[0])
        return i if i >= 0 and i in self.assigned else None

    @property
    def started(self) -> float:
        return self.state[1]

    def assign(self, i: int, path: str, size: int) -> None:
        self.assigned.append(i)
        self.queued_bytes += size
        self.tasks.send((i, path))

    def done(self, i: int, size: int) -> None:
        self.assigned.remove(i)
        self.queued_bytes -= size

    def stop(self) -> None:
        for c in (self.tasks, self.results):
            try:
                c.close()
            except OSError:
                pass
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()


@dataclass
class _Clone:
    """A worker forked by another worker (not this process's child): known by its pid once it has said
    it; it can be killed, not waited for (its parent reaps it)."""

    pid: int | None = None
    exitcode: int | None = None  # never known here

    def is_alive(self) -> bool:
        if self.pid is None:
            return False
        try:
            os.kill(self.pid, 0)
        except OSError:
            return False
        return True

    def kill(self) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass

    def join(self) -> None:
        pass


def _limit_memory(limit: int | None) -> None:
    """Limit this process's address space to ``limit`` bytes (RLIMIT_AS; nothing where there is none)."""
    if not limit:
        return
    try:
        import resource

        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, AttributeError, ValueError, OSError):
        pass


#: The most memory a worker gets by default (bytes), and the least.
MAX_DEFAULT_MEMORY = 4 * 2**30
MIN_DEFAULT_MEMORY = 512 * 2**20


def default_memory(jobs: int) -> int:
    """The default address-space limit of each of ``jobs`` workers (bytes): three quarters of the
    machine's memory shared among them, at most :data:`MAX_DEFAULT_MEMORY`, so that the workers
    together never take the machine down whatever the reports hold."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return MAX_DEFAULT_MEMORY
    share = int(0.75 * total / max(1, jobs)) // 2**20 * 2**20
    return max(MIN_DEFAULT_MEMORY, min(MAX_DEFAULT_MEMORY, share))


def _memory_limit() -> int | None:
    """This process's address-space limit in bytes (None when there is none)."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    except (ImportError, AttributeError, OSError):
        return None
    return None if soft == resource.RLIM_INFINITY else soft


def _size(path: str) -> int:
    try:
        return max(1, os.path.getsize(path))
    except OSError:
        return 1


_NICE = 10  # how much lower than the calling process's the workers' priority is


def _worker_main(channels: list[tuple[Connection, Connection, object]], tables, extra_words,
                 inherited: list[Connection], memory: int | None = None) -> None:
    """A worker process: load jieba, then extract each file it is sent until its pipe closes.

    ``channels`` are (tasks, results, state) of the workers this process is to be: the first is its
    own, and for each other one it forks a copy of itself once jieba is loaded (forked only: spawned,
    there is one). A worker that fails to load says so on every channel. A prestarted worker
    (``extra_words`` None) loads what needs no configuration, then waits for its setup on its task
    pipe: the tables, the words and how many of the channels to serve.
    """
    for c in inherited:
        c.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the calling process's to handle
    try:
        os.nice(_NICE)
    except OSError:
        pass
    try:
        if extra_words is None:
            from .extract.tokenizers import plain_tokenizer
            from .factsheet import extract_document  # noqa: F401  (the extractors, imported now)

            plain_tokenizer(read_only=True)  # jieba's model
            try:
                setup = channels[0][0].recv()
            except (EOFError, OSError):
                return  # not taken
            _, tables, extra_words, n, memory = setup
            for tasks, results, _ in channels[n:]:
                tasks.close()
                results.close()
            channels = channels[:n]
        from .extract.mentions import use_words
        from .factsheet import prepare

        use_words(extra_words)
        prepare()
        _limit_memory(memory)  # once jieba is loaded: the copies forked below inherit the limit
    except Exception as e:
        for _, results, _ in channels:
            try:
                results.send(("fatal", f"{type(e).__name__}: {e}"))
            except OSError:
                pass
        return
    if len(channels) > 1:
        # the copies are this process's children: let the kernel reap them, whenever they end
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    for k in range(1, len(channels)):
        if os.fork() == 0:  # a copy: it keeps its own pipes only, and says who it is
            for j, (tasks, results, _) in enumerate(channels):
                if j != k:
                    tasks.close()
                    results.close()
            try:
                channels[k][1].send(("pid", os.getpid()))
                _serve(*channels[k], tables)
            finally:
                os._exit(0)
        channels[k][0].close()
        channels[k][1].close()
    _serve(*channels[0], tables)


def _serve(tasks: Connection, results: Connection, state, tables) -> None:
    """Extract each file sent on ``tasks`` until the pipe closes; the fact sheets go back on ``results``.

    Results go back through a thread, so the worker goes on with its next file while the calling
    process is too busy to read them. ``state`` says which file is under way since when.
    """
    from multiprocessing.reduction import ForkingPickler

    outbox: queue.SimpleQueue = queue.SimpleQueue()

    def send() -> None:
        while (item := outbox.get()) is not None:
            msg, path = item
            index = msg[1]
            problem = payload = None
            try:
                payload = ForkingPickler.dumps(msg)  # what Connection.send sends, measured first
                if len(payload) > MAX_RESULT_BYTES:
                    problem = (f"{path}: its fact rows take {len(payload) / 2**20:.0f} MiB (at most "
                               f"{MAX_RESULT_BYTES // 2**20} MiB per report); not checked")
                else:
                    results.send_bytes(payload)
            except (BrokenPipeError, OSError):
                os._exit(0)  # the calling process is gone
            except MemoryError:  # the results did not fit in what --memory-limit leaves
                problem = "memory"
            except Exception as e:  # a result that does not pickle: say so rather than leave a hole
                problem = f"{path}: internal error while sending the results: {type(e).__name__}: {e}"
            if problem is not None:
                msg = item = payload = None  # the results, freed before the answer is made
                if problem == "memory":
                    problem = _out_of_memory(path, "sending the results")
                results.send(("done", index, None, problem))

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    while True:
        try:
            i, path = tasks.recv()
        except (EOFError, OSError):
            break
        state[1] = time.monotonic()
        state[0] = i  # after the time: whoever reads the index reads a start time at least as new
        try:
            sheet, error = _extract_one(path, tables)
        except MemoryError:  # even the answer did not fit: say so with what is freed now
            sheet, error = None, _out_of_memory(path)
        outbox.put((("done", i, sheet, error), path))
        state[0] = -1
        del sheet
    outbox.put(None)
    sender.join()
