"""The one set of test helpers shared by every app's tests (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from congress.errors import DomainError
from congress.models import User


@contextmanager
def refused(code: str) -> Iterator[pytest.ExceptionInfo[DomainError]]:
    """The block is refused by a rule with this stable code: `with refused("x"): service(...)`."""
    with pytest.raises(DomainError) as info:
        yield info
    assert info.value.code == code, f"{info.value.code}: {info.value.detail}"


def user_of(deputy: Any) -> User:
    """A deputy's login, for tests typed strictly (Deputy.user may be empty for a deputy with no account)."""
    assert deputy.user is not None, f"{deputy} has no account"
    user: User = deputy.user
    return user
