#!/usr/bin/env python3
"""Write the hand-made EC2/STS/IMDS fixtures under fixtures/ (deterministic).

The EC2 success responses are the demo bundle (``Sources/Inventory/Demo/aws``,
awscli JSON) serialised back into EC2 Query XML **through the botocore 1.43
service model**: every element name is the model's ``locationName``, lists are
``<xSet><item>``, booleans ``true``/``false``, timestamps ISO-8601 with
``.000Z``, the envelope ``<OpResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">``
with ``<requestId>`` first, indented by 4 spaces as EC2 does. Each file is
parsed back with botocore's own EC2 parser and must give the demo JSON again,
so the XML and the bundle cannot disagree.

Sets (each directory has a manifest.json that static_server.py reads):

* ``demo/``   one page per action; GetSubnetCidrReservations per SubnetId.
* ``paged/``  the same data in two pages with ``nextToken`` (layer it over demo/).
* ``cases/``  route tables with ``blackhole`` routes and an edge (gateway)
  association (layer it over demo/), plus unrouted parse-only variants.
* ``errors/`` EC2 error documents with their HTTP status, and proxy HTML pages.
* ``sts/``, ``imds/``, ``container/``  credential-source bodies.

``fixtures/bench/`` is NOT written here: record_moto_responses.py records it.

    python3 make_fixtures.py           # (re)write fixtures/
    python3 make_fixtures.py --check   # exit 1 if a file would change
"""

from __future__ import annotations

import argparse
import base64
import copy
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import botocore.session
from botocore.parsers import create_parser

import ec2_wire

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
DEMO_DIR = HERE.parents[2] / "Sources" / "Inventory" / "Demo" / "aws"

DEMO_FILES = {
    "DescribeVpcs": "describe-vpcs.json",
    "DescribeSubnets": "describe-subnets.json",
    "GetSubnetCidrReservations": "get-subnet-cidr-reservations.json",
    "DescribeAddresses": "describe-addresses.json",
    "DescribeNetworkInterfaces": "describe-network-interfaces.json",
    "DescribeInstances": "describe-instances.json",
    "DescribeRouteTables": "describe-route-tables.json",
    "DescribeNatGateways": "describe-nat-gateways.json",
    "DescribeSecurityGroups": "describe-security-groups.json",
    "DescribeNetworkAcls": "describe-network-acls.json",
}
# The packet path around the demo that the demo bundle does not hold (awscli JSON in bundle file
# names, Tests/Peers/ec2/demo-path): served by demo/ too. Outputs that do not name their owner
# are routed by the request parameter that does.
PATH_DIR = HERE / "demo-path"
PATH_FILES = {
    "DescribeVpcEndpoints": "describe-vpc-endpoints.json",
    "DescribeEgressOnlyInternetGateways": "describe-egress-only-internet-gateways.json",
    "DescribeTransitGatewayAttachments": "describe-transit-gateway-attachments.json",
    "DescribeTransitGatewayVpcAttachments": "describe-transit-gateway-vpc-attachments.json",
    "DescribeTransitGatewayRouteTables": "describe-transit-gateway-route-tables.json",
    "DescribeInstanceTypes": "describe-instance-types.json",
    "DescribeManagedPrefixLists": "describe-managed-prefix-lists.json",
}
PATH_OWNED = [  # (action, file-name prefix, owner parameter, id prefix)
    ("GetManagedPrefixListEntries", "get-managed-prefix-list-entries-", "PrefixListId", "pl-"),
    ("GetTransitGatewayRouteTableAssociations", "get-transit-gateway-route-table-associations-",
     "TransitGatewayRouteTableId", "tgw-rtb-"),
    ("SearchTransitGatewayRoutes", "search-transit-gateway-routes-", "TransitGatewayRouteTableId", "tgw-rtb-"),
]
LIST_KEY = {
    "DescribeVpcs": "Vpcs", "DescribeSubnets": "Subnets", "DescribeAddresses": "Addresses",
    "DescribeNetworkInterfaces": "NetworkInterfaces", "DescribeInstances": "Reservations",
    "DescribeRouteTables": "RouteTables", "DescribeNatGateways": "NatGateways",
}
# (action, items on page 1). DescribeAddresses is NOT paginated by EC2 (no MaxResults/NextToken in
# the model); its pair exists because it was asked for, and is marked offModel in the manifest.
PAGED = [("DescribeSubnets", 5), ("DescribeNetworkInterfaces", 8), ("DescribeRouteTables", 2),
         ("DescribeInstances", 3), ("DescribeAddresses", 3)]

