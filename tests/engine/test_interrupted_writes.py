"""Nothing lost: an interrupted run leaves every file whole and the example database usable.

Three levels.  :func:`theorems.engine.files.write_atomic` is interrupted in-process at each of its
steps (deterministic fault injection) and killed with SIGKILL while a child process rewrites a
large file in a loop.  ``python -m theorems check`` and ``report`` are killed at several moments
of a run over a good earlier output, which must then still be a complete document (the old one
or the new one, never a prefix).  And a run killed while Hypothesis is saving a counterexample
leaves a database from which the next run starts normally.

Every assertion holds whatever the moment of the kill, so the kill delays need no tuning:
they only spread the kills over the run (start-up, claims running, writing).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from theorems.engine import files
from theorems.engine.files import write_atomic

ROOT = Path(__file__).resolve().parents[2]
KILL_DELAYS_S = (0.5, 1.5, 3.0)  # start-up, search, around the write of a short run


def _cli(*args: str, cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "theorems", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill_after(proc: subprocess.Popen, delay_s: float, sig: int = signal.SIGKILL) -> None:
    try:
        proc.wait(timeout=delay_s)
    except subprocess.TimeoutExpired:
        proc.send_signal(sig)
    proc.communicate(timeout=120)


def _leftovers(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("failing_step", ["write", "fsync", "replace"])
def test_an_interruption_at_any_step_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch,
                                                                                  failing_step):
    target = tmp_path / "results.json"
    target.write_text('{"old": true}\n')

    def interrupt(*_args, **_kwargs):
        raise KeyboardInterrupt

    if failing_step == "write":
        real_fdopen = os.fdopen

        class Interrupted:
            def __init__(self, fd, mode):
                self._f = real_fdopen(fd, mode)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self._f.close()

            def write(self, data):
                self._f.write(data[: len(data) // 2])  # half of it reaches the temporary file
                raise KeyboardInterrupt

        monkeypatch.setattr(files.os, "fdopen", Interrupted)
    else:
        monkeypatch.setattr(files.os, failing_step, interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, '{"new": true, "padding": "' + "x" * 10_000 + '"}\n')
    assert json.loads(target.read_text()) == {"old": True}
    assert _leftovers(tmp_path) == []


def test_write_atomic_refuses_content_that_is_neither_text_nor_bytes(tmp_path):
    with pytest.raises(TypeError, match="content must be str or bytes"):
        write_atomic(tmp_path / "x", 3.0)


def test_a_killed_writer_leaves_a_whole_file(tmp_path):
    """SIGKILL at three moments while a child rewrites an 8 MB JSON file in a loop."""
    target = tmp_path / "big.json"
    write_atomic(target, json.dumps({"version": 0, "payload": "x" * 8_000_000}))
    writer = textwrap.dedent(f"""
        import json, sys
        sys.path.insert(0, {str(ROOT)!r})
        from theorems.engine.files import write_atomic
        k = 0
        while True:
            k += 1
            write_atomic({str(target)!r}, json.dumps({{"version": k, "payload": "x" * 8_000_000}}))
    """)
    for delay in KILL_DELAYS_S:
        proc = subprocess.Popen([sys.executable, "-c", writer])
        _kill_after(proc, delay)
        doc = json.loads(target.read_text())  # a prefix would not parse
        assert len(doc["payload"]) == 8_000_000 and doc["version"] >= 0
    # SIGKILL gives no chance to clean up: at most one temporary per kill, never the target itself
    assert len(_leftovers(tmp_path)) <= len(KILL_DELAYS_S)


@pytest.fixture(scope="module")
def saved_run(tmp_path_factory) -> Path:
    """A complete results JSON of one claim, written by the checker."""
    where = tmp_path_factory.mktemp("saved")
    run = _cli("check", "--claim", "param_count", "--profile", "ci", "--json", "saved.json", cwd=where)
    stdout, stderr = run.communicate(timeout=600)
    assert run.returncode == 0, stdout.decode() + stderr.decode()
    return where / "saved.json"


def test_a_killed_check_keeps_the_earlier_json_whole(tmp_path, saved_run):
    out = tmp_path / "out.json"
    out.write_bytes(saved_run.read_bytes())
    good = json.loads(out.read_text())
    for delay in KILL_DELAYS_S:
        _kill_after(_cli("check", "--claim", "param_count", "--profile", "ci", "--json", str(out),
                         cwd=tmp_path), delay)
        doc = json.loads(out.read_text())
        assert [r["id"] for r in doc["results"]] == [r["id"] for r in good["results"]]


def test_an_interrupted_check_with_ctrl_c_leaves_the_earlier_json(tmp_path):
    out = tmp_path / "out.json"
    out.write_text(json.dumps({"schema": "earlier run"}))
    proc = _cli("check", "--claim", "param_count", "--profile", "ci", "--json", str(out), cwd=tmp_path)
    time.sleep(1.0)  # inside pytest's start-up or the search; either way before the write
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=120)
    doc = json.loads(out.read_text())
    assert doc == {"schema": "earlier run"} or doc["schema"] == "dl-lecture-theorems/results/1"
    assert _leftovers(tmp_path) == []


def test_a_killed_report_keeps_the_earlier_pages_whole(tmp_path, saved_run):
    saved = saved_run
    site = tmp_path / "site"
    built = _cli("report", "--from", str(saved), "--out", str(site), cwd=tmp_path)
    built.communicate(timeout=600)
    assert built.returncode == 0
    for delay in (0.2, 0.6, 1.2):
        _kill_after(_cli("report", "--from", str(saved), "--out", str(site), cwd=tmp_path), delay)
        html = (site / "index.html").read_text(encoding="utf-8")
        assert html.rstrip().endswith("</html>")
        assert "param_count" in (site / "report.md").read_text(encoding="utf-8")


def test_a_killed_search_leaves_a_usable_example_database(tmp_path):
    """Under ``fast`` (which keeps a database), kill runs that are finding counterexamples, then run again."""
    args = ("check", "--claim", "param_count", "--profile", "fast", "--json", "out.json")
    for delay in KILL_DELAYS_S:
        _kill_after(_cli(*args, cwd=tmp_path), delay)
    final = _cli(*args, cwd=tmp_path)
    stdout, stderr = final.communicate(timeout=600)
    assert final.returncode == 0, stdout.decode() + stderr.decode()
    doc = json.loads((tmp_path / "out.json").read_text())
    outcomes = {r["id"]: r["outcome"] for r in doc["results"]}
    assert outcomes["param_count_as_stated"] == "refuted as expected"
    assert (tmp_path / ".hypothesis" / "examples").is_dir()  # the counterexamples are kept for the next run
