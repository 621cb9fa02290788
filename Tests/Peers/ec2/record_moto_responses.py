#!/usr/bin/env python3
"""Record moto's raw responses for the benchmark: 2,000 Elastic IPs and 500 ENIs (issue 7, Performance).

    python3 record_moto_responses.py [--endpoint URL] [--eips 2000] [--enis 500] [--out fixtures/bench]

moto needs over a second to serve 2,000 EIPs, so the benchmark measures the client against these recorded
bodies served by static_server.py (``--set fixtures/bench``), and awscli against the same server in the same run.

Without ``--endpoint`` a moto_server is started on a free 127.0.0.1 port and stopped afterwards. The state is
reset and seeded (IDs repeatable; times are not). The scenario is a cluster-sized VPC: 100 instances over three
zones, each with its primary ENI, plus 400 secondary ENIs (one secondary private IP each) attached at device
indexes 1-4 = 500 ENIs; 2,000 tagged EIPs of which 400 are associated with the secondary ENIs (moto binds them
to the primary IP, see aws-ec2.md 7.4) and 1,600 idle. The bodies are saved exactly as moto sent them
(signed POST, ``Version=2016-11-15``; DescribeNetworkInterfaces with ``MaxResults=1000``, which moto ignores),
gzip-compressed when they total more than 5 MB, with a manifest.json for static_server.py.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
import moto
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

HERE = Path(__file__).resolve().parent
REGION = "us-east-1"
FORM = "application/x-www-form-urlencoded; charset=utf-8"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto(timeout: float = 30.0) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("moto_server exited")
        try:
            with urllib.request.urlopen(url + "/moto-api/", timeout=1) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("moto_server did not come up")


def signed_post(endpoint: str, body: str, timeout: float = 120) -> tuple[bytes, float]:
    req = AWSRequest(method="POST", url=endpoint.rstrip("/") + "/", data=body.encode(), headers={"Content-Type": FORM})
    SigV4Auth(Credentials("testing", "testing"), "ec2", REGION).add_auth(req)
    p = req.prepare()
    r = urllib.request.Request(p.url, data=p.body, headers=dict(p.headers), method="POST")
    t0 = time.perf_counter()
    with urllib.request.urlopen(r, timeout=timeout) as resp:
        data = resp.read()
    return data, time.perf_counter() - t0


def populate(endpoint: str, n_eips: int, n_enis: int, seed: int, workers: int = 8) -> dict:
    for path in ("/moto-api/reset", f"/moto-api/seed?a={seed}"):
        urllib.request.urlopen(urllib.request.Request(endpoint + path, data=b"", method="POST"), timeout=30).read()
    ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="testing",
                       aws_secret_access_key="testing",
                       config=Config(retries={"max_attempts": 1}, max_pool_connections=workers * 2))
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "bench-use1"}]}])["Vpc"]["VpcId"]
    subnets = []
    for i, az in enumerate(("us-east-1a", "us-east-1b", "us-east-1c")):
        subnets.append(ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i * 16}.0/20", AvailabilityZone=az,
                                         TagSpecifications=[{"ResourceType": "subnet", "Tags": [
                                             {"Key": "Name", "Value": f"bench-nodes-{az[-1]}"}]}])["Subnet"]["SubnetId"])
    n_instances = max(1, n_enis // 5)
    instances = []
    for i, sn in enumerate(subnets):
        count = n_instances // 3 + (1 if i < n_instances % 3 else 0)
        if count:
            r = ec2.run_instances(ImageId="ami-12c6146b", MinCount=count, MaxCount=count, InstanceType="m5.xlarge",
                                  SubnetId=sn, TagSpecifications=[{"ResourceType": "instance", "Tags": [
                                      {"Key": "Name", "Value": "bench-workers"},
                                      {"Key": "kubernetes.io/cluster/bench", "Value": "owned"}]}])
            instances += [(x["InstanceId"], sn) for x in r["Instances"]]
    n_secondary = n_enis - len(instances)

    def make_eni(k: int) -> tuple[str, str]:
        inst, sn = instances[k % len(instances)]
        eni = ec2.create_network_interface(
            SubnetId=sn, SecondaryPrivateIpAddressCount=1, Description=f"Calico secondary ENI for instance {inst}",
            TagSpecifications=[{"ResourceType": "network-interface", "Tags": [
                {"Key": "calico:use", "Value": "secondary"}, {"Key": "calico:instance", "Value": inst}]}],
        )["NetworkInterface"]
        ec2.attach_network_interface(NetworkInterfaceId=eni["NetworkInterfaceId"], InstanceId=inst,
                                     DeviceIndex=1 + k // len(instances))
        secondary = next(p["PrivateIpAddress"] for p in eni["PrivateIpAddresses"] if not p["Primary"])
        return eni["NetworkInterfaceId"], secondary

    def make_eip(k: int) -> str:
        return ec2.allocate_address(Domain="vpc", TagSpecifications=[{"ResourceType": "elastic-ip", "Tags": [
            {"Key": "Name", "Value": f"bench-egw-{k:04d}"}, {"Key": "purpose", "Value": "calico-egress-gateway"}]}]
        )["AllocationId"]

    with ThreadPoolExecutor(workers) as pool:
        enis = list(pool.map(make_eni, range(n_secondary)))
        eips = list(pool.map(make_eip, range(n_eips)))
        bound = min(len(enis), len(eips))
        list(pool.map(lambda k: ec2.associate_address(AllocationId=eips[k], NetworkInterfaceId=enis[k][0],
                                                      PrivateIpAddress=enis[k][1], AllowReassociation=True),
                      range(bound)))
    return {"vpcId": vpc, "instances": len(instances), "enis": len(instances) + len(enis), "eips": len(eips),
            "eipsAssociated": bound}


def count_items(body: bytes, list_name: str) -> int:
    root = ET.fromstring(body)
    for el in root:
        if el.tag.rsplit("}", 1)[-1] == list_name:
            return len(el)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--endpoint", help="an existing moto_server (default: start one)")
    ap.add_argument("--eips", type=int, default=2000)
    ap.add_argument("--enis", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=HERE / "fixtures" / "bench")
    ap.add_argument("--gzip-over", type=int, default=5_000_000, help="compress when the bodies total more bytes")
    args = ap.parse_args(argv)
    proc = None
    endpoint = args.endpoint
    if not endpoint:
        proc, endpoint = start_moto()
    try:
        t0 = time.monotonic()
        scenario = populate(endpoint, args.eips, args.enis, args.seed)
        seeded_s = time.monotonic() - t0
        bodies = {}
        timing = {}
        for action, body, list_name, want in (
                ("DescribeAddresses", "Action=DescribeAddresses&Version=2016-11-15", "addressesSet", args.eips),
                ("DescribeNetworkInterfaces", "Action=DescribeNetworkInterfaces&Version=2016-11-15&MaxResults=1000",
                 "networkInterfaceSet", args.enis)):
            times = []
            for _ in range(3):
                data, took = signed_post(endpoint, body)
                times.append(took)
            n = count_items(data, list_name)
            if n != want:
                raise SystemExit(f"{action}: moto returned {n} items, wanted {want}")
            bodies[action] = data
            timing[action] = {"items": n, "bytes": len(data), "motoMedianSeconds": round(statistics.median(times), 3)}
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    compress = sum(len(b) for b in bodies.values()) > args.gzip_over
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("Describe*.xml*"):
        old.unlink()
    routes = []
    files = {}
    for action, data in bodies.items():
        name = f"{action}.xml" + (".gz" if compress else "")
        blob = gzip.compress(data, mtime=0) if compress else data
        (args.out / name).write_bytes(blob)
        routes.append({"action": action, "pages": [name]})
        files[name] = {**timing[action], "sha256": hashlib.sha256(data).hexdigest(), "storedBytes": len(blob)}
    manifest = {
        "description": f"moto {moto.__version__}'s raw responses for {args.eips} Elastic IPs and {args.enis} ENIs, "
                       "recorded by record_moto_responses.py for the issue 7 benchmark. Serve with "
                       "static_server.py --set fixtures/bench. moto-specific shape: namespace without the trailing "
                       "slash, empty elements such as <instanceId/>, random 127.x EIP addresses, EIPs bound to the "
                       "primary IP.",
        "recorded": {"moto": moto.__version__, "seed": args.seed, "region": REGION, "scenario": scenario,
                     "seedingSeconds": round(seeded_s, 1), "compressed": compress},
        "files": files,
        "routes": routes,
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(manifest["files"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
