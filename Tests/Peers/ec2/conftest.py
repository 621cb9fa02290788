"""Shared pytest helpers for the EC2 peers: start a peer, read its ready line, stop exactly that process."""

from __future__ import annotations

import json
import os
import selectors
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def stop(proc: subprocess.Popen, timeout: float = 5.0) -> None:
    """SIGTERM the one process we started, then SIGKILL it if it lingers."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
    for stream in (proc.stdout, proc.stderr):
        if stream:
            stream.close()


def start_peer(args: list[str], timeout: float = 15.0) -> tuple[subprocess.Popen, dict]:
    """Run ``python3 <args> --port 0 --exit-after 300`` and return (process, parsed ready line)."""
    cmd = [sys.executable, *args]
    if "--port" not in args:
        cmd += ["--port", "0"]
    if "--exit-after" not in args:
        cmd += ["--exit-after", "300"]  # a safety net if a test run is killed
    proc = subprocess.Popen(cmd, cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    line = b""
    while time.monotonic() < deadline and not line.endswith(b"\n"):
        if not sel.select(max(0.0, deadline - time.monotonic())):
            break
        chunk = proc.stdout.readline()
        if not chunk:
            break
        line += chunk
    sel.close()
    if not line.endswith(b"\n"):
        err = proc.stderr.read() if proc.poll() is not None else b"(still running)"
        stop(proc)
        raise RuntimeError(f"{args[0]} gave no ready line: {err.decode(errors='replace')}")
    ready = json.loads(line)
    assert ready["ready"] is True and ready["pid"] == proc.pid
    return proc, ready


@pytest.fixture
def peer():
    """``peer([...])`` starts a peer for this test; all are stopped (by PID) at teardown."""
    started: list[subprocess.Popen] = []

    def _start(args: list[str], timeout: float = 15.0) -> dict:
        proc, ready = start_peer(args, timeout)
        started.append(proc)
        ready["_proc"] = proc
        return ready

    yield _start
    for p in started:
        stop(p)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint():
    """A moto_server of our own on a free 127.0.0.1 port, for the whole session."""
    port = free_port()
    log = open(os.devnull, "wb")
    proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError("moto_server exited at start-up")
            try:
                with urllib.request.urlopen(url + "/moto-api/", timeout=1) as r:
                    if r.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    raise RuntimeError("moto_server did not answer within 30 s")
                time.sleep(0.1)
        yield url
    finally:
        stop(proc, 10)
        log.close()


def http(method: str, url: str, body: bytes | None = None, headers: dict | None = None,
         timeout: float = 10.0) -> tuple[int, dict, bytes]:
    """urllib without exceptions for HTTP errors: (status, headers, body)."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers.items()), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers.items()), e.read()
