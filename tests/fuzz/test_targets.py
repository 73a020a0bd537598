"""Every fuzz target, briefly and derandomized (the ci profile), known falsifying examples first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given, settings

from tests.fuzz.targets import TARGETS, FuzzTarget

#: Examples per target in `make test`; `make fuzz` runs at least 100,000 per target.
CI_EXAMPLES = 300


def as_test(target: FuzzTarget) -> Callable[[], None]:
    """The target as a Hypothesis test, with its falsifying examples as explicit examples."""

    def check(value: Any) -> None:
        target.check(value)

    test = given(target.inputs)(check)
    for value in target.examples:
        test = example(value)(test)
    return settings(max_examples=CI_EXAMPLES)(test)


@pytest.mark.parametrize("target", TARGETS, ids=[target.name for target in TARGETS])
def test_target(target: FuzzTarget) -> None:
    as_test(target)()


def test_every_parser_of_the_issue_has_a_target() -> None:
    assert {target.name for target in TARGETS} == {
        "APDU",
        "ccTalk frames",
        "IPP replies",
        "ESC/POS status",
        "server API bodies",
        "configuration files",
    }
