"""The Python-side EC2 test assets: fixtures, static_server.py, stand_ins.py, the SigV4 vectors."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import hmac
import json
import re
import signal
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import botocore.session
import pytest
from botocore.parsers import create_parser

from conftest import HERE, http
import make_fixtures
import seed_moto
import sigv4_vectors

FIX = HERE / "fixtures"
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def child(el, name):
    return next((c for c in el if local(c.tag) == name), None)


def text(el, name, default=None):
    c = child(el, name)
    return c.text if c is not None and c.text is not None else default


def items(root, list_name):
    lst = child(root, list_name)
    return [] if lst is None else [c for c in lst if local(c.tag) == "item"]


def form(**params) -> bytes:
    return urllib.parse.urlencode({"Version": "2016-11-15", **params}).encode()


def ec2_post(url: str, body: bytes, headers: dict | None = None):
    return http("POST", url + "/", body, {**FORM, **(headers or {})})


def error_code(body: bytes) -> str:
    root = ET.fromstring(body)
    assert local(root.tag) == "Response" and text(root, "RequestID")
    return text(child(child(root, "Errors"), "Error"), "Code")


# ------------------------------------------------------------------------------------------------
# Fixtures
# ------------------------------------------------------------------------------------------------


def test_every_xml_fixture_is_well_formed():
    files = sorted(p for p in FIX.rglob("*") if p.name.endswith((".xml", ".xml.gz")))
    assert len(files) >= 45
    for p in files:
        data = p.read_bytes()
        ET.fromstring(gzip.decompress(data) if p.name.endswith(".gz") else data)


def test_hand_made_fixtures_do_not_drift():
    """make_fixtures.py regenerates every file byte for byte (and re-parses each with botocore)."""
    built = make_fixtures.build()
    for rel, body in built.items():
        assert (FIX / rel).read_bytes() == body, f"fixtures/{rel} drifted: run python3 make_fixtures.py"


def test_demo_set_is_the_demo_bundle_through_botocore():
    demo = make_fixtures.load_demo()
    for op in make_fixtures.LIST_KEY:
        parsed = make_fixtures.parse_with_botocore(op, (FIX / "demo" / f"{op}.xml").read_bytes())
        assert make_fixtures.normalise(parsed) == make_fixtures.normalise(demo[op]), op


def test_eip_on_a_secondary_private_ip_with_per_ip_association():
    """The join moto cannot produce: EIP -> ENI secondary IP -> instance (aws-ec2.md 2.3)."""
    eips = {text(i, "publicIp"): i for i in items(ET.parse(FIX / "demo/DescribeAddresses.xml").getroot(), "addressesSet")}
    enis = {text(i, "networkInterfaceId"): i for i in
            items(ET.parse(FIX / "demo/DescribeNetworkInterfaces.xml").getroot(), "networkInterfaceSet")}
    on_secondary = 0
    for public_ip, eip in eips.items():
        if text(eip, "associationId") is None or text(eip, "networkInterfaceId") not in enis:
            continue
        eni = enis[text(eip, "networkInterfaceId")]
        ips = {text(p, "privateIpAddress"): p for p in items(eni, "privateIpAddressesSet")}
        ip = ips[text(eip, "privateIpAddress")]
        if text(ip, "primary") == "false":
            on_secondary += 1
            assoc = child(ip, "association")
            assert assoc is not None and text(assoc, "publicIp") == public_ip
            assert text(assoc, "allocationId") == text(eip, "allocationId")
            assert child(eni, "association") is None  # the ENI-level association is for the primary IP only
            assert text(child(eni, "attachment"), "instanceId") == text(eip, "instanceId")
    assert on_secondary == 3
    idle = [p for p, e in eips.items() if text(e, "associationId") is None]
    assert idle == ["203.0.113.12"]


def test_paged_sets_add_up_to_the_single_page():
    spec = json.loads((FIX / "paged/manifest.json").read_text())
    assert {r["action"] for r in spec["routes"]} == {"DescribeAddresses", "DescribeNetworkInterfaces",
                                                     "DescribeSubnets", "DescribeRouteTables", "DescribeInstances"}
    for route in spec["routes"]:
        op = route["action"]
        lst = make_fixtures.model().operation_model(op).output_shape.members[make_fixtures.LIST_KEY[op]] \
            .serialization["name"]
        pages = [ET.parse(FIX / "paged" / p).getroot() for p in route["pages"]]
        assert len(pages) == 2
        token = text(pages[0], "nextToken")
        assert token == route["tokens"][0] and re.search(r"[+/=]", token)
        assert text(pages[1], "nextToken") is None
        whole = ET.parse(FIX / "demo" / f"{op}.xml").getroot()
        def c14n(el):
            el.tail = None
            return ET.canonicalize(ET.tostring(el), strip_text=True)

        assert [c14n(i) for p in pages for i in items(p, lst)] == [c14n(i) for i in items(whole, lst)], op
    assert next(r for r in spec["routes"] if r["action"] == "DescribeAddresses")["offModel"] is True


def test_route_table_case_has_vpce_blackhole_main_and_edge_association():
    root = ET.parse(FIX / "cases/DescribeRouteTables.blackhole.xml").getroot()
    routes = [(text(r, "destinationCidrBlock"), text(r, "state"), text(r, "gatewayId") or text(r, "natGatewayId")
               or text(r, "networkInterfaceId") or text(r, "transitGatewayId"))
              for t in items(root, "routeTableSet") for r in items(t, "routeSet")]
    assert ("0.0.0.0/0", "active", "vpce-0a1b2c3d4e5f60718") in routes
    assert ("172.16.5.0/24", "blackhole", "eni-0d5a1e7ed00b1ac4e") in routes
    assert ("192.168.0.0/16", "blackhole", "nat-0b1ac4e0dead00001") in routes
    assocs = [a for t in items(root, "routeTableSet") for a in items(t, "associationSet")]
    assert sum(text(a, "main") == "true" for a in assocs) == 1
    assert any(text(a, "gatewayId", "").startswith("igw-") for a in assocs)
    assert items(ET.parse(FIX / "cases/DescribeAddresses.empty-set.xml").getroot(), "addressesSet") == []
    assert child(ET.parse(FIX / "cases/DescribeSubnets.omitted-set.xml").getroot(), "subnetSet") is None


def test_cidr_reservations_per_subnet():
    root = ET.parse(FIX / "demo/GetSubnetCidrReservations.subnet-0e1a2b3c4d5e6f702.xml").getroot()
    (r,) = items(root, "subnetIpv4CidrReservationSet")
    assert (text(r, "cidr"), text(r, "reservationType")) == ("10.0.30.0/24", "explicit")
    assert child(root, "subnetIpv6CidrReservationSet") is not None
    empty = ET.parse(FIX / "demo/GetSubnetCidrReservations.subnet-0e1a2b3c4d5e6f701.xml").getroot()
    assert items(empty, "subnetIpv4CidrReservationSet") == []


def test_error_documents():
    spec = json.loads((FIX / "errors/manifest.json").read_text())
    docs = {d["file"]: d for d in spec["documents"]}
    want = {"RequestLimitExceeded.xml": 503, "UnauthorizedOperation.xml": 403, "ExpiredToken.xml": 400,
            "AuthFailure.xml": 401, "InvalidParameterValue.xml": 400, "proxy-502.html": 502}
    for name, status in want.items():
        assert docs[name]["status"] == status, name
    parser = create_parser("ec2")
    shape = make_fixtures.model().operation_model("DescribeAddresses").output_shape
    for name, d in docs.items():
        body = (FIX / "errors" / name).read_bytes()
        if d["code"] is None:
            continue
        assert error_code(body) == d["code"]
        parsed = parser.parse({"body": body, "headers": {}, "status_code": d["status"]}, shape)
        assert parsed["Error"]["Code"] == d["code"] and parsed["ResponseMetadata"]["RequestId"] == d["requestId"]
    msg = ET.fromstring((FIX / "errors/UnauthorizedOperation.xml").read_bytes()).find(".//Message").text
    assert "ec2:DescribeAddresses" in msg and re.search(r"Encoded authorization failure message: [\w-]{200,}", msg)
    with pytest.raises(ET.ParseError):
        ET.fromstring((FIX / "errors/proxy-502.html").read_bytes())
    elb = ET.fromstring((FIX / "errors/elb-502.html").read_bytes())  # XML, but not an EC2 error
    assert elb.find(".//Errors") is None


def test_sts_and_credential_bodies_parse_like_botocore():
    sts = botocore.session.get_session().get_service_model("sts")
    parser = create_parser("query")
    for op in ("AssumeRole", "AssumeRoleWithWebIdentity"):
        body = (FIX / "sts" / f"{op}.xml").read_bytes()
        parsed = parser.parse({"body": body, "headers": {}, "status_code": 200}, sts.operation_model(op).output_shape)
        c = parsed["Credentials"]
        assert c["AccessKeyId"].startswith("ASIA") and c["SessionToken"] and isinstance(c["Expiration"], dt.datetime)
    for name in ("AccessDenied", "InvalidIdentityToken", "ExpiredTokenException"):
        body = (FIX / "sts" / f"{name}.xml").read_bytes()
        parsed = parser.parse({"body": body, "headers": {}, "status_code": 400},
                              sts.operation_model("AssumeRole").output_shape)
        assert parsed["Error"]["Code"] == name
    imds = json.loads((FIX / "imds/security-credentials.json").read_text())
    assert {"Code", "AccessKeyId", "SecretAccessKey", "Token", "Expiration"} <= set(imds)
    assert json.loads((FIX / "imds/instance-identity-document.json").read_text())["region"] == "us-east-1"
    assert {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"} <= \
        set(json.loads((FIX / "container/credentials.json").read_text()))


def test_bench_recordings():
    spec = json.loads((FIX / "bench/manifest.json").read_text())
    total = 0
    for route in spec["routes"]:
        (name,) = route["pages"]
        stored = (FIX / "bench" / name).read_bytes()
        data = gzip.decompress(stored) if name.endswith(".gz") else stored
        meta = spec["files"][name]
        assert hashlib.sha256(data).hexdigest() == meta["sha256"]
        lst = {"DescribeAddresses": "addressesSet", "DescribeNetworkInterfaces": "networkInterfaceSet"}[route["action"]]
        assert len(items(ET.fromstring(data), lst)) == meta["items"]
        total += len(stored)
    assert {r["action"]: spec["files"][r["pages"][0]]["items"] for r in spec["routes"]} == \
           {"DescribeAddresses": 2000, "DescribeNetworkInterfaces": 500}
    assert spec["recorded"]["compressed"] == (total > 5_000_000) or spec["recorded"]["compressed"]


# ------------------------------------------------------------------------------------------------
# static_server.py
# ------------------------------------------------------------------------------------------------


def test_static_server_replays_pages_and_checks_parameters(peer):
    s = peer(["static_server.py", "--set", "fixtures/demo", "--set", "fixtures/paged"])
    url = s["url"]
    assert s["env"]["AWS_ENDPOINT_URL_EC2"] == url
    # a single-page action, byte for byte
    status, headers, body = ec2_post(url, form(Action="DescribeVpcs"))
    assert status == 200 and body == (FIX / "demo/DescribeVpcs.xml").read_bytes()
    assert headers["Content-Type"] == "text/xml;charset=UTF-8"
    # two pages, the token percent-encoded in the body
    first = form(Action="DescribeSubnets", MaxResults="5", **{"Filter.1.Name": "vpc-id",
                                                              "Filter.1.Value.1": "vpc-0c0ffee0d15ea5e01"})
    status, _, p1 = ec2_post(url, first)
    assert status == 200 and p1 == (FIX / "paged/DescribeSubnets.page1.xml").read_bytes()
    token = text(ET.fromstring(p1), "nextToken")
    status, _, p2 = ec2_post(url, first + b"&NextToken=" + urllib.parse.quote(token, safe="").encode())
    assert status == 200 and p2 == (FIX / "paged/DescribeSubnets.page2.xml").read_bytes()
    # the token sent raw ('+' decodes to a space) is not the token
    status, _, body = ec2_post(url, first + b"&NextToken=" + token.encode())
    assert status == 400 and error_code(body) == "InvalidPaginationToken"
    # page 2 with a changed filter
    changed = form(Action="DescribeSubnets", MaxResults="5", NextToken=token)
    status, _, body = ec2_post(url, changed)
    assert status == 400 and error_code(body) == "InvalidParameterCombination"
    # ranges and parameters
    status, _, body = ec2_post(url, form(Action="DescribeRouteTables", MaxResults="1000"))
    assert status == 400 and error_code(body) == "InvalidParameterValue"
    status, _, body = ec2_post(url, b"Action=DescribeVpcs")
    assert status == 400 and error_code(body) == "MissingParameter"
    status, _, body = ec2_post(url, form(Action="DescribeNothing"))
    assert status == 400 and error_code(body) == "InvalidAction"
    status, _, body = ec2_post(url, form(SubnetId="x"))
    assert status == 400 and error_code(body) == "MissingAction"
    # GetSubnetCidrReservations by SubnetId
    status, _, body = ec2_post(url, form(Action="GetSubnetCidrReservations", SubnetId="subnet-0e1a2b3c4d5e6f703"))
    assert status == 200 and b"10.0.46.0/24" in body
    status, _, body = ec2_post(url, form(Action="GetSubnetCidrReservations", SubnetId="subnet-0123"))
    assert status == 400 and error_code(body) == "InvalidSubnetID.NotFound"
    # GET with a query string works too
    status, _, body = http("GET", url + "/?" + form(Action="DescribeNatGateways").decode())
    assert status == 200 and b"nat-0f1e2d3c4b5a69788" in body
    # the request log
    status, _, log = http("GET", url + "/_requests")
    log = json.loads(log)
    assert [e["page"] for e in log if e["action"] == "DescribeSubnets" and e["status"] == 200] == [1, 2]
    assert http("POST", url + "/_reset", b"")[0] == 200
    assert json.loads(http("GET", url + "/_requests")[2]) == []


def test_static_server_rejects_paging_of_describe_addresses_unless_off_model(peer):
    s = peer(["static_server.py", "--set", "fixtures/demo", "--require-auth"])
    status, _, body = ec2_post(s["url"], form(Action="DescribeAddresses"))
    assert status == 401 and error_code(body) == "AuthFailure"
    auth = {"Authorization": "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/ec2/aws4_request, "
                             "SignedHeaders=content-type;host;x-amz-date, Signature=" + "0" * 64}
    status, _, body = ec2_post(s["url"], form(Action="DescribeAddresses", MaxResults="1000"), auth)
    assert status == 400 and error_code(body) == "UnknownParameter"
    status, _, body = ec2_post(s["url"], form(Action="DescribeAddresses"), auth)
    assert status == 200 and body == (FIX / "demo/DescribeAddresses.xml").read_bytes()


def test_awscli_reads_the_demo_set_back_as_the_demo_bundle(peer):
    """awscli (an independent client) against the paged set returns exactly the demo bundle's JSON."""
    s = peer(["static_server.py", "--set", "fixtures/demo", "--set", "fixtures/paged"])
    demo = make_fixtures.load_demo()
    for op, cmd in (("DescribeNetworkInterfaces", "describe-network-interfaces"),
                    ("DescribeRouteTables", "describe-route-tables"), ("DescribeInstances", "describe-instances")):
        got = seed_moto.awscli(s["url"], "us-east-1", cmd)
        assert make_fixtures.normalise(got) == make_fixtures.normalise(demo[op]), op
    log = json.loads(http("GET", s["url"] + "/_requests")[2])
    assert [(e["action"], e["page"]) for e in log] == [
        ("DescribeNetworkInterfaces", 1), ("DescribeNetworkInterfaces", 2), ("DescribeRouteTables", 1),
        ("DescribeRouteTables", 2), ("DescribeInstances", 1), ("DescribeInstances", 2)]
    assert all(e["auth"]["service"] == "ec2" for e in log)


