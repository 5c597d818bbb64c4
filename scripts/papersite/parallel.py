"""Run independent pure tasks in forked worker processes. In: zero-argument callables whose results
can be pickled. Out: their results in the order the tasks were given, exactly what calling them one
after another returns, so the generated site does not depend on how many processes made it.

Forked workers inherit the loaded corpus and compiled templates instead of receiving them pickled,
which is what makes splitting the work worth it; only the results travel back. A caller that runs
other threads (mkdocs serve's file watcher and web server) asks for one worker: a fork copies only
the calling thread, and a lock another thread held would stay locked in the child."""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

WORKERS_VARIABLE = "PAPERSITE_WORKERS"

_tasks: Sequence[Callable[[], object]] = ()  # set only while a pool of forked children runs them


def worker_count(environ: dict | None = None) -> int:
    """PAPERSITE_WORKERS if set (1 turns the workers off), else the CPUs this process may use."""
    value = (os.environ if environ is None else environ).get(WORKERS_VARIABLE, "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise ValueError(f"{WORKERS_VARIABLE}: expected a whole number of at least 1, got {value!r}")
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


# Below this many papers per worker, starting workers and sending their pages back costs more than
# it saves (five papers: 0.23 s in one process, 0.33 s in two).
MIN_ITEMS_PER_WORKER = 10


def workers_for(items: int, environ: dict | None = None) -> int:
    """How many workers to share `items` papers' work among: worker_count(), or fewer for a few."""
    return max(1, min(worker_count(environ), items // MIN_ITEMS_PER_WORKER))


def _run(index: int) -> object:
    return _tasks[index]()


def run_tasks(tasks: Sequence[Callable[[], T]], workers: int | None = None) -> list[T]:
    """Each task's result, in order. Tasks are handed out in the order given, one at a time, so put
    the longest first and the workers finish together."""
    global _tasks
    workers = min(worker_count() if workers is None else workers, len(tasks))
    if workers < 2:
        return [task() for task in tasks]
    _tasks = tasks
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, range(len(tasks)), chunksize=1)
    finally:
        _tasks = ()


def chunks(items: Sequence[T], count: int) -> list[Sequence[T]]:
    """items cut into at most `count` consecutive runs of nearly equal length, none empty."""
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    bounds = [0]
    for number in range(count):
        bounds.append(bounds[-1] + size + (number < extra))
    return [items[start:end] for start, end in zip(bounds, bounds[1:])]
