#!/usr/bin/env python3
"""moto_server on a free 127.0.0.1 port, seeded with the demo scenario, as one peer.

Starts `moto_server -H 127.0.0.1 -p PORT`, waits for /moto-api/, runs seed_moto.py's seeding
(reset + seed 42 + the demo bundle) and, with --dump-dir, writes what `aws ec2 describe-*`
returns (awscli, an independent client) as a bundle directory. Then prints one JSON ready line:

    {"ready": true, "kind": "moto", "port": N, "url": ..., "dumpDir": ..., "summary": {...}}

and serves until SIGTERM/SIGINT (or --exit-after), then stops exactly the moto process it
started. Run it through with_botocore.py --needs moto,boto3 so the right Python is used.
"""
import argparse
import contextlib
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_moto(proc, url: str, stop) -> bool:
    """Waits up to 60 s for the moto_server `proc` to answer at `url` (calls `stop` past that);
    False, after printing the not-ready line, when it exited instead."""
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            print(json.dumps({"ready": False, "error": "moto_server exited at start-up"}), flush=True)
            return False
        try:
            with urllib.request.urlopen(url + "/moto-api/", timeout=1) as r:
                if r.status == 200:
                    return True
        except (OSError, urllib.error.URLError):
            if time.monotonic() > deadline:
                stop()
            time.sleep(0.1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dump-dir", default=None, help="write awscli's view here (default: a fresh temp dir)")
    ap.add_argument("--no-dump", action="store_true")
    ap.add_argument("--exit-after", type=float, default=None)
    args = ap.parse_args()

    moto = shutil.which("moto_server") or os.path.join(os.path.dirname(sys.executable), "moto_server")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([moto, "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    created = []

    def stop(*_):
        for directory in created:
            shutil.rmtree(directory, ignore_errors=True)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if not wait_for_moto(proc, url, stop):
        return 1

    import seed_moto
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    dump_dir = None if args.no_dump else args.dump_dir
    if not args.no_dump and dump_dir is None:
        dump_dir = tempfile.mkdtemp(prefix="gatewatch-moto-")
        created.append(dump_dir)
    argv = ["--endpoint", url, "--region", "us-east-1"] + (["--dump-dir", dump_dir] if dump_dir else [])
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        seed_moto.main(argv)
    summary = json.loads(captured.getvalue())
    print(json.dumps({"ready": True, "kind": "moto", "pid": os.getpid(), "motoPid": proc.pid, "port": port,
                      "url": url, "dumpDir": dump_dir, "summary": summary,
                      "env": {"AWS_ENDPOINT_URL_EC2": url}}), flush=True)
    if args.exit_after is not None:
        time.sleep(args.exit_after)
        stop()
    while True:
        signal.pause()


if __name__ == "__main__":
    sys.exit(main())