def test_static_server_serves_the_bench_set_and_stops_on_sigterm(peer):
    s = peer(["static_server.py", "--set", "fixtures/bench"])
    status, _, body = ec2_post(s["url"], form(Action="DescribeAddresses"))
    assert status == 200 and body.count(b"<allocationId>") == 2000
    status, _, body = ec2_post(s["url"], form(Action="DescribeNetworkInterfaces", MaxResults="1000"))
    assert status == 200 and body.count(b"<networkInterfaceId>") >= 500
    proc = s["_proc"]
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(5) == 0


# ------------------------------------------------------------------------------------------------
# stand_ins.py
# ------------------------------------------------------------------------------------------------


def test_throttle_then_success(peer):
    s = peer(["stand_ins.py", "throttle", "--failures", "2", "--retry-after-ms", "250"])
    url = s["url"]
    for _ in range(2):
        status, headers, body = ec2_post(url, form(Action="DescribeVpcs"))
        assert status == 503 and error_code(body) == "RequestLimitExceeded"
        assert headers["x-amz-retry-after"] == "250"
    status, _, body = ec2_post(url, form(Action="DescribeVpcs"))
    assert status == 200 and b"vpc-0c0ffee0d15ea5e01" in body
    status, _, _ = ec2_post(url, form(Action="DescribeSubnets"))  # counted per action
    assert status == 503
    stats = json.loads(http("GET", url + "/_stats")[2])
    assert stats["attempts"] == {"DescribeVpcs": 3, "DescribeSubnets": 1} and stats["failed"] == 3
    http("POST", url + "/_reset?failures=1", b"")
    assert ec2_post(url, form(Action="DescribeVpcs"))[0] == 503
    assert ec2_post(url, form(Action="DescribeVpcs"))[0] == 200


