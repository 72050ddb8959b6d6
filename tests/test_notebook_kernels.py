"""The start of a notebook's kernel is retried once (tests/conftest.py); a kernel that dies twice still fails."""

import nbval.kernel
import pytest

from tests import conftest


def dying(times: int):
    calls = []

    def start(*args, **kwargs):
        calls.append(args)
        if len(calls) <= times:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "manager", "client"

    return start, calls


def test_nbval_starts_kernels_through_the_retry():
    assert nbval.kernel.start_new_kernel is conftest._start_new_kernel_twice


def test_a_kernel_that_dies_at_start_is_started_once_more(monkeypatch):
    start, calls = dying(1)
    monkeypatch.setattr(conftest, "_start_new_kernel", start)
    with pytest.warns(UserWarning, match="starting it once more"):
        assert nbval.kernel.start_new_kernel() == ("manager", "client")
    assert len(calls) == 2


def test_a_kernel_that_dies_twice_fails(monkeypatch):
    start, calls = dying(2)
    monkeypatch.setattr(conftest, "_start_new_kernel", start)
    with pytest.warns(UserWarning), pytest.raises(RuntimeError, match="Kernel died"):
        nbval.kernel.start_new_kernel()
    assert len(calls) == 2
