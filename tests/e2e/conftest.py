"""Fixtures for the end-to-end tests of dateline-index (the indexing CLI).

Environment:
  DATELINE_ROOT    repository root (default: two folders above this file)
  DATELINE_INDEX   the dateline-index binary (default: ROOT/build/release/indexer/dateline-index)
  DATELINE_SERVER  the dateline-server binary (default: ROOT/build/release/server/dateline-server)
  DATELINE_SHARED  the shared folder holding corpus/ (default: ROOT/../shared)

Every test runs its commands inside its own fresh temporary directory (tmp_path), so
relative file names in messages ("bad.jsonl:3: ...") are predictable. Tests that need the
shared corpus are skipped when it is missing; the others always run.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import threading
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("DATELINE_ROOT") or Path(__file__).resolve().parents[2]).resolve()
BINARY = Path(
    os.environ.get("DATELINE_INDEX") or ROOT / "build" / "release" / "indexer" / "dateline-index"
)
SHARED = Path(os.environ.get("DATELINE_SHARED") or ROOT / ".." / "shared")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


def require_binary(path: Path, name: str, variable: str) -> Path:
    """Fails the test run with a how-to when a binary under test is missing."""
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(
            f"{name} not found at {path}: build it with "
            f"`cmake --build {ROOT / 'build' / 'release'}` or set {variable}",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def index_binary() -> Path:
    return require_binary(BINARY, "dateline-index", "DATELINE_INDEX")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


def _corpus_file(name: str) -> Path:
    path = SHARED / "corpus" / name
    if not path.is_file():
        pytest.skip(f"shared corpus file {path} is missing (set DATELINE_SHARED)")
    return path


@pytest.fixture
def sample_200() -> Path:
    """../shared/corpus/sample-200.jsonl (200 Reuters articles); skips the test if missing."""
    return _corpus_file("sample-200.jsonl")


@pytest.fixture
def reuters() -> Path:
    """../shared/corpus/reuters21578.jsonl (21,577 articles); skips the test if missing."""
    return _corpus_file("reuters21578.jsonl")


@pytest.fixture
def shipped_sample() -> Path:
    """sample/archive.jsonl, shipped in the repository: always present."""
    path = ROOT / "sample" / "archive.jsonl"
    assert path.is_file(), f"the shipped sample {path} is missing from the repository"
    return path


def _as_text(data) -> str:
    if data is None:
        return ""
    return data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data


@pytest.fixture
def run_index(index_binary, tmp_path):
    """run_index(*args, input=None, timeout=120, cwd=tmp_path) -> CompletedProcess.

    stdout and stderr are captured and returned as text. input may be str or bytes (bytes
    are passed unchanged, e.g. gzip data on stdin). The command runs in tmp_path.
    """

    def run(*args, input=None, timeout=120, cwd=None):
        data = input.encode("utf-8") if isinstance(input, str) else input
        completed = subprocess.run(
            [str(index_binary), *map(str, args)],
            input=data if data is not None else b"",
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=str(cwd or tmp_path),
            timeout=timeout,
        )
        return subprocess.CompletedProcess(
            completed.args, completed.returncode, _as_text(completed.stdout),
            _as_text(completed.stderr)
        )

    return run


@pytest.fixture
def spawn_index(index_binary, tmp_path):
    """spawn_index(*args, **popen_kwargs) -> Popen, for tests that signal or race processes.

    Runs in tmp_path with stdin/stdout/stderr as pipes unless overridden. At teardown any
    process started here that is still running is killed by its own PID and reaped.
    """
    started = []

    def spawn(*args, **kwargs):
        kwargs.setdefault("stdin", subprocess.PIPE)
        kwargs.setdefault("stdout", subprocess.PIPE)
        kwargs.setdefault("stderr", subprocess.PIPE)
        kwargs.setdefault("cwd", str(tmp_path))
        process = subprocess.Popen([str(index_binary), *map(str, args)], **kwargs)
        started.append(process)
        return process

    yield spawn
    for process in started:
        if process.poll() is None:
            process.kill()  # SIGKILL to this PID only
        process.wait(timeout=30)
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass


@pytest.fixture
def stats(run_index):
    """stats(db) -> the parsed `stats --json` output; fails the test if stats fails."""

    def read(db):
        result = run_index("stats", "--db", db, "--json")
        assert result.returncode == 0, f"stats --db {db} failed: {result.stderr}"
        return json.loads(result.stdout)

    return read


@pytest.fixture
def stored_articles():
    """stored_articles(db) -> {id: stored article JSON}, read with xapian-delve (Debian's
    xapian-tools); skips the test if it is missing."""
    delve = shutil.which("xapian-delve")
    if not delve:
        pytest.skip("xapian-delve (Debian's xapian-tools) is needed to read stored articles")

    def read(db):
        info = subprocess.run([delve, str(db)], capture_output=True, text=True,
                              check=True).stdout
        last = int(re.search(r"highest document id ever used = (\d+)", info).group(1))
        records = [arg for docid in range(1, last + 1) for arg in ("-r", str(docid))]
        dump = subprocess.run([delve, *records, "-d", str(db)], capture_output=True,
                              text=True).stdout
        lines = dump.splitlines()
        return {article["id"]: article
                for article in (json.loads(lines[i + 1]) for i, text in enumerate(lines)
                                if text.startswith("Data for record #"))}

    return read


# --------------------------------------------------------------------------- dateline-server

SERVER_BINARY = Path(
    os.environ.get("DATELINE_SERVER") or ROOT / "build" / "release" / "server" / "dateline-server"
)


@pytest.fixture(scope="session")
def server_binary() -> Path:
    """The dateline-server binary (DATELINE_SERVER, default ROOT/build/release/server/...)."""
    return require_binary(SERVER_BINARY, "dateline-server", "DATELINE_SERVER")


SERVER_STARTUP_TIMEOUT = 10.0
SERVING_LINE = re.compile(r"dateline-server: serving (?P<db>.+) on http://(?P<host>127\.0\.0\.1)"
                          r":(?P<port>\d+)$")


class ServerProcess:
    """A dateline-server process, started with `arguments`; ready once it prints the address
    it serves on (an ephemeral loopback port). Its stderr is collected in `lines`."""

    def __init__(self, binary, arguments, label="server", env=None):
        self.label = label
        self.lines = []
        self.signalled = False
        self.host = self.port = None
        self._ready = threading.Event()
        if env is None:  # the options under test come from the command line only
            env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
        self.process = subprocess.Popen(
            [str(binary), *map(str, arguments)], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._reader.start()
        if not self._ready.wait(SERVER_STARTUP_TIMEOUT) or self.port is None:
            self.kill()
            pytest.fail(f"{label} did not print its serving line within "
                        f"{SERVER_STARTUP_TIMEOUT} s; stderr: {self.stderr()}", pytrace=False)

    def _read_stderr(self):
        for raw in self.process.stderr:
            line = raw.decode("utf-8", errors="replace").rstrip("\n")
            self.lines.append(line)
            found = SERVING_LINE.search(line)
            if found and self.port is None:
                self.host, self.port = found["host"], int(found["port"])
                self._ready.set()
        self._ready.set()  # EOF: the process ended

    def stderr(self):
        return "\n".join(self.lines)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()  # SIGKILL to this PID only
        self.process.wait(timeout=30)
        self._reader.join(timeout=5)

    def send_sigterm(self):
        """One SIGTERM to this PID (a second one would mean "stop at once")."""
        if not self.signalled and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            self.signalled = True

    def terminate(self, timeout=20):
        """SIGTERM to this PID, unless already sent; returns the exit status."""
        self.send_sigterm()
        try:
            status = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"{self.label} did not exit within {timeout} s of SIGTERM; "
                        f"stderr: {self.stderr()}", pytrace=False)
        self._reader.join(timeout=5)
        return status
