"""Files the checker writes: each appears whole or not at all.

A run that is interrupted (Ctrl-C, a killed process, a full disk) must never leave a
half-written results JSON or report page in place of a good one.  :func:`write_atomic`
writes to a fresh temporary file in the target's directory, flushes it to disk, and
renames it over the target with :func:`os.replace`, which POSIX makes atomic within one
file system: a reader sees the old file or the complete new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: str | Path, content: str | bytes) -> Path:
    """Replace ``path`` by ``content`` atomically (text is written as UTF-8).

    Parameters
    ----------
    path : path
        The file to create or replace; its directory must exist and be writable.
    content : str or bytes
        The whole new content.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    TypeError
        If ``content`` is neither ``str`` nor ``bytes``.
    OSError
        If the directory is missing or not writable; ``path`` is then untouched and no
        temporary file is left behind.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomic(d / "a.txt", "whole").read_text()
    'whole'
    """
    if isinstance(content, str):
        content = content.encode("utf-8")
    if not isinstance(content, bytes):
        raise TypeError(f"content must be str or bytes, not {type(content).__name__}")
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException:  # KeyboardInterrupt included: leave the old file and no temporary behind
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