_MODEL = None


def model():
    global _MODEL
    if _MODEL is None:
        _MODEL = botocore.session.get_session().get_service_model("ec2")
    return _MODEL


# ------------------------------------------------------------------------------------------
# JSON (botocore/awscli shape) -> EC2 Query XML, driven by the service model
# ------------------------------------------------------------------------------------------

def _timestamp(value) -> str:
    if isinstance(value, dt.datetime):
        t = value
    else:
        t = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone.utc)
    t = t.astimezone(dt.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def _scalar(shape, value) -> str:
    t = shape.type_name
    if t == "boolean":
        return "true" if value else "false"
    if t in ("integer", "long"):
        return str(int(value))
    if t in ("float", "double"):
        return repr(float(value))
    if t == "timestamp":
        return _timestamp(value)
    if t == "blob":
        return base64.b64encode(value if isinstance(value, bytes) else str(value).encode()).decode()
    return str(value)


def _emit(shape, value, name: str, depth: int, out: list[str], path: str) -> None:
    pad = "    " * depth
    t = shape.type_name
    if t == "structure":
        unknown = set(value) - set(shape.members)
        if unknown:
            raise ValueError(f"{path}: keys not in the botocore model {shape.name}: {sorted(unknown)}")
        children = [(k, m) for k, m in shape.members.items() if k in value and value[k] is not None]
        if not children:
            out.append(f"{pad}<{name}/>")
            return
        out.append(f"{pad}<{name}>")
        for k, m in children:
            _emit(m, value[k], m.serialization.get("name", k), depth + 1, out, f"{path}.{k}")
        out.append(f"{pad}</{name}>")
    elif t == "list":
        if not value:
            out.append(f"{pad}<{name}/>")
            return
        item = shape.member.serialization.get("name", "item")
        out.append(f"{pad}<{name}>")
        for i, v in enumerate(value):
            _emit(shape.member, v, item, depth + 1, out, f"{path}[{i}]")
        out.append(f"{pad}</{name}>")
    elif t == "map":
        raise ValueError(f"{path}: maps do not occur in these EC2 outputs")
    else:
        text = _scalar(shape, value)
        out.append(f"{pad}<{name}/>" if text == "" else f"{pad}<{name}>{escape(text)}</{name}>")


def ec2_response(op: str, data: dict, rid_seed: str) -> bytes:
    """The EC2 XML body for ``op`` whose botocore-shaped output is ``data``."""
    shape = model().operation_model(op).output_shape
    unknown = set(data) - set(shape.members) - {"ResponseMetadata"}
    if unknown:
        raise ValueError(f"{op}: keys not in the output shape: {sorted(unknown)}")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<{op}Response xmlns="{ec2_wire.EC2_NS}">',
             f"    <requestId>{ec2_wire.request_id(rid_seed)}</requestId>"]
    members = [k for k in shape.members if k != "NextToken"] + (["NextToken"] if "NextToken" in shape.members else [])
    for k in members:
        if k in data and data[k] is not None:
            m = shape.members[k]
            _emit(m, data[k], m.serialization.get("name", k), 1, lines, k)
    lines.append(f"</{op}Response>")
    return ("\n".join(lines)).encode("utf-8")


