#!/usr/bin/env python3
"""Run a sibling peer script under a Python that has botocore/moto installed.

TestSupport starts peers with /usr/bin/python3 (or $PYTHON), which may lack the pip packages
(botocore for `stand_ins.py sts --verify`, moto and boto3 for `moto_peer.py`). This launcher
looks for the first `python3` on PATH (then $PYTHON, then /usr/bin/python3) that can import the
modules named with `--needs` (default: botocore), and execs `SCRIPT ARGS...` with it.

    with_botocore.py [--needs botocore,moto] SCRIPT [ARGS...]
"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def candidates():
    seen = set()
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        path = os.path.join(directory, "python3")
        if os.access(path, os.X_OK):
            yield path
    for extra in (os.environ.get("PYTHON"), sys.executable, "/usr/bin/python3"):
        if extra:
            yield extra


def main() -> None:
    args = sys.argv[1:]
    needs = ["botocore"]
    if len(args) >= 2 and args[0] == "--needs":
        needs = [m for m in args[1].split(",") if m]
        args = args[2:]
    if not args:
        sys.exit("usage: with_botocore.py [--needs m1,m2] SCRIPT [ARGS...]")
    probe = "import " + ", ".join(needs)
    for python in candidates():
        resolved = shutil.which(python) or python
        try:
            ok = subprocess.run([resolved, "-c", probe], capture_output=True, timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            script = os.path.join(HERE, args[0])
            os.execv(resolved, [resolved, "-u", script] + args[1:])
    sys.exit(f"no python3 on PATH can import {', '.join(needs)}")


if __name__ == "__main__":
    main()
