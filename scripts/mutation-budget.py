#!/usr/bin/env python3
"""Mutated inputs of every input kind against the built gatewatch: the issue #18 budget.

    scripts/mutation-budget.py [--binary .build/debug/gatewatch] [--per-kind 30] [--seed 18] [--kind NAME]...

Each of the 11 input kinds (bundle cluster/AWS files, gatewatch.yaml, ASA configs, syslog lines,
selectors, IP/port/time arguments, kubeconfig, AWS config files, what-if policies, themes, the
settings file) is mutated --per-kind times from a seed in the repository (byte flips and inserts,
chunk deletion and duplication, line shuffles, deep nesting, long lines, YAML alias floods,
control characters, truncation) and fed to the command that reads it. Every run is checked
against the budget: exit code 0, 1 or 2; under 2 s wall time and 200 MB peak RSS; when it
writes to stderr, a located diagnostic (`file:line`, `line N`, `column N`, the offending
argument named, or the file named for a fact about the whole file). Prints max time and max RSS per kind and every violation; exits 1 on any.
Network access is impossible by construction: every endpoint is 127.0.0.1:9 and PATH holds no
programs a mutated credential helper could name. Release builds give the figures the issue means.
"""
import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "Sources/Inventory/Demo")
TIME_BUDGET = 2.0
RSS_BUDGET_MB = 200
LOCATED = re.compile(r"(:\d+(:\d+)?[:\s]|\bline \d+|\bcolumn \d+|\boffset \d+|--[a-z-]+|\bargument\b|'[^']*'|\"[^\"]*\""
                     r"|/gatewatch-mutation-[^/]+/[^:]+: )")  # a fact about a whole file names the file


def read(path):
    with open(path, "rb") as f:
        return f.read()


# ----------------------------------------------------------------------------------------------
# Mutators: bytes -> bytes


def flip(rng, data):
    if not data:
        return b"\xff"
    b = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def insert(rng, data):
    pos = rng.randint(0, len(data))
    junk = bytes(rng.choice(b"{}[]:,-&*!|>'\"\\\n\t #%\x00\x1b\xe2\x80\xaeaZ09") for _ in range(rng.randint(1, 64)))
    return data[:pos] + junk + data[pos:]