def parse_with_botocore(op: str, body: bytes, status: int = 200) -> dict:
    """Parse an EC2 response body with botocore's EC2 parser (the oracle)."""
    shape = model().operation_model(op).output_shape
    parsed = create_parser("ec2").parse({"body": body, "headers": {}, "status_code": status}, shape)
    return parsed


def normalise(value):
    """Make botocore-parsed output comparable with awscli JSON (timestamps as datetimes, UTC)."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).replace(microsecond=0)
    if isinstance(value, str) and len(value) >= 20 and value[4] == "-" and value[10] == "T":
        try:
            t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if t.tzinfo is not None:
                return t.astimezone(dt.timezone.utc).replace(microsecond=0)
        except ValueError:
            pass
    return value


def next_token(op: str, page: int) -> str:
    """An opaque token that needs percent-encoding in a form body (starts '+/+/', ends '=')."""
    raw = b"\xfb\xff\xbf" + hashlib.sha256(f"{op}:{page}".encode()).digest()
    return base64.b64encode(raw).decode()


# ------------------------------------------------------------------------------------------
# Sets
# ------------------------------------------------------------------------------------------

def load_demo(demo_dir: Path = DEMO_DIR) -> dict[str, dict]:
    out = {}
    for op, name in DEMO_FILES.items():
        with open(demo_dir / name, encoding="utf-8") as fh:
            out[op] = json.load(fh)
    return out


def build(demo_dir: Path = DEMO_DIR) -> dict[str, bytes]:
    """Every fixture file: relative path -> bytes."""
    demo = load_demo(demo_dir)
    files: dict[str, bytes] = {}

    def put(path: str, body: bytes, op: str | None = None, expect: dict | None = None) -> None:
        if op is not None and expect is not None:
            got = normalise(parse_with_botocore(op, body))
            want = normalise(expect)
            if got != want:
                raise AssertionError(f"{path}: botocore does not parse back what was serialised")
        files[path] = body

    # ---- demo/ -----------------------------------------------------------------------------
    routes = []
    for op in DEMO_FILES:
        if op == "GetSubnetCidrReservations":
            continue
        name = f"{op}.xml"
        put(f"demo/{name}", ec2_response(op, demo[op], f"demo/{op}"), op, demo[op])
        routes.append({"action": op, "pages": [name]})
    all_res = demo["GetSubnetCidrReservations"]
    for s in demo["DescribeSubnets"]["Subnets"]:
        sid = s["SubnetId"]
        data = {"SubnetIpv4CidrReservations": [r for r in all_res.get("SubnetIpv4CidrReservations", [])
                                               if r["SubnetId"] == sid],
                "SubnetIpv6CidrReservations": [r for r in all_res.get("SubnetIpv6CidrReservations", [])
                                               if r["SubnetId"] == sid]}
        name = f"GetSubnetCidrReservations.{sid}.xml"
        put(f"demo/{name}", ec2_response("GetSubnetCidrReservations", data, f"demo/gscr/{sid}"),
            "GetSubnetCidrReservations", data)
        routes.append({"action": "GetSubnetCidrReservations", "match": {"SubnetId": sid}, "pages": [name]})
    routes.append({"action": "GetSubnetCidrReservations", "error": {
        "code": "InvalidSubnetID.NotFound", "status": 400,
        "message": "The subnet ID '{SubnetId}' does not exist"}})
    for op, name in PATH_FILES.items():
        with open(PATH_DIR / name, encoding="utf-8") as fh:
            data = json.load(fh)
        put(f"demo/{op}.xml", ec2_response(op, data, f"demo/{op}"), op, data)
        routes.append({"action": op, "pages": [f"{op}.xml"]})
    for op, stem, parameter, _ in PATH_OWNED:
        for path in sorted(PATH_DIR.glob(stem + "*.json")):
            owner = path.stem[len(stem):]
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
            name = f"{op}.{owner}.xml"
            put(f"demo/{name}", ec2_response(op, data, f"demo/{op}/{owner}"), op, data)
            routes.append({"action": op, "match": {parameter: owner}, "pages": [name]})
    files["demo/manifest.json"] = manifest({
        "description": "The demo bundle (Sources/Inventory/Demo/aws) as EC2 Query XML, one page per action. "
                       "Serialised through the botocore 1.43.11 model and parsed back with botocore's EC2 parser. "
                       "EIPs on secondary private IPs (203.0.113.10 -> 10.0.41.20, 203.0.113.11 -> 10.0.42.37, "
                       "198.51.100.20 -> 10.0.41.58) with the per-IP association inside privateIpAddressesSet.",
        "source": "Sources/Inventory/Demo/aws/*.json",
        "routes": routes,
    })

    # ---- paged/ ----------------------------------------------------------------------------
    routes = []
    for op, first in PAGED:
        key = LIST_KEY[op]
        items = demo[op][key]
        pages = [items[:first], items[first:]]
        names = []
        for i, chunk in enumerate(pages, start=1):
            data = {key: chunk}
            if i < len(pages):
                data["NextToken"] = next_token(op, i)
            name = f"{op}.page{i}.xml"
            body = ec2_response(op, {key: chunk} if op == "DescribeAddresses" else data, f"paged/{op}/{i}")
            if op == "DescribeAddresses" and "NextToken" in data:
                # not in the model: botocore would drop it, so splice it in by hand
                body = body.replace(b"</DescribeAddressesResponse>",
                                    f"    <nextToken>{data['NextToken']}</nextToken>\n"
                                    f"</DescribeAddressesResponse>".encode())
                put(f"paged/{name}", body, op, {key: chunk})
            else:
                put(f"paged/{name}", body, op, data)
            names.append(name)
        route = {"action": op, "pages": names, "tokens": [next_token(op, 1)]}
        if op == "DescribeAddresses":
            route["offModel"] = True
            route["note"] = ("EC2 does not paginate DescribeAddresses: the botocore model has no MaxResults/"
                             "NextToken for it and awscli ignores this nextToken. Use only to check that a client "
                             "does NOT follow it (or, if it does, that the server answers the second page).")
        routes.append(route)
    files["paged/manifest.json"] = manifest({
        "description": "The demo data split into two pages; page 1 carries <nextToken> (opaque, contains + / = "
                       "so it must be percent-encoded in the form body). Layer over demo/: "
                       "static_server.py --set fixtures/demo --set fixtures/paged",
        "routes": routes,
    })

    # ---- cases/ ----------------------------------------------------------------------------
    rt = copy.deepcopy(demo["DescribeRouteTables"])
    private, public, main = (next(t for t in rt["RouteTables"] if t["RouteTableId"] == i) for i in
                             ("rtb-0a7e1c2d3b4f50617", "rtb-0b6f2e3d4c5a70618", "rtb-0c5a3f4e5d6b80619"))
    private["Routes"].insert(3, {"DestinationCidrBlock": "172.16.5.0/24", "NetworkInterfaceId": "eni-0d5a1e7ed00b1ac4e",
                                 "Origin": "CreateRoute", "State": "blackhole"})
    main["Routes"].append({"DestinationCidrBlock": "192.168.0.0/16", "NatGatewayId": "nat-0b1ac4e0dead00001",
                           "Origin": "CreateRoute", "State": "blackhole"})
    rt["RouteTables"].append({
        "Associations": [{"Main": False, "RouteTableAssociationId": "rtbassoc-0e1d2c3b4a5f60718",
                          "RouteTableId": "rtb-0d4b2a1c3e5f70620", "GatewayId": "igw-0b1c2d3e4f5a60789",
                          "AssociationState": {"State": "associated"}}],
        "PropagatingVgws": [], "RouteTableId": "rtb-0d4b2a1c3e5f70620",
        "Routes": [
            {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
            {"DestinationCidrBlock": "100.64.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
            {"DestinationCidrBlock": "10.0.250.0/24", "GatewayId": "vpce-0a1b2c3d4e5f60718", "Origin": "CreateRoute",
             "State": "active"}],
        "Tags": [{"Key": "Name", "Value": "prod-use1-igw-ingress"}],
        "VpcId": "vpc-0c0ffee0d15ea5e01", "OwnerId": "123456789012"})
    put("cases/DescribeRouteTables.blackhole.xml",
        ec2_response("DescribeRouteTables", rt, "cases/rtb-blackhole"), "DescribeRouteTables", rt)
    empty = {"Addresses": []}
    put("cases/DescribeAddresses.empty-set.xml", ec2_response("DescribeAddresses", empty, "cases/eip-empty"),
        "DescribeAddresses", empty)
    omitted = ('<?xml version="1.0" encoding="UTF-8"?>\n<DescribeSubnetsResponse xmlns="'
               f'{ec2_wire.EC2_NS}">\n    <requestId>{ec2_wire.request_id("cases/subnets-omitted")}</requestId>\n'
               "</DescribeSubnetsResponse>").encode()
    put("cases/DescribeSubnets.omitted-set.xml", omitted, "DescribeSubnets", {})
    files["cases/manifest.json"] = manifest({
        "description": "Layer over demo/. DescribeRouteTables gains two blackhole routes (172.16.5.0/24 via a deleted "
                       "ENI in prod-use1-private, longer than the active 172.16.0.0/12 tgw route, so it wins and "
                       "drops; 192.168.0.0/16 via a deleted NAT gateway in the main table) and a fourth table with an "
                       "edge association (associationSet/item/gatewayId = the igw) routing 10.0.250.0/24 to the "
                       "GWLB endpoint. Unrouted parse-only files: DescribeAddresses.empty-set.xml (<addressesSet/>), "
                       "DescribeSubnets.omitted-set.xml (the list element left out).",
        "routes": [{"action": "DescribeRouteTables", "pages": ["DescribeRouteTables.blackhole.xml"]}],
        "parseOnly": ["DescribeAddresses.empty-set.xml", "DescribeSubnets.omitted-set.xml"],
    })

    # ---- errors/ ---------------------------------------------------------------------------
    docs = []
    principal = "arn:aws:sts::123456789012:assumed-role/gatewatch-readonly/jump-1"

    def err(name: str, code: str, message: str | None = None, note: str = "") -> None:
        status, body = ec2_wire.ec2_error(code, message, ec2_wire.request_id(f"errors/{name}"))
        parsed = create_parser("ec2").parse({"body": body, "headers": {}, "status_code": status},
                                            model().operation_model("DescribeAddresses").output_shape)
        assert parsed["Error"]["Code"] == code, name
        files[f"errors/{name}"] = body
        docs.append({"file": name, "status": status, "code": code, "contentType": ec2_wire.XML_CONTENT_TYPE,
                     "requestId": ec2_wire.request_id(f"errors/{name}"), "note": note})

    err("RequestLimitExceeded.xml", "RequestLimitExceeded", note="throttling; retry with backoff")
    err("UnauthorizedOperation.xml", "UnauthorizedOperation",
        ec2_wire.unauthorized_message("DescribeAddresses", principal,
                                      ec2_wire.encoded_authorization_message("errors/UnauthorizedOperation")),
        note="permission; names ec2:DescribeAddresses; carries an encoded authorization message")
    err("UnauthorizedOperation-plain.xml", "UnauthorizedOperation",
        ec2_wire.unauthorized_message("GetSubnetCidrReservations", principal, None),
        note="permission; names ec2:GetSubnetCidrReservations (not covered by ec2:Describe*); no encoded message")
    err("ExpiredToken.xml", "ExpiredToken", note="expired temporary credentials; refresh once and retry once")
    err("RequestExpired.xml", "RequestExpired", note="expired credentials or skewed clock (EC2's usual wording)")
    err("AuthFailure.xml", "AuthFailure", note="bad key or signature; no retry")
    err("InvalidParameterValue.xml", "InvalidParameterValue", note="request bug; no retry")
    err("InvalidPaginationToken.xml", "InvalidPaginationToken", note="restart the listing from page 1")
    err("InternalError.xml", "InternalError", note="transient; retry")
    err("InvalidSubnetID.NotFound.xml", "InvalidSubnetID.NotFound",
        "The subnet ID 'subnet-0123456789abcdef0' does not exist", note="not found; no retry")
    proxy = ("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n"
             "<html><head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n"
             "<title>ERROR: The requested URL could not be retrieved</title>\n</head><body>\n"
             "<h1>ERROR</h1>\n<h2>The requested URL could not be retrieved</h2>\n<hr>\n"
             "<p>The following error was encountered while trying to retrieve the URL: "
             "<a href=\"https://ec2.us-east-1.amazonaws.com/\">https://ec2.us-east-1.amazonaws.com/</a></p>\n"
             "<p><b>Connection to 54.239.28.85 failed.</b><br>\nThe system returned: (110) Connection timed out</p>\n"
             "<p>Your cache administrator is <a href=\"mailto:netops@example.com\">netops@example.com</a>.</p>\n"
             "<br>\n<hr>\n<div id=\"footer\"><p>Generated Wed, 25 Nov 2026 14:00:00 GMT by proxy.corp.example "
             "(squid/5.7)</p></div>\n</body></html>\n")
    files["errors/proxy-502.html"] = proxy.encode()
    docs.append({"file": "proxy-502.html", "status": 502, "code": None, "contentType": "text/html;charset=utf-8",
                 "note": "a corporate proxy's page; NOT well-formed XML; classify by HTTP status alone (transient)"})
    elb = ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
           "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n")
    files["errors/elb-502.html"] = elb.encode()
    docs.append({"file": "elb-502.html", "status": 502, "code": None, "contentType": "text/html",
                 "note": "a load balancer's page (awselb/2.0 style); happens to be well-formed XML but has no "
                         "<Errors>; classify by HTTP status alone (transient)"})
    files["errors/manifest.json"] = manifest({
        "description": "EC2 error documents (aws-ec2.md section 3): <Response><Errors><Error><Code/><Message/></Error>"
                       "</Errors><RequestID/></Response>, served with the listed HTTP status and Content-Type. "
                       "Each XML one parses with botocore's EC2 error parser.",
        "documents": docs,
    })

    # ---- sts/ ------------------------------------------------------------------------------
    creds = {"AccessKeyId": "ASIASTSX000000000001", "SecretAccessKey": "s3cr3t/STSexample+0123456789abcdefghijkl",
             "SessionToken": "FwoGZXIvYXdzEXAMPLE//////////wEaDEXAMPLETOKEN+a/b=c" * 4,
             "Expiration": "2026-11-25T15:00:00Z"}
    files["sts/AssumeRole.xml"] = ec2_wire.sts_credentials_response(
        "AssumeRole", creds, "arn:aws:iam::123456789012:role/gatewatch-readonly", "gatewatch",
        ec2_wire.request_id("sts/AssumeRole"))
    creds2 = dict(creds, AccessKeyId="ASIAWEBI000000000001")
    files["sts/AssumeRoleWithWebIdentity.xml"] = ec2_wire.sts_credentials_response(
        "AssumeRoleWithWebIdentity", creds2, "arn:aws:iam::123456789012:role/gatewatch-irsa", "gatewatch-irsa",
        ec2_wire.request_id("sts/AssumeRoleWithWebIdentity"))
    files["sts/AccessDenied.xml"] = ec2_wire.sts_error(
        "AccessDenied", "User: arn:aws:iam::123456789012:user/jump is not authorized to perform: sts:AssumeRole on "
                        "resource: arn:aws:iam::123456789012:role/gatewatch-readonly", ec2_wire.request_id("sts/AD"))
    files["sts/InvalidIdentityToken.xml"] = ec2_wire.sts_error(
        "InvalidIdentityToken", "Couldn't retrieve verification key from your identity provider,  please reference "
                                "AssumeRoleWithWebIdentity documentation for requirements", ec2_wire.request_id("sts/IIT"))
    files["sts/ExpiredTokenException.xml"] = ec2_wire.sts_error(
        "ExpiredTokenException", "Token expired: current date/time 1764079200 must be before the expiration date/time "
                                 "1764075600", ec2_wire.request_id("sts/ETE"))
    files["sts/manifest.json"] = manifest({
        "description": "STS (Query protocol, Version 2011-06-15) bodies: results wrapped in <OpResult>, "
                       "ResponseMetadata/RequestId; errors are <ErrorResponse><Error><Type/><Code/><Message/>"
                       "</Error><RequestId/></ErrorResponse> (not EC2's <Response><Errors>).",
        "documents": [
            {"file": "AssumeRole.xml", "status": 200}, {"file": "AssumeRoleWithWebIdentity.xml", "status": 200},
            {"file": "AccessDenied.xml", "status": 403, "code": "AccessDenied"},
            {"file": "InvalidIdentityToken.xml", "status": 400, "code": "InvalidIdentityToken"},
            {"file": "ExpiredTokenException.xml", "status": 400, "code": "ExpiredTokenException"}],
    })

    # ---- imds/ and container/ ----------------------------------------------------------------
    files["imds/security-credentials.json"] = (json.dumps({
        "Code": "Success", "LastUpdated": "2026-11-25T13:58:02Z", "Type": "AWS-HMAC",
        "AccessKeyId": "ASIAIMDS000000000001", "SecretAccessKey": "imdsSecretEXAMPLE/0123456789+abcdefghijk",
        "Token": "IQoJb3JpZ2luX2VjEXAMPLEimdsTOKEN" * 8, "Expiration": "2026-11-25T20:11:47Z"}, indent=2)
        + "\n").encode()
    files["imds/instance-identity-document.json"] = (json.dumps({
        "accountId": "123456789012", "architecture": "x86_64", "availabilityZone": "us-east-1a",
        "billingProducts": None, "devpayProductCodes": None, "marketplaceProductCodes": None,
        "imageId": "ami-0b5e3f6a7c8d9e012", "instanceId": "i-0c2a4e6f8b0d13579", "instanceType": "t3.small",
        "kernelId": None, "pendingTime": "2026-10-28T04:08:40Z", "privateIp": "10.0.250.10", "ramdiskId": None,
        "region": "us-east-1", "version": "2017-09-30"}, indent=2) + "\n").encode()
    files["container/credentials.json"] = (json.dumps({
        "AccessKeyId": "ASIACONT000000000001", "SecretAccessKey": "containerSecretEXAMPLE/0123456789+abcdefg",
        "Token": "IQoJb3JpZ2luX2VjEXAMPLEcontainerTOKEN" * 8, "Expiration": "2026-11-25T20:00:00Z",
        "RoleArn": "arn:aws:iam::123456789012:role/gatewatch-task"}, indent=2) + "\n").encode()
    return files


def manifest(obj: dict) -> bytes:
    return (json.dumps(obj, indent=2) + "\n").encode()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="write or check the hand-made fixtures")
    ap.add_argument("--check", action="store_true", help="only compare; exit 1 on any difference")
    ap.add_argument("--demo-dir", type=Path, default=DEMO_DIR)
    args = ap.parse_args(argv)
    files = build(args.demo_dir)
    changed = []
    for rel, body in sorted(files.items()):
        path = FIXTURES / rel
        old = path.read_bytes() if path.exists() else None
        if old != body:
            changed.append(rel)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(body)
    if args.check:
        for rel in changed:
            print(f"would change: fixtures/{rel}")
        return 1 if changed else 0
    print(f"{len(files)} files, {len(changed)} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
