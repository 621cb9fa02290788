#!/usr/bin/env python3
"""Replay recorded EC2 Query responses on 127.0.0.1 (Python standard library only).

    python3 static_server.py --set fixtures/demo [--set fixtures/paged ...] [--port 0]
                             [--latency-ms 0] [--require-auth] [--lenient] [--exit-after SECONDS]

Prints one JSON line when ready: ``{"ready": true, "kind": "static", "port": N, "url": ..., "actions": {...}}``
and serves until SIGTERM/SIGINT (or ``--exit-after``).

Each ``--set`` directory holds a ``manifest.json`` with ``routes``::

    {"action": "DescribeSubnets", "pages": ["DescribeSubnets.page1.xml", "DescribeSubnets.page2.xml"]}
    {"action": "GetSubnetCidrReservations", "match": {"SubnetId": "subnet-..."}, "pages": ["..."]}
    {"action": "GetSubnetCidrReservations", "error": {"code": "InvalidSubnetID.NotFound", "status": 400,
                                                      "message": "The subnet ID '{SubnetId}' does not exist"}}

(a directory without a manifest serves ``<Action>.xml`` / ``<Action>.pageN.xml`` by name; ``.xml.gz`` files
are decompressed at start-up). Later sets replace earlier sets' routes action by action, so
``--set fixtures/demo --set fixtures/paged`` is the demo data with paginated lists.

Requests: ``POST /`` with an ``application/x-www-form-urlencoded`` body, or ``GET /?Action=...``; the route is
picked by ``Action`` (and the route's ``match`` parameters), the page by ``NextToken``: no token gives page 1,
the token found in page *i*'s ``<nextToken>`` gives page *i+1*. Checks, each answered with the EC2 error
document and status real EC2 would use:

* no ``Action`` -> 400 MissingAction; no ``Version`` -> 400 MissingParameter; unknown action -> 400 InvalidAction;
* ``MaxResults`` outside the action's range (5-1000; 5-100 for DescribeRouteTables) -> 400 InvalidParameterValue;
* ``MaxResults``/``NextToken`` on an action EC2 does not paginate (DescribeAddresses) -> 400 UnknownParameter,
  unless the loaded route is marked ``offModel``;
* an unknown ``NextToken`` -> 400 InvalidPaginationToken;
* unless ``--lenient``: a later page requested with other parameters than the page before it
  (every parameter but NextToken must be sent unchanged) -> 400 InvalidParameterCombination;
* with ``--require-auth``: no ``Authorization: AWS4-HMAC-SHA256 Credential=.../ec2/aws4_request`` -> 401 AuthFailure.

Admin (same port): ``GET /_requests`` (JSON log: action, params, headers, page, status, time),
``GET /_stats``, ``POST /_reset`` (clears the log and the issued tokens), ``GET /_health``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import urllib.parse
from pathlib import Path

import ec2_wire

# MaxResults ranges of the paginated EC2 actions (botocore 1.43 model / aws-ec2.md section 1.2).
PAGINATED = {
    "DescribeSubnets": (5, 1000), "DescribeVpcs": (5, 1000), "DescribeNetworkInterfaces": (5, 1000),
    "DescribeInstances": (5, 1000), "DescribeRouteTables": (5, 100), "GetSubnetCidrReservations": (5, 1000),
    "DescribeNatGateways": (5, 1000), "DescribeAvailabilityZones": None, "DescribeAddresses": None,
    "DescribeSecurityGroups": (5, 1000), "DescribeNetworkAcls": (5, 1000), "DescribeManagedPrefixLists": (1, 100),
    "GetManagedPrefixListEntries": (1, 100), "DescribeVpcEndpoints": (1, 1000),
    "DescribeEgressOnlyInternetGateways": (5, 255), "DescribeTransitGatewayAttachments": (5, 1000),
    "DescribeTransitGatewayRouteTables": (5, 1000), "GetTransitGatewayRouteTableAssociations": (5, 1000),
    "SearchTransitGatewayRoutes": (5, 1000), "DescribeInstanceTypes": (5, 100),
}
_TOKEN_RE = re.compile(rb"<nextToken>([^<]*)</nextToken>")


def _load(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


class FixtureSet:
    """One directory of recorded responses and its routes."""

    def __init__(self, directory: str | Path):
        self.dir = Path(directory)
        manifest = self.dir / "manifest.json"
        if manifest.exists():
            spec = json.loads(manifest.read_text(encoding="utf-8"))
            raw_routes = spec.get("routes", [])
        else:
            raw_routes = self._by_name()
        self.routes: list[dict] = []
        for r in raw_routes:
            route = {"action": r["action"], "match": r.get("match") or {}, "offModel": bool(r.get("offModel")),
                     "error": r.get("error"), "pages": [], "tokens": [], "files": []}
            for name in r.get("pages", []):
                body = _load(self.dir / name)
                m = _TOKEN_RE.search(body)
                route["pages"].append(body)
                route["files"].append(str(self.dir / name))
                route["tokens"].append(m.group(1).decode() if m and m.group(1) else None)
            self.routes.append(route)

    def _by_name(self) -> list[dict]:
        groups: dict[str, list[tuple[int, str]]] = {}
        for p in sorted(self.dir.iterdir()):
            m = re.fullmatch(r"([A-Z][A-Za-z0-9]+)(?:\.page(\d+))?\.xml(?:\.gz)?", p.name)
            if m:
                groups.setdefault(m.group(1), []).append((int(m.group(2) or 1), p.name))
        return [{"action": a, "pages": [n for _, n in sorted(v)]} for a, v in groups.items()]


class Router:
    def __init__(self, sets: list[str | Path]):
        self.sets = [FixtureSet(s) for s in sets]
        self.by_action: dict[str, list[dict]] = {}
        for fs in self.sets:
            mine: dict[str, list[dict]] = {}
            for r in fs.routes:
                mine.setdefault(r["action"], []).append(r)
            self.by_action.update(mine)  # a later set replaces the action's routes

    def summary(self) -> dict:
        return {a: [len(r["pages"]) if not r["error"] else "error" for r in rs] for a, rs in self.by_action.items()}

    def find(self, action: str, params: dict[str, str]) -> dict | None:
        for r in self.by_action.get(action, []):
            if all(params.get(k) == v for k, v in r["match"].items()):
                return r
        return None


def parse_params(method: str, query: str, body: bytes, content_type: str) -> list[tuple[str, str]]:
    pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
    if body and (method == "POST") and ("json" not in content_type):
        pairs += urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    return pairs


class ReplayPeer(ec2_wire.Peer):
    """Serves EC2 actions from a Router. Stand-ins override ``intercept`` to inject faults."""

    kind = "static"

    def __init__(self, args: argparse.Namespace, sets: list[str | Path] | None = None):
        super().__init__(args)
        self.router = Router(sets if sets is not None else args.set)
        self.issued: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def ready_info(self) -> dict:
        return {"sets": [str(s.dir) for s in self.router.sets], "actions": self.router.summary(),
                "env": {"AWS_ENDPOINT_URL_EC2": None}}

    def reset(self, query):
        super().reset(query)
        with self.lock:
            self.issued.clear()

    # Hook for stand-ins: return (status, headers, body) to answer instead of the replay, or None.
    def intercept(self, action: str, params: dict[str, str], auth: dict | None, entry: dict):
        return None

    def error(self, code: str, message: str | None = None, status: int | None = None) -> tuple[int, dict, bytes]:
        st, body = ec2_wire.ec2_error(code, message)
        return status or st, {"Content-Type": ec2_wire.XML_CONTENT_TYPE}, body

    def handle(self, h, method, path, query, body):
        headers = {k: v for k, v in h.headers.items()}
        pairs = parse_params(method, query, body, h.headers.get("Content-Type", ""))
        params = dict(pairs)
        auth = ec2_wire.parse_authorization(h.headers.get("Authorization"))
        action = params.get("Action", "")
        entry = {"method": method, "path": path, "action": action, "params": pairs, "headers": headers,
                 "bodyLength": len(body), "auth": auth}
        status, out_headers, out = self._answer(method, path, action, params, pairs, auth, entry)
        if getattr(self.args, "latency_ms", 0):
            time.sleep(self.args.latency_ms / 1000.0)
        entry["status"] = status
        self.record(entry)
        out_headers.setdefault("Server", "AmazonEC2")
        out_headers.setdefault("x-amzn-RequestId", ec2_wire.request_id())
        return status, out_headers, out

    def _answer(self, method, path, action, params, pairs, auth, entry):
        if path != "/":
            return 404, {"Content-Type": "text/plain"}, b"EC2 answers on / only\n"
        if getattr(self.args, "require_auth", False) and (auth is None or auth["service"] != "ec2"):
            return self.error("AuthFailure", "AWS was not able to validate the provided access credentials "
                                             "(no SigV4 Authorization for service ec2)")
        if not action:
            return self.error("MissingAction")
        faked = self.intercept(action, params, auth, entry)
        if faked is not None:
            return faked
        if not params.get("Version"):
            return self.error("MissingParameter")
        route = self.router.find(action, params)
        if route is None:
            if action in self.router.by_action:
                return self.error("InvalidParameterValue", f"no recorded response matches {action} with these "
                                                           f"parameters (static_server)")
            return self.error("InvalidAction", f"The action {action} is not valid for this web service.")
        rng = PAGINATED.get(action, ())
        token = params.get("NextToken")
        if rng is None and not route["offModel"]:
            for p in ("MaxResults", "NextToken"):
                if p in params:
                    return self.error("UnknownParameter", f"The parameter {p} is not recognized")
        if rng and "MaxResults" in params:
            try:
                n = int(params["MaxResults"])
            except ValueError:
                n = -1
            if not rng[0] <= n <= rng[1]:
                return self.error("InvalidParameterValue",
                                  f"Value ( {params['MaxResults']} ) for parameter maxResults is invalid. "
                                  f"Expecting a value between {rng[0]} and {rng[1]}.")
        if route["error"]:
            e = route["error"]
            msg = e.get("message", "").format_map(_Missing(params))
            return self.error(e["code"], msg or None, e.get("status"))
        index = 0
        if token:
            try:
                index = route["tokens"].index(token) + 1
            except ValueError:
                return self.error("InvalidPaginationToken", f"Invalid pagination token: {token[:64]}")
            others = sorted((k, v) for k, v in pairs if k != "NextToken")
            with self.lock:
                before = self.issued.get((action, token))
            if before is not None and before != others and not getattr(self.args, "lenient", False):
                changed = sorted({k for k, _ in set(before) ^ set(others)})
                return self.error("InvalidParameterCombination",
                                  "static_server: a later page must repeat every parameter of the first request "
                                  f"except NextToken; changed: {', '.join(changed)}")
        body = route["pages"][index]
        entry["page"] = index + 1
        entry["pages"] = len(route["pages"])
        next_tok = route["tokens"][index]
        if next_tok:
            with self.lock:
                self.issued[(action, next_tok)] = sorted((k, v) for k, v in pairs if k != "NextToken")
        return 200, {"Content-Type": ec2_wire.XML_CONTENT_TYPE}, body

    def stats(self):
        by_action: dict[str, int] = {}
        for e in self.log:
            by_action[e["action"]] = by_action.get(e["action"], 0) + 1
        return {"byAction": by_action}


class _Missing(dict):
    def __missing__(self, key):
        return ""


def add_replay_args(ap: argparse.ArgumentParser, default_sets: list[str] | None = None) -> None:
    ap.add_argument("--set", action="append", default=None, metavar="DIR",
                    help="fixture set directory (repeatable; later sets override earlier ones per action)")
    ap.add_argument("--latency-ms", type=float, default=0, help="sleep this long before each answer")
    ap.add_argument("--require-auth", action="store_true",
                    help="answer 401 AuthFailure to requests without a SigV4 Authorization for ec2")
    ap.add_argument("--lenient", action="store_true",
                    help="do not check that later pages repeat the first request's parameters")
    ap.set_defaults(default_sets=default_sets or [])


def resolve_sets(args) -> list[str]:
    here = Path(__file__).resolve().parent
    sets = args.set if args.set else args.default_sets
    out = []
    for s in sets:
        p = Path(s)
        if not p.exists() and (here / s).exists():
            p = here / s
        out.append(str(p))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="replay recorded EC2 responses on loopback",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ec2_wire.add_server_args(ap)
    add_replay_args(ap, default_sets=["fixtures/demo"])
    args = ap.parse_args(argv)
    args.set = resolve_sets(args)
    peer = ReplayPeer(args)
    return ec2_wire.serve(peer)


if __name__ == "__main__":
    sys.exit(main())
