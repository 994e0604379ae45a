"""Load for tests that must hold with every core of the machine busy."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@contextmanager
def cores_busy(count: int | None = None) -> Iterator[None]:
    """Keep `count` cores (default: every core this process may run on) busy while the block runs."""
    count = len(os.sched_getaffinity(0)) if count is None else count
    hogs = [multiprocessing.Process(target=_spin, args=(600,), daemon=True) for _ in range(count)]
    for hog in hogs:
        hog.start()
    try:
        yield
    finally:
        for hog in hogs:
            hog.terminate()
            hog.join()
