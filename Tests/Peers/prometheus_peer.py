#!/usr/bin/env python3
"""A real Prometheus server on loopback that scrapes one target, for the metrics tests.

    python3 Tests/Peers/prometheus_peer.py --target 127.0.0.1:PORT [--interval 1s]

Writes a temporary config scraping http://TARGET/metrics (job "gatewatch"), starts
`prometheus` (PROMETHEUS=/path overrides the one on PATH) on 127.0.0.1 with a free port and a
temporary storage directory, waits until its /-/ready answers, then prints one JSON line:

    {"ready": true, "url": "http://127.0.0.1:PORT", "port": PORT, "pid": PID}

SIGTERM (or SIGINT) stops Prometheus and removes the temporary directory. The peer exits by
itself after --lifetime seconds (default 300) so a forgotten one cannot linger.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True, help="HOST:PORT serving /metrics")
    parser.add_argument("--interval", default="1s")
    parser.add_argument("--lifetime", type=float, default=300)
    args = parser.parse_args()

    binary = os.environ.get("PROMETHEUS") or shutil.which("prometheus")
    if not binary:
        print(json.dumps({"ready": False, "error": "prometheus not found (apt-get install prometheus)"}), flush=True)
        return 2
    work = tempfile.mkdtemp(prefix="gatewatch-prometheus-")
    config = os.path.join(work, "prometheus.yml")
    with open(config, "w") as f:
        f.write(
            "global:\n"
            f"  scrape_interval: {args.interval}\n"
            f"  evaluation_interval: {args.interval}\n"
            "scrape_configs:\n"
            "  - job_name: gatewatch\n"
            f"    scrape_interval: {args.interval}\n"
            "    static_configs:\n"
            f"      - targets: ['{args.target}']\n"
        )
    port = free_port()
    log = open(os.path.join(work, "prometheus.log"), "w")
    process = subprocess.Popen(
        [binary, f"--config.file={config}", f"--storage.tsdb.path={os.path.join(work, 'data')}",
         f"--web.listen-address=127.0.0.1:{port}", "--web.enable-lifecycle"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def stop(*_):
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            log.flush()
            with open(os.path.join(work, "prometheus.log")) as f:
                tail = f.read()[-2000:]
            print(json.dumps({"ready": False, "error": f"prometheus exited: {tail}"}), flush=True)
            stop()
        try:
            with urllib.request.urlopen(url + "/-/ready", timeout=1) as response:
                if response.status == 200:
                    break
        except Exception:
            time.sleep(0.2)
    else:
        print(json.dumps({"ready": False, "error": "prometheus did not become ready"}), flush=True)
        stop()
    print(json.dumps({"ready": True, "url": url, "port": port, "pid": process.pid}), flush=True)
    end = time.time() + args.lifetime
    while time.time() < end and process.poll() is None:
        time.sleep(0.5)
    stop()


if __name__ == "__main__":
    sys.exit(main())
