"""Run a documentation file's code block as if it were a module of its own."""

from __future__ import annotations

import linecache


def exec_block(block: str, name: str, namespace: dict) -> None:
    """Execute ``block`` in ``namespace`` under the pseudo-file ``<name>``.

    The block's source is put in :mod:`linecache` under that name, so ``inspect.getsource`` of a
    function it defines is the block's own text (Hypothesis reads it for its database key; under
    the document's real path it would read the wrong lines of the whole file).
    """
    filename = f"<{name}>"
    linecache.cache[filename] = (len(block), None, block.splitlines(keepends=True), filename)
    exec(compile(block, filename, "exec"), namespace)