def delete(rng, data):
    if len(data) < 2:
        return data
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.randint(1, max(1, len(data) // 4)):]


def duplicate(rng, data):
    if not data:
        return data
    a = rng.randrange(len(data))
    chunk = data[a:a + rng.randint(1, 4096)]
    times = rng.choice([2, 10, 100, 1000, 5000])
    return data[:a] + chunk * min(times, max(1, (4 << 20) // max(1, len(chunk)))) + data[a:]


def shuffle_lines(rng, data):
    lines = data.split(b"\n")
    rng.shuffle(lines)
    return b"\n".join(lines)


def nest(rng, data):
    depth = rng.choice([100, 1000, 20000])
    opener, closer = rng.choice([(b"[", b"]"), (b"{a: ", b"}"), (b"- ", b""), (b"(", b")"), (b"!(", b")")])
    pos = rng.randint(0, len(data))
    return data[:pos] + opener * depth + closer * depth + data[pos:]


def long_line(rng, data):
    pos = rng.randint(0, len(data))
    return data[:pos] + rng.choice([b"a", b"9", b" ", b"\xe2\x80\xae"]) * rng.choice([10_000, 200_000, 2_000_000]) + data[pos:]


def alias_flood(rng, data):
    lines = [b"a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        refs = b", ".join([b"*a%d" % (i - 1)] * 10)
        lines.append(b"a%d: &a%d [%s]" % (i, i, refs))
    return b"\n".join(lines) + b"\n" + data


def control(rng, data):
    pos = rng.randint(0, len(data))
    return data[:pos] + bytes(rng.choice([0, 7, 8, 0x1b, 0x7f, 0x9b]) for _ in range(rng.randint(1, 8))) \
        + b"\x1b]0;title\x07\xe2\x80\xae" + data[pos:]


def truncate(rng, data):
    return data[:rng.randint(0, len(data))]


MUTATORS = [flip, insert, delete, duplicate, shuffle_lines, nest, long_line, alias_flood, control, truncate]


def mutate(rng, data):
    for _ in range(rng.choice([1, 1, 2, 3])):
        data = rng.choice(MUTATORS)(rng, data)
    return data


def mutate_text(rng, text):
    # Arguments: no NUL, and under the kernel's 128 KiB limit for one argument.
    data = mutate(rng, text.encode()).replace(b"\x00", b"")[:100_000]
    return data.decode("utf-8", "replace").encode("utf-8")[:100_000].decode("utf-8", "ignore")


# ----------------------------------------------------------------------------------------------
# Input kinds: each returns (argv, env, cleanup dir)


DEAD = "http://127.0.0.1:9"


def base_env(work):
    return {"PATH": os.path.join(work, "no-programs"), "HOME": work, "XDG_CONFIG_HOME": os.path.join(work, "config"),
            "XDG_STATE_HOME": os.path.join(work, "state"), "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": os.path.join(work, "none"), "AWS_SHARED_CREDENTIALS_FILE": os.path.join(work, "none"),
            "AWS_ENDPOINT_URL": DEAD, "AWS_ENDPOINT_URL_STS": DEAD, "AWS_ACCESS_KEY_ID": "AKIDMUTATION",
            "AWS_SECRET_ACCESS_KEY": "mutation-secret", "LC_ALL": "C.UTF-8"}


def bundle_copy(work):
    target = os.path.join(work, "bundle")
    shutil.copytree(DEMO, target)
    return target


def kind_bundle(rng, work, binary):
    bundle = bundle_copy(work)
    files = [os.path.join(d, f) for d, _, fs in os.walk(bundle) for f in fs
             if ("/cluster/" in os.path.join(d, f) or "/aws/" in os.path.join(d, f))]
    victim = rng.choice(files)
    with open(victim, "wb") as f:
        f.write(mutate(rng, read(victim)))
    return [binary, "check", "--from", bundle, "-o", "json"], base_env(work)


def kind_gatewatch_yaml(rng, work, binary):
    bundle = bundle_copy(work)
    path = os.path.join(bundle, "gatewatch.yaml")
    with open(path, "wb") as f:
        f.write(mutate(rng, read(path)))
    return [binary, "get", "gateways", "--from", bundle], base_env(work)


def kind_asa_config(rng, work, binary):
    path = os.path.join(work, "asa.cfg")
    with open(path, "wb") as f:
        f.write(mutate(rng, read(os.path.join(DEMO, "firewall/ftd-egress.cfg"))))
    return [binary, "firewall", "trace", "--config", path, "--interface", "inside", "--proto", "tcp",
            "--src", "10.0.41.20", "--dst", "103.47.244.10", "--dport", "443"], base_env(work)


def kind_syslog(rng, work, binary):
    path = os.path.join(work, "fw.log")
    with open(path, "wb") as f:
        f.write(mutate(rng, read(os.path.join(DEMO, "logs/syslog/ftd-egress.log"))))
    return [binary, "traffic", "--demo", "--syslog", path], base_env(work)


SELECTORS = ["all()", "egress-code == \"red\" && !has(maintenance)",
             "starts-with(x, 'a') && ends-with(y, 'b') && contains(z, 'c')", "app in {'a', 'b'} || tier not in {'x'}",
             "app == 'checkout-web'", "projectcalico.org/namespace == 'checkout'"]


def kind_selector(rng, work, binary):
    return [binary, "select", mutate_text(rng, rng.choice(SELECTORS)), "--demo"], base_env(work)


def kind_arguments(rng, work, binary):
    choice = rng.randrange(4)
    if choice == 0:
        return [binary, "trace", "--demo", "--pod", "checkout/checkout-web-6b7d9c5f8-8hj2k",
                "--dst", mutate_text(rng, "203.0.113.9:443")], base_env(work)
    if choice == 1:
        return [binary, "trace", "--demo", "--pod", "checkout/checkout-web-6b7d9c5f8-8hj2k", "--dst", "103.47.244.10:443",
                "--at", mutate_text(rng, rng.choice(["2026-12-06T10:00:00Z", "-2h", "now"]))], base_env(work)
    if choice == 2:
        return [binary, "firewall", "trace", "--config", os.path.join(DEMO, "firewall/ftd-egress.cfg"), "--interface",
                "inside", "--proto", "tcp", "--src", mutate_text(rng, "10.0.41.20"), "--dst", "103.47.244.10",
                "--dport", mutate_text(rng, "443")], base_env(work)
    return [binary, "whois", "--demo", mutate_text(rng, rng.choice(["203.0.113.10", "10.0.41.0/24", "::ffff:10.0.41.20"]))], \
        base_env(work)


KUBECONFIG = """apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster: {server: "https://127.0.0.1:9", insecure-skip-tls-verify: true}
- name: other
  cluster:
    server: https://127.0.0.1:9
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJ=
users:
- name: me
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: aws, args: [eks, get-token]}
- name: token
  user: {token: abcdefghijklmnopqrstuvwxyz0123456789}
contexts:
- name: prod
  context: {cluster: prod, user: token, namespace: default}
- name: exec
  context: {cluster: other, user: me}
current-context: prod
"""


def kind_kubeconfig(rng, work, binary):
    path = os.path.join(work, "kubeconfig")
    with open(path, "w") as f:
        f.write(re.sub(r"https?://[^\s\"}]+", "https://127.0.0.1:9", mutate_text(rng, KUBECONFIG)))
    env = base_env(work)
    # No AWS credentials: the EC2 side fails at once instead of retrying a dead endpoint (not input handling).
    del env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]
    return [binary, "get", "gateways", "--kubeconfig", path, "--region", "us-east-1", "--endpoint-url", DEAD], env


AWS_CONFIG = read(os.path.join(ROOT, "Fuzz/Corpus/aws-config/both")).decode()


def kind_aws_config(rng, work, binary):
    path = os.path.join(work, "aws-config")
    text = mutate_text(rng, AWS_CONFIG)
    with open(path, "w") as f:
        f.write(text)
    env = base_env(work)
    env["AWS_CONFIG_FILE"] = path
    env["AWS_SHARED_CREDENTIALS_FILE"] = path
    # Keys the mutated file still holds reach the dead endpoint: one attempt, no backoff (not input handling).
    env["AWS_MAX_ATTEMPTS"] = "1"
    del env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]
    return [binary, "get", "eips", "--kubeconfig", os.path.join(work, "none"), "--profile",
            rng.choice(["default", "ops"]), "--endpoint-url", DEAD], env


def kind_whatif_policy(rng, work, binary):
    path = os.path.join(work, "policy.yaml")
    with open(path, "wb") as f:
        f.write(mutate(rng, read(os.path.join(DEMO, "cluster/egressgatewaypolicies.yaml"))))
    return [binary, "whatif", "--demo", "--policy", path], base_env(work)


THEME = read(os.path.join(ROOT, "Fuzz/Corpus/theme-settings/theme"))


def kind_theme(rng, work, binary):
    path = os.path.join(work, "theme.yaml")
    with open(path, "wb") as f:
        f.write(mutate(rng, THEME))
    return [binary, "console", "--demo", "--theme", path], base_env(work)


def kind_settings(rng, work, binary):
    env = base_env(work)
    directory = os.path.join(env["XDG_CONFIG_HOME"], "gatewatch")
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "config.yaml"), "wb") as f:
        f.write(mutate(rng, b"theme: light\nascii: false\n" + THEME))
    return [binary, "console", "--demo"], env


KINDS = {"bundle": kind_bundle, "gatewatch.yaml": kind_gatewatch_yaml, "asa-config": kind_asa_config,
         "syslog": kind_syslog, "selector": kind_selector, "arguments": kind_arguments, "kubeconfig": kind_kubeconfig,
         "aws-config": kind_aws_config, "whatif-policy": kind_whatif_policy, "theme": kind_theme, "settings": kind_settings}

CONSOLE_KINDS = {"theme", "settings"}


def run_console(argv, env, work):
    """The console needs a terminal: run it under script(1) in a pty and quit it with 'q'."""
    command = " ".join("'" + a.replace("'", "'\\''") + "'" for a in argv)
    env = dict(env, TERM="xterm-256color")
    env["PATH"] = "/usr/bin:/bin"
    stderr_path = os.path.join(work, "console.err")
    wrapped = ["/usr/bin/script", "-qefc", f"{command} 2>'{stderr_path}'", "/dev/null"]
    return wrapped, env, stderr_path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/gatewatch"))
    ap.add_argument("--per-kind", type=int, default=30)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--kind", action="append", choices=sorted(KINDS))
    ap.add_argument("--keep", help="copy each violating input's work directory here")
    ap.add_argument("--show", action="store_true", help="print the first stderr line of every run")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    violations = []
    print(f"{'kind':<15} {'runs':>5} {'max s':>7} {'max MB':>7} {'exit 0/1/2':>11} {'unlocated':>9}")
    for name in args.kind or list(KINDS):
        rng = random.Random(f"{args.seed}-{name}")
        worst_time, worst_rss, exits, unlocated = 0.0, 0, {0: 0, 1: 0, 2: 0}, 0
        for i in range(args.per_kind):
            work = tempfile.mkdtemp(prefix="gatewatch-mutation-")
            try:
                argv, env = KINDS[name](rng, work, binary)
                # Peak RSS of this child alone: run it through a fresh wait4.
                code, elapsed, err, timed_out = measure_rss(argv, env, work, name in CONSOLE_KINDS)
                rss_mb = code[1] / 1024
                code = code[0]
                worst_time = max(worst_time, elapsed)
                worst_rss = max(worst_rss, rss_mb)
                if code in exits:
                    exits[code] += 1
                problems = []
                if timed_out:
                    problems.append("did not finish in 20 s")
                if code not in (0, 1, 2):
                    problems.append(f"exit {code}")
                if elapsed > TIME_BUDGET:
                    problems.append(f"{elapsed:.2f} s")
                if rss_mb > RSS_BUDGET_MB:
                    problems.append(f"{rss_mb:.0f} MB")
                lines = [l for l in err.splitlines() if l.strip()]
                if args.show and lines:
                    print(f"  {name} #{i} exit {code}: {lines[0][:200]}")
                if lines and name not in CONSOLE_KINDS and not any(LOCATED.search(l) for l in lines):
                    unlocated += 1
                    problems.append("unlocated: " + lines[0][:160])
                if problems:
                    violations.append((name, i, problems, err[:300]))
                    if args.keep:
                        shutil.copytree(work, os.path.join(args.keep, f"{name}-{i}"), dirs_exist_ok=True)
            finally:
                shutil.rmtree(work, ignore_errors=True)
        print(f"{name:<15} {args.per_kind:>5} {worst_time:>7.2f} {worst_rss:>7.0f} "
              f"{exits[0]:>3}/{exits[1]}/{exits[2]:<5} {unlocated:>9}", flush=True)
    for name, i, problems, err in violations:
        print(f"VIOLATION {name} #{i}: {'; '.join(problems)}")
    return 1 if violations else 0


def measure_rss(argv, env, work, console):
    """Runs one input in a forked child that execs it, so wait4 gives this run's peak RSS."""
    stderr_path = None
    if console:
        argv, env, stderr_path = run_console(argv, env, work)
    os.makedirs(os.path.join(work, "no-programs"), exist_ok=True)
    err_path = os.path.join(work, "stderr")
    read_end, write_end = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(work)
            os.dup2(read_end if console else os.open(os.devnull, os.O_RDONLY), 0)
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            os.dup2(os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
            os.close(write_end)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    os.close(read_end)
    if console:
        time.sleep(0.5)
        try:
            os.write(write_end, b"q")
        except OSError:
            pass
    timed_out = False
    deadline = started + 20
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done == pid:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            timed_out = True
            done, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.005)
    os.close(write_end)
    elapsed = time.monotonic() - started - (0.5 if console else 0)
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        code = 128 - code
    err = read(stderr_path) if stderr_path and os.path.exists(stderr_path) else read(err_path)
    # script(1) forks the console: its peak RSS is what wait4 reports for the largest descendant.
    return (code, usage.ru_maxrss), elapsed, err.decode("utf-8", "replace"), timed_out


if __name__ == "__main__":
    sys.exit(main())
