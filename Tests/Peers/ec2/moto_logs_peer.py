#!/usr/bin/env python3
"""moto_server on a free 127.0.0.1 port with a CloudWatch Logs group of VPC Flow Logs, as one peer.

Creates the log group `gatewatch-flow-logs` in us-east-1 with one stream per ENI (as VPC Flow
Logs delivers, docs/traffic.md §1.6) and puts events whose message is one default-format
(version 2) record and whose timestamp is the record's start in milliseconds: for each of the
two ENIs, `--records` ACCEPT records, one REJECT, one NODATA and one malformed line. Then prints
one JSON ready line:

    {"ready": true, "kind": "moto-logs", "port": N, "url": ..., "group": ..., "streams": [...],
     "start": MS, "end": MS, "records": N, "events": N, "bytesByStream": {...}}

and serves until SIGTERM/SIGINT, then stops exactly the moto process it started. Run it through
with_botocore.py --needs moto,boto3.

moto 5.2.1 gaps met here: FilterLogEvents returns events stream by stream (sorted by timestamp
within a stream, not across streams, unless `interleaved` is sent), treats `startTime` 0 as
absent, answers an unknown `nextToken` with an empty page and no token (no error), never
throttles and does not check the signature (it reads the service and region from it).
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time

from moto_peer import free_port, wait_for_moto

GROUP = "gatewatch-flow-logs"
STREAMS = ["eni-0510b72d69e7aab6c-all", "eni-0947fdb2b4c4a0b44-all"]


def events_for(stream_index: int, stream: str, records: int, first: int):
    eni = stream.rsplit("-", 1)[0]
    # The DLP gateway (ENI 0510…) and the mainframe gateway (ENI 0947…) of the demo bundle.
    source = ["10.0.41.20", "10.0.30.11"][stream_index]
    destination = ["103.47.244.10", "172.16.0.7"][stream_index]
    port = [443, 23][stream_index]
    out, total = [], 0
    for number in range(records):
        start = first + 10 * number
        size = 1000 * (number + 1)
        total += size
        out.append((start, f"2 123456789012 {eni} {source} {destination} {40000 + number} {port} 6 10 {size} "
                           f"{start} {start + 60} ACCEPT OK"))
    start = first + 10 * records
    out.append((start, f"2 123456789012 {eni} {source} {destination} 39999 {port} 6 1 60 {start} {start + 60} REJECT OK"))
    out.append((start + 1, f"2 123456789012 {eni} - - - - - - - {start + 1} {start + 61} - NODATA"))
    out.append((start + 2, "2 123456789012 not a record"))
    return out, total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=25, help="ACCEPT records per stream")
    # CloudWatch Logs (and moto) refuse events older than 14 days: the records start relative to
    # now, by default an hour ago on a whole minute.
    ap.add_argument("--start-ago", type=int, default=3600, help="seconds before now of the first record")
    args = ap.parse_args()
    first = (int(time.time()) - args.start_ago) // 60 * 60

    moto = shutil.which("moto_server") or os.path.join(os.path.dirname(sys.executable), "moto_server")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([moto, "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(*_):
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

    import boto3
    logs = boto3.client("logs", endpoint_url=url, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")
    logs.create_log_group(logGroupName=GROUP)
    total_events, bytes_by_stream = 0, {}
    for index, stream in enumerate(STREAMS):
        logs.create_log_stream(logGroupName=GROUP, logStreamName=stream)
        events, total = events_for(index, stream, args.records, first)
        logs.put_log_events(logGroupName=GROUP, logStreamName=stream,
                            logEvents=[{"timestamp": start * 1000, "message": message} for start, message in events])
        total_events += len(events)
        bytes_by_stream[stream] = total
    print(json.dumps({"ready": True, "kind": "moto-logs", "pid": os.getpid(), "motoPid": proc.pid, "port": port,
                      "url": url, "group": GROUP, "streams": STREAMS, "start": first * 1000,
                      "end": (first + 10 * args.records + 3) * 1000, "records": args.records * len(STREAMS),
                      "events": total_events, "bytesByStream": bytes_by_stream}), flush=True)
    while True:
        signal.pause()


if __name__ == "__main__":
    sys.exit(main())