def test_throttle_with_awscli_standard_retries(peer):
    """A real SDK retry loop (standard mode, 3 attempts) gets through 2 throttles."""
    s = peer(["stand_ins.py", "throttle", "--failures", "2", "--action", "DescribeVpcs"])
    env = seed_moto.awscli_env("us-east-1")
    env.update(AWS_RETRY_MODE="standard", AWS_MAX_ATTEMPTS="3")
    r = subprocess.run(["aws", "ec2", "describe-vpcs", "--endpoint-url", s["url"], "--output", "json"],
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["Vpcs"][0]["VpcId"] == "vpc-0c0ffee0d15ea5e01"
    log = json.loads(http("GET", s["url"] + "/_requests")[2])
    assert [e["status"] for e in log] == [503, 503, 200]
    assert all(e["auth"] and e["auth"]["service"] == "ec2" for e in log)


def test_deny_names_the_missing_action(peer):
    s = peer(["stand_ins.py", "deny", "--action", "GetSubnetCidrReservations", "--action", "DescribeAddresses"])
    status, _, body = ec2_post(s["url"], form(Action="DescribeAddresses"))
    assert status == 403 and error_code(body) == "UnauthorizedOperation"
    msg = ET.fromstring(body).find(".//Message").text
    assert "ec2:DescribeAddresses" in msg and "Encoded authorization failure message: " in msg
    assert ec2_post(s["url"], form(Action="DescribeVpcs"))[0] == 200
    plain = peer(["stand_ins.py", "deny", "--action", "DescribeVpcs", "--plain"])
    status, _, body = ec2_post(plain["url"], form(Action="DescribeVpcs"))
    assert status == 403 and "Encoded" not in ET.fromstring(body).find(".//Message").text


def test_expired_once_then_success_and_expired_keys(peer):
    s = peer(["stand_ins.py", "expired", "--expired-key", "ASIAOLDKEY0000000001"])
    status, _, body = ec2_post(s["url"], form(Action="DescribeVpcs"))
    assert status == 400 and error_code(body) == "ExpiredToken"
    assert ec2_post(s["url"], form(Action="DescribeVpcs"))[0] == 200

    def signed_by(akid):
        return {"Authorization": f"AWS4-HMAC-SHA256 Credential={akid}/20261125/us-east-1/ec2/aws4_request, "
                                 f"SignedHeaders=host;x-amz-date, Signature={'a' * 64}"}

    for _ in range(2):
        status, _, body = ec2_post(s["url"], form(Action="DescribeVpcs"), signed_by("ASIAOLDKEY0000000001"))
        assert status == 400 and error_code(body) == "ExpiredToken"
    assert ec2_post(s["url"], form(Action="DescribeVpcs"), signed_by("ASIANEWKEY0000000002"))[0] == 200
    r = peer(["stand_ins.py", "expired", "--code", "RequestExpired"])
    status, _, body = ec2_post(r["url"], form(Action="DescribeVpcs"))
    assert status == 400 and error_code(body) == "RequestExpired"


def test_imds_v2(peer):
    s = peer(["stand_ins.py", "imds", "--role", "gatewatch-node", "--region", "eu-west-1", "--rotate"])
    url = s["url"]
    assert s["env"]["AWS_EC2_METADATA_SERVICE_ENDPOINT"] == url
    assert http("PUT", url + "/latest/api/token", b"")[0] == 400  # no TTL header
    assert http("PUT", url + "/latest/api/token", b"", {"X-aws-ec2-metadata-token-ttl-seconds": "21601"})[0] == 400
    assert http("PUT", url + "/latest/api/token", b"", {"X-aws-ec2-metadata-token-ttl-seconds": "60",
                                                         "X-Forwarded-For": "10.0.0.1"})[0] == 403
    assert http("GET", url + "/latest/api/token")[0] == 405
    status, headers, token = http("PUT", url + "/latest/api/token", b"", {"X-aws-ec2-metadata-token-ttl-seconds": "21600"})
    assert status == 200 and headers["X-aws-ec2-metadata-token-ttl-seconds"] == "21600" and token
    path = "/latest/meta-data/iam/security-credentials/"
    assert http("GET", url + path)[0] == 401  # no token
    assert http("GET", url + path, headers={"X-aws-ec2-metadata-token": "bogus"})[0] == 401
    t = {"X-aws-ec2-metadata-token": token.decode()}
    assert http("GET", url + path, headers=t)[2] == b"gatewatch-node"
    c1 = json.loads(http("GET", url + path + "gatewatch-node", headers=t)[2])
    assert c1["Code"] == "Success" and c1["Type"] == "AWS-HMAC" and c1["AccessKeyId"].startswith("ASIAIMDS")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", c1["Expiration"])
    c2 = json.loads(http("GET", url + path + "gatewatch-node", headers=t)[2])
    assert c2["AccessKeyId"] != c1["AccessKeyId"]  # --rotate
    assert http("GET", url + path + "other-role", headers=t)[0] == 404
    assert http("GET", url + "/latest/meta-data/placement/region", headers=t)[2] == b"eu-west-1"
    doc = json.loads(http("GET", url + "/latest/dynamic/instance-identity/document", headers=t)[2])
    assert doc["region"] == "eu-west-1" and doc["instanceId"].startswith("i-")
    stats = json.loads(http("GET", url + "/_stats")[2])
    assert stats["tokenPuts"] == 1 and stats["credentialFetches"] == 2 and stats["rejected"] >= 2


def test_imds_works_with_botocore_and_v1_fallback(peer):
    from botocore.utils import InstanceMetadataFetcher, InstanceMetadataRegionFetcher
    s = peer(["stand_ins.py", "imds", "--region", "ap-south-1"])
    config = {"ec2_metadata_service_endpoint": s["url"], "ec2_metadata_v1_disabled": True}
    creds = InstanceMetadataFetcher(timeout=2, num_attempts=1, config=config).retrieve_iam_role_credentials()
    assert creds["role_name"] == "gatewatch-node" and creds["access_key"].startswith("ASIAIMDS")
    assert InstanceMetadataRegionFetcher(timeout=2, num_attempts=1, config=config).retrieve_region() == "ap-south-1"
    v1 = peer(["stand_ins.py", "imds", "--put-status", "405", "--v1"])
    assert http("PUT", v1["url"] + "/latest/api/token", b"", {"X-aws-ec2-metadata-token-ttl-seconds": "60"})[0] == 405
    assert http("GET", v1["url"] + "/latest/meta-data/placement/region")[2] == b"us-east-1"


def test_container_credentials(peer):
    from botocore.credentials import ContainerProvider
    s = peer(["stand_ins.py", "container", "--token", "s3cr3t-token", "--fail", "1"])
    full = s["env"]["AWS_CONTAINER_CREDENTIALS_FULL_URI"]
    assert full == s["url"] + "/v1/credentials"
    assert http("GET", full)[0] == 500  # --fail 1
    assert http("GET", full)[0] == 401  # no Authorization
    assert http("GET", full, headers={"Authorization": "wrong"})[0] == 401
    doc = json.loads(http("GET", full, headers={"Authorization": "s3cr3t-token"})[2])
    assert doc["AccessKeyId"].startswith("ASIACONT") and doc["Token"] and doc["Expiration"].endswith("Z")
    assert http("GET", s["url"] + "/v2/other")[0] == 404
    env = {"AWS_CONTAINER_CREDENTIALS_FULL_URI": full, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "s3cr3t-token"}
    creds = ContainerProvider(environ=env).load().get_frozen_credentials()
    assert creds.access_key == doc["AccessKeyId"] and creds.token == doc["Token"]  # same keys until expiry


def test_sts_assume_role_and_web_identity(peer):
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError
    s = peer(["stand_ins.py", "sts", "--web-identity-token", "jwt-abc", "--verify", "AKIDSOURCE:source-secret",
              "--deny-role", "arn:aws:iam::123456789012:role/forbidden"])
    url = s["url"]

    def client(secret="source-secret"):
        return boto3.client("sts", endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIDSOURCE",
                            aws_secret_access_key=secret, config=Config(retries={"max_attempts": 1}))

    out = client().assume_role(RoleArn="arn:aws:iam::123456789012:role/gatewatch-readonly", RoleSessionName="gw",
                               DurationSeconds=900)
    assert out["Credentials"]["AccessKeyId"].startswith("ASIASTSX")
    assert out["AssumedRoleUser"]["Arn"] == "arn:aws:sts::123456789012:assumed-role/gatewatch-readonly/gw"
    left = out["Credentials"]["Expiration"] - dt.datetime.now(dt.timezone.utc)
    assert dt.timedelta(seconds=800) < left <= dt.timedelta(seconds=900)
    with pytest.raises(ClientError) as e:
        client("wrong-secret").assume_role(RoleArn="arn:aws:iam::123456789012:role/gatewatch-readonly",
                                           RoleSessionName="gw")
    assert e.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    with pytest.raises(ClientError) as e:
        client().assume_role(RoleArn="arn:aws:iam::123456789012:role/forbidden", RoleSessionName="gw")
    assert e.value.response["Error"]["Code"] == "AccessDenied"
    web = client().assume_role_with_web_identity(RoleArn="arn:aws:iam::123456789012:role/gatewatch-irsa",
                                                 RoleSessionName="irsa", WebIdentityToken="jwt-abc")
    assert web["Credentials"]["AccessKeyId"].startswith("ASIAWEBI")
    with pytest.raises(ClientError) as e:
        client().assume_role_with_web_identity(RoleArn="arn:aws:iam::123456789012:role/gatewatch-irsa",
                                               RoleSessionName="irsa", WebIdentityToken="stale")
    assert e.value.response["Error"]["Code"] == "InvalidIdentityToken"
    status, _, body = http("POST", url + "/", b"Action=AssumeRole&Version=2011-06-15&RoleArn=x&RoleSessionName=y",
                           FORM)
    assert status == 403 and b"MissingAuthenticationToken" in body
    log = json.loads(http("GET", url + "/_requests")[2])
    assert [e["auth"] is None for e in log if e["action"] == "AssumeRoleWithWebIdentity"] == [True, True]


@pytest.mark.parametrize("kind", ["throttle", "deny", "expired", "imds", "container", "sts"])
def test_every_stand_in_prints_ready_and_stops_on_sigterm(peer, kind):
    extra = ["--action", "DescribeVpcs"] if kind == "deny" else []
    s = peer(["stand_ins.py", kind, *extra])
    assert s["kind"] == kind and s["host"] == "127.0.0.1" and s["url"] == f"http://127.0.0.1:{s['port']}"
    assert json.loads(http("GET", s["url"] + "/_health")[2])["ok"] is True
    s["_proc"].send_signal(signal.SIGTERM)
    assert s["_proc"].wait(5) == 0


# ------------------------------------------------------------------------------------------------
# SigV4 vectors
# ------------------------------------------------------------------------------------------------


def test_vectors_regenerate_identically():
    committed = json.loads((FIX / "sigv4_vectors.json").read_text(encoding="utf-8"))
    fresh = json.loads(sigv4_vectors.render(sigv4_vectors.generate()))
    committed["generator"].pop("botocore")
    fresh["generator"].pop("botocore")
    assert fresh == committed, "fixtures/sigv4_vectors.json drifted: run python3 sigv4_vectors.py and review"


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def test_vectors_check_out_with_plain_hmac():
    """Recompute every signed vector from its canonical request with hashlib/hmac only (no botocore)."""
    doc = json.loads((FIX / "sigv4_vectors.json").read_text(encoding="utf-8"))
    signed = [v for v in doc["vectors"] if v["signed"]]
    assert len(signed) >= 8
    for v in signed:
        e, c = v["expected"], v["credentials"]
        body = v["request"]["body"].encode()
        assert e["payloadHash"] == hashlib.sha256(body).hexdigest()
        assert e["canonicalRequest"].startswith(v["request"]["method"] + "\n/\n")
        assert f"\nhost:{e['host']}\n" in e["canonicalRequest"]
        date = v["amzDate"][:8]
        scope = f"{date}/{v['region']}/{v['service']}/aws4_request"
        assert e["credentialScope"] == scope
        assert e["stringToSign"] == "\n".join(["AWS4-HMAC-SHA256", v["amzDate"], scope,
                                               hashlib.sha256(e["canonicalRequest"].encode()).hexdigest()])
        k = _hmac(("AWS4" + c["secretAccessKey"]).encode(), date)
        for part in (v["region"], v["service"], "aws4_request"):
            k = _hmac(k, part)
        assert hmac.new(k, e["stringToSign"].encode(), hashlib.sha256).hexdigest() == e["signature"]
        assert e["authorization"] == (f"AWS4-HMAC-SHA256 Credential={c['accessKeyId']}/{scope}, "
                                      f"SignedHeaders={e['signedHeaders']}, Signature={e['signature']}")
        assert e["headers"]["X-Amz-Date"] == v["amzDate"]
        assert e["headers"].get("X-Amz-Security-Token") == c["sessionToken"]
        assert "X-Amz-Content-SHA256" not in e["headers"]
    names = {v["name"] for v in doc["vectors"]}
    hosts = {v["expected"].get("host") for v in signed}
    assert "127.0.0.1:5000" in hosts and "ec2.us-east-1.amazonaws.com" in hosts
    assert any(v["request"]["method"] == "GET" for v in signed)
    assert any(v["request"]["body"] == "" and v["request"]["method"] == "POST" for v in signed)
    assert any(v["service"] == "sts" for v in signed)
    assert sum(bool(v["credentials"]["sessionToken"]) for v in signed) >= 3
    assert "sts-client-assume-role-with-web-identity-unsigned" in names


def test_verify_request_accepts_a_vector_and_rejects_a_tampered_body():
    doc = json.loads((FIX / "sigv4_vectors.json").read_text(encoding="utf-8"))
    v = next(x for x in doc["vectors"] if x["name"] == "ec2-client-describe-addresses-moto")
    headers = [("Host", v["expected"]["host"])] + [tuple(h) for h in v["expected"]["wireHeaders"]]
    args = (v["credentials"]["accessKeyId"], v["credentials"]["secretAccessKey"])
    ok, _ = sigv4_vectors.verify_request("POST", v["request"]["url"], headers, v["request"]["body"].encode(), *args)
    assert ok
    ok, _ = sigv4_vectors.verify_request("POST", v["request"]["url"], headers,
                                         v["request"]["body"].encode() + b"&x=1", *args)
    assert not ok
