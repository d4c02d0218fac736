"""What a test needs of the machine and does not find: skipped on a developer's machine,
failed in CI (CI set), where a skip would go unnoticed."""

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}


def cannot_run(reason: str) -> None:
    """Skip the test for `reason`, or fail it in CI."""
    if in_ci():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)
