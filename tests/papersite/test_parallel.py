"""Worker processes change how fast the site is made, never what is made: results come back in the
order of the tasks, failures fail the run; one worker runs everything in this process."""
from __future__ import annotations

import os
import time

import pytest

from conftest import FIXTURES, ROOT
from papersite import parallel
from papersite.build import load_corpus, render_all
from papersite.load import load_content


def _pid_after(seconds: float, number: int) -> tuple[int, int]:
    time.sleep(seconds)
    return number, os.getpid()


def _tasks(count: int) -> list:
    # The first task is the longest, so every worker gets some of the others.
    return [lambda n=n: _pid_after(0.3 if n == 0 else 0.01, n) for n in range(count)]


def test_results_come_back_in_the_order_of_the_tasks_from_forked_workers():
    results = parallel.run_tasks(_tasks(12), workers=3)
    assert [number for number, _ in results] == list(range(12))
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids and len(pids) >= 2


def test_one_worker_runs_the_tasks_in_this_process():
    assert {pid for _, pid in parallel.run_tasks(_tasks(3), workers=1)} == {os.getpid()}


def _fail():
    raise ValueError("broken task")


def test_a_task_that_fails_in_a_worker_fails_the_run():
    with pytest.raises(ValueError, match="broken task"):
        parallel.run_tasks([lambda: 1, _fail, lambda: 2], workers=2)


@pytest.mark.parametrize(("value", "count"), [("1", 1), ("3", 3), (" 2 ", 2)])
def test_the_worker_count_can_be_set(value, count):
    assert parallel.worker_count({"PAPERSITE_WORKERS": value}) == count


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_a_worker_count_that_is_not_a_positive_number_is_refused(value):
    with pytest.raises(ValueError) as error:
        parallel.worker_count({"PAPERSITE_WORKERS": value})
    assert str(error.value) == f"PAPERSITE_WORKERS: expected a whole number of at least 1, got {value!r}"


def test_without_a_setting_every_usable_cpu_works():
    assert parallel.worker_count({}) == len(os.sched_getaffinity(0))


def test_chunks_are_consecutive_nearly_equal_and_never_empty():
    assert parallel.chunks(list(range(10)), 4) == [[0, 1, 2], [3, 4, 5], [6, 7], [8, 9]]
    assert parallel.chunks([1, 2], 5) == [[1], [2]]
    assert parallel.chunks([], 3) == [[]]


def test_the_generated_site_is_the_same_whatever_the_number_of_workers():
    corpus = load_corpus(ROOT)
    alone = render_all(corpus, workers=1)
    shared = render_all(corpus, workers=3)
    assert list(shared.items()) == list(alone.items())  # same files, same bytes, same order


@pytest.mark.parametrize("fixture", ["valid", "broken"])
def test_loading_is_the_same_whatever_the_number_of_workers(monkeypatch, fixture):
    root = FIXTURES / fixture
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # the fixtures are small
    used = []
    run_tasks = parallel.run_tasks
    monkeypatch.setattr(parallel, "run_tasks", lambda tasks, workers: used.append(workers) or run_tasks(tasks, workers))

    def loaded(workers: str):
        monkeypatch.setenv("PAPERSITE_WORKERS", workers)
        raw = load_content(root / "content", root)
        return list(raw.papers.items()), raw.problems, raw.texts

    assert loaded("3") == loaded("1")
    assert used[0] >= 2 and used[1] == 1  # the first load really was shared


@pytest.mark.parametrize(("papers", "workers"), [(0, 1), (5, 1), (19, 1), (20, 2), (39, 3), (1000, 4)])
def test_a_few_papers_are_not_shared_among_workers(papers, workers):
    assert parallel.workers_for(papers, {"PAPERSITE_WORKERS": "4"}) == workers
