"""A function run in a forked child process while this one goes on (Linux), its value brought back.

The last steps of a run are independent pieces of GX work (validating one group of tables, building
the Data Docs) that take a few tenths of a second each; on a machine with cores to spare a forked
child does one while this process does another. Where a fork is not safe the function simply runs
when its value is asked for.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading


class Background:
    """``fn()`` run in a forked child process, its (picklable) value or exception brought back by
    :meth:`result`; run there and then where a fork is not safe (not Linux, or other threads running,
    whose locks the child would inherit held)."""

    def __init__(self, fn, what: str = "the background task", error: type[Exception] = RuntimeError):
        self.fn, self.pid, self.fd, self.what, self.error = fn, None, None, what, error
        if sys.platform != "linux" or threading.active_count() > 1:
            return
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 0
            try:
                os.close(r)
                try:
                    payload = pickle.dumps(("value", fn()))
                except BaseException as e:
                    code = 1
                    try:
                        payload = pickle.dumps(("error", e))
                    except Exception:
                        payload = pickle.dumps(("error", RuntimeError(f"{type(e).__name__}: {e}")))
                with os.fdopen(w, "wb") as f:
                    f.write(payload)
            finally:
                os._exit(code)
        os.close(w)
        self.pid, self.fd = pid, r

    def result(self):
        if self.pid is None:
            return self.fn()
        with os.fdopen(self.fd, "rb") as f:
            data = f.read()
        self.fd = None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if not data:
            raise self.error(f"{self.what} failed: its process ended with status {status}")
        kind, value = pickle.loads(data)
        if kind == "error":
            raise value
        return value

    def cancel(self) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = None
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
