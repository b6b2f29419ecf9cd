"""Every construction's docstring examples run as written (one runner for all modules)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import constructions

MODULES = sorted(m.name for m in pkgutil.walk_packages(constructions.__path__, "constructions."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring examples of {name} failed"
