#!/usr/bin/env python3
"""Console memory under sustained firewall syslog (issue 13: "the console's memory stays flat
(±10 %) over 30 minutes of 5,000 messages/s").

Runs the real console (`gatewatch --from BUNDLE --syslog-listen udp://127.0.0.1:PORT`) in a
private tmux server on the Traffic view, sends ASA/FTD syslog over UDP at a steady rate (Built,
Teardown with bytes, 106023 and 106100 denies from the demo's gateways and nodes to a bounded set
of destinations, random ports), and samples the console's resident memory (VmRSS) and CPU time
from /proc. The bundle is the demo's (`gatewatch snapshot --demo`) without flow logs, so syslog
byte counts feed the rows. After the warm-up, every sample must stay within ±10 % of the first
one. The console's own counters (received, dropped) are read off its Sources rows at the end.

Usage: scripts/console-memory-bench.py --binary .build/release/gatewatch [--rate 5000]
       [--minutes 30] [--warmup 60] [--sample 10]
Exit status 0 when memory stayed flat, 1 when it did not, 2 on a setup failure.
"""
import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time

GATEWAYS = ["10.0.41.20", "10.0.42.37", "100.64.0.25", "100.64.4.25", "10.0.45.30", "10.0.6.42"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def destinations(count):
    rng = random.Random(13)
    fixed = ["103.47.244.%d" % i for i in range(1, 255)] + ["172.16.0.7", "172.16.99.5", "172.16.1.1"]
    public = ["%d.%d.%d.%d" % (rng.randint(11, 90), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
              for _ in range(max(0, count - len(fixed)))]
    return fixed + public


def messages(rng, targets, connection):
    """One Built + Teardown pair, or a deny, as RFC 3164 lines."""
    now = time.gmtime()
    stamp = "%s %2d %02d:%02d:%02d" % (MONTHS[now.tm_mon - 1], now.tm_mday, now.tm_hour, now.tm_min, now.tm_sec)
    head = "<166>%s ftd-egress : " % stamp
    source = rng.choice(GATEWAYS)
    target = rng.choice(targets)
    sport = rng.randint(1024, 65535)
    dport = rng.choice([443, 443, 443, 80, 23, 5432, 8443])
    kind = rng.random()
    if kind < 0.1:
        return [head + '%%FTD-4-106023: Deny tcp src inside:%s/%d dst outside:%s/%d by access-group '
                '"inside_access_in" [0x9f6a1c02, 0x0]' % (source, sport, target, dport)]
    if kind < 0.2:
        return [head + "%%FTD-6-106100: access-list inside_access_in denied tcp inside/%s(%d) -> outside/%s(%d) "
                "hit-cnt 1 first hit [0x9f6a1c02, 0x0]" % (source, sport, target, dport)]
    return [head + "%%FTD-6-302013: Built outbound TCP connection %d for outside:%s/%d (%s/%d) to inside:%s/%d (%s/%d)"
            % (connection, target, dport, target, dport, source, sport, source, sport),
            head + "%%FTD-6-302014: Teardown TCP connection %d for outside:%s/%d to inside:%s/%d duration 0:00:03 "
            "bytes %d TCP FINs" % (connection, target, dport, source, sport, rng.randint(100, 5_000_000))]


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--rate", type=int, default=5000, help="messages per second")
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=60, help="seconds before the baseline sample")
    parser.add_argument("--sample", type=float, default=10, help="seconds between samples")
    parser.add_argument("--destinations", type=int, default=2000)
    arguments = parser.parse_args()
    if not shutil.which("tmux"):
        print("tmux is not installed", file=sys.stderr)
        return 2
    binary = os.path.abspath(arguments.binary)
    work = tempfile.mkdtemp(prefix="gw-membench-")
    bundle = os.path.join(work, "bundle")
    subprocess.run([binary, "snapshot", "--demo", "--out", bundle], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(os.path.join(bundle, "logs", "flow"), ignore_errors=True)
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    tmux = ["tmux", "-L", "gw-membench-%d" % os.getpid(), "-f", "/dev/null"]
    environment = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8", XDG_STATE_HOME=os.path.join(work, "state"))
    subprocess.run(tmux + ["new-session", "-d", "-x", "160", "-y", "48", binary, "--from", bundle,
                           "--syslog-listen", "udp://127.0.0.1:%d" % port], check=True, env=environment,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        pid = int(subprocess.run(tmux + ["display-message", "-p", "#{pane_pid}"], check=True, capture_output=True,
                                 text=True).stdout.strip())
        time.sleep(2)
        subprocess.run(tmux + ["send-keys", "-l", "0"], check=True)
        sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        rng = random.Random(5000)
        targets = destinations(arguments.destinations)
        start = time.monotonic()
        end = start + arguments.minutes * 60
        next_sample = start
        samples = []
        sent = 0
        connection = 1
        backlog = []
        tick = 0.01
        cpu_start = cpu_seconds(pid)
        print("time_s  rss_mib  cpu_pct  sent", flush=True)
        last_cpu, last_time = cpu_start, start
        while True:
            now = time.monotonic()
            if now >= end:
                break
            due = int((now - start) * arguments.rate) - sent
            while due > 0:
                if not backlog:
                    backlog = messages(rng, targets, connection)
                    connection += 1
                sender.sendto(backlog.pop(0).encode(), ("127.0.0.1", port))
                sent += 1
                due -= 1
            if now >= next_sample:
                rss = rss_kib(pid)
                cpu = cpu_seconds(pid)
                percent = 100 * (cpu - last_cpu) / max(1e-9, now - last_time)
                last_cpu, last_time = cpu, now
                samples.append((now - start, rss))
                print("%6.0f  %7.1f  %7.1f  %d" % (now - start, rss / 1024, percent, sent), flush=True)
                next_sample += arguments.sample
            time.sleep(tick)
        elapsed = time.monotonic() - start
        time.sleep(1)
        screen = subprocess.run(tmux + ["capture-pane", "-p"], capture_output=True, text=True).stdout
        source_rows = [line.strip() for line in screen.splitlines() if "udp://127.0.0.1:%d" % port in line]
        cpu_total = cpu_seconds(pid) - cpu_start
    finally:
        subprocess.run(tmux + ["kill-server"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)
    steady = [rss for (t, rss) in samples if t >= arguments.warmup]
    if len(steady) < 2:
        print("too few samples after the warm-up", file=sys.stderr)
        return 2
    baseline = steady[0]
    low, high = min(steady), max(steady)
    deviation = max(abs(low - baseline), abs(high - baseline)) / baseline
    print("sent %d messages in %.0f s (%.0f/s); console CPU %.1f %% of a core on average"
          % (sent, elapsed, sent / elapsed, 100 * cpu_total / elapsed))
    print("RSS after %.0f s warm-up: %.1f MiB; min %.1f MiB, max %.1f MiB over %d samples: deviation %.1f %% "
          "(budget 10 %%)" % (arguments.warmup, baseline / 1024, low / 1024, high / 1024, len(steady), 100 * deviation))
    for row in source_rows:
        print("console: " + row)
    return 0 if deviation <= 0.10 else 1


if __name__ == "__main__":
    sys.exit(main())
