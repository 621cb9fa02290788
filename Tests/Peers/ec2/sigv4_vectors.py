#!/usr/bin/env python3
"""SigV4 test vectors for Gatewatch's signer, with botocore as the oracle (aws-ec2.md sections 5 and 7.6).

    python3 sigv4_vectors.py            # write fixtures/sigv4_vectors.json
    python3 sigv4_vectors.py --check    # exit 1 if the file differs from what botocore produces now
    python3 sigv4_vectors.py --stdout   # print instead of writing

Two kinds of vector:

* ``client``: a real botocore client (ec2 or sts) is called with boto3-style parameters; the request it
  would put on the wire is captured in ``before-send`` (nothing is sent) with the clock frozen at ``amzDate``.
  ``request.body`` is then botocore's own serialisation (field order, percent-encoding) and
  ``expected.wireHeaders`` every header it sends, except the ones that vary by machine or call
  (User-Agent, amz-sdk-invocation-id, amz-sdk-request), which are listed in ``findings``.
* ``signer``: ``botocore.auth.SigV4Auth`` applied directly to a given method/URL/headers/body (for requests a
  botocore client never makes: a GET with a query string, an empty body, odd header spacing).

For both, ``request.headers`` is exactly what a signer receives before signing (Content-Type; never Host,
X-Amz-Date, X-Amz-Security-Token or Authorization, which the signer derives or adds), and ``expected`` holds
the canonical request, the string to sign, the signature, the Authorization header, and the headers the
signer adds. Every client vector is also re-signed at signer level and must give the same Authorization, so
the signer-level inputs are complete. The JSON is deterministic: CI regenerates it and diffs (test_assets.py).

``verify_request()`` re-signs a captured request with botocore (used by ``stand_ins.py sts --verify``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import botocore
import botocore.auth
import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

HERE = Path(__file__).resolve().parent
OUT = HERE / "fixtures" / "sigv4_vectors.json"

AMZ_DATE = "20261125T140000Z"
STATIC = {"accessKeyId": "AKIDEXAMPLE", "secretAccessKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
          "sessionToken": None}
TEMPORARY = {"accessKeyId": "ASIAGATEWATCHEXAMPLE", "secretAccessKey": "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
             "sessionToken": "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6+a/b=EXAMPLE"
                             "SESSIONTOKENgatewatch0123456789+/AbCdEfGhIjKlMnOpQrStUvWxYz=="}
FORM = "application/x-www-form-urlencoded; charset=utf-8"
VOLATILE = {"user-agent", "amz-sdk-invocation-id", "amz-sdk-request"}


def _request(method: str, url: str, body: bytes, headers) -> AWSRequest:
    req = AWSRequest(method=method, url=url, data=body)
    for k, v in headers:
        req.headers[k] = v  # HTTPHeaders appends: a repeated header stays repeated
    return req


class _Captured(Exception):
    def __init__(self, request):
        self.request = request


@contextlib.contextmanager
def frozen_clock(amz_date: str):
    t = dt.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ")
    saved = botocore.auth.get_current_datetime
    botocore.auth.get_current_datetime = lambda remove_tzinfo=True: t if remove_tzinfo else \
        t.replace(tzinfo=dt.timezone.utc)
    try:
        yield
    finally:
        botocore.auth.get_current_datetime = saved


@contextlib.contextmanager
def clean_environment():
    """No AWS_* variable or config file of the machine may leak into the oracle."""
    saved = dict(os.environ)
    for k in list(os.environ):
        if k.startswith("AWS_"):
            del os.environ[k]
    os.environ["AWS_CONFIG_FILE"] = os.devnull
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _text(v) -> str:
    return v.decode("utf-8") if isinstance(v, bytes) else str(v)


def sign(method: str, url: str, headers: list[list[str]], body: bytes, region: str, service: str,
         amz_date: str, creds: dict) -> dict:
    """Sign with botocore's SigV4Auth; return every intermediate string."""
    credentials = Credentials(creds["accessKeyId"], creds["secretAccessKey"], creds.get("sessionToken"))
    signer = SigV4Auth(credentials, service, region)

    def fresh():
        return _request(method, url, body, headers)

    # 1. the intermediate strings, step by step as SigV4Auth.add_auth does them
    req = fresh()
    req.context["timestamp"] = amz_date
    signer._modify_request_before_signing(req)
    canonical_request = signer.canonical_request(req)
    string_to_sign = signer.string_to_sign(req, canonical_request)
    signature = signer.signature(string_to_sign, req)
    headers_to_sign = signer.headers_to_sign(req)
    # 2. the public entry point with the clock frozen, which must agree
    real = fresh()
    with frozen_clock(amz_date):
        signer.add_auth(real)
    authorization = _text(real.headers["Authorization"])
    assert authorization.endswith("Signature=" + signature), "add_auth disagrees with the step-by-step signature"
    added = {"X-Amz-Date": _text(real.headers["X-Amz-Date"]), "Authorization": authorization}
    if "X-Amz-Security-Token" in real.headers:
        added["X-Amz-Security-Token"] = _text(real.headers["X-Amz-Security-Token"])
    if "X-Amz-Content-SHA256" in real.headers:
        added["X-Amz-Content-SHA256"] = _text(real.headers["X-Amz-Content-SHA256"])
    return {
        "host": botocore.auth._host_from_url(url),
        "canonicalRequest": canonical_request,
        "stringToSign": string_to_sign,
        "signature": signature,
        "signedHeaders": signer.signed_headers(headers_to_sign),
        "credentialScope": signer.credential_scope(req),
        "payloadHash": canonical_request.rsplit("\n", 1)[1],
        "authorization": authorization,
        "headers": added,
    }


def capture_client(service: str, region: str, operation: str, params: dict, creds: dict, amz_date: str,
                   endpoint_url: str | None = None):
    """The prepared request a botocore client would send (nothing is sent)."""
    session = botocore.session.Session()
    client = session.create_client(
        service, region_name=region, endpoint_url=endpoint_url, aws_access_key_id=creds["accessKeyId"],
        aws_secret_access_key=creds["secretAccessKey"], aws_session_token=creds.get("sessionToken"),
        config=Config(retries={"max_attempts": 1, "mode": "standard"}))

    def before_send(request, **kwargs):
        raise _Captured(request)

    client.meta.events.register("before-send", before_send)
    method = getattr(client, botocore.xform_name(operation))
    with frozen_clock(amz_date):
        try:
            method(**params)
        except _Captured as c:
            return c.request
    raise RuntimeError("botocore sent nothing")


def client_vector(name: str, description: str, service: str, region: str, operation: str, params: dict,
                  creds: dict, amz_date: str = AMZ_DATE, endpoint_url: str | None = None) -> dict:
    prepared = capture_client(service, region, operation, params, creds, amz_date, endpoint_url)
    body = prepared.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    wire = [[k, _text(v)] for k, v in prepared.headers.items() if k.lower() not in VOLATILE]
    signed = "Authorization" in prepared.headers
    pre = [[k, v] for k, v in wire if k.lower() not in
           ("authorization", "x-amz-date", "x-amz-security-token", "content-length")]
    vec = {
        "name": name, "description": description, "source": "client",
        "request": {"method": prepared.method, "url": prepared.url, "headers": pre, "body": body.decode("utf-8"),
                    "operation": operation, "params": params},
        "region": region, "service": service, "amzDate": amz_date, "credentials": creds, "signed": signed,
    }
    if signed:
        expected = sign(prepared.method, prepared.url, pre, body, region, service, amz_date, creds)
        if expected["authorization"] != _text(prepared.headers["Authorization"]):
            raise AssertionError(f"{name}: signer-level inputs do not reproduce the client's signature")
    else:
        expected = {"authorization": None, "headers": {}}
    expected["wireHeaders"] = wire
    expected["contentLength"] = len(body)
    vec["expected"] = expected
    return vec


def signer_vector(name: str, description: str, method: str, url: str, headers: list[list[str]], body: str,
                  region: str, service: str, creds: dict, amz_date: str = AMZ_DATE) -> dict:
    raw = body.encode("utf-8")
    return {
        "name": name, "description": description, "source": "signer",
        "request": {"method": method, "url": url, "headers": headers, "body": body},
        "region": region, "service": service, "amzDate": amz_date, "credentials": creds, "signed": True,
        "expected": {**sign(method, url, headers, raw, region, service, amz_date, creds),
                     "contentLength": len(raw)},
    }


def generate() -> dict:
    brief_body = ("Action=DescribeAddresses&Version=2016-11-15&Filter.1.Name=domain&Filter.1.Value.1=vpc"
                  "&MaxResults=1000")
    with clean_environment():
        vectors = [
            signer_vector(
                "ec2-post-static-keys-loopback-port",
                "POST to a loopback peer on a non-default port (Host keeps ':5000'); static keys; the body is "
                "signed byte for byte as given (note: DescribeAddresses has no MaxResults in the model, real EC2 "
                "would reject it, which does not matter to the signature).",
                "POST", "http://127.0.0.1:5000/", [["Content-Type", FORM]], brief_body, "us-east-1", "ec2", STATIC),
            signer_vector(
                "ec2-post-session-token-aws-endpoint",
                "The same body to the real endpoint with temporary credentials: X-Amz-Security-Token is added "
                "and signed.",
                "POST", "https://ec2.us-east-1.amazonaws.com/", [["Content-Type", FORM]], brief_body, "us-east-1",
                "ec2", TEMPORARY),
            client_vector(
                "ec2-client-describe-addresses-moto",
                "botocore's DescribeAddresses with a filter, to moto's documented port; static keys.",
                "ec2", "us-east-1", "DescribeAddresses", {"Filters": [{"Name": "domain", "Values": ["vpc"]}]},
                STATIC, endpoint_url="http://127.0.0.1:5055"),
            client_vector(
                "ec2-client-describe-network-interfaces-encoding",
                "Values needing percent-encoding: spaces (+), '/', '*', ':', '=', '&', '+', non-ASCII (UTF-8 then "
                "%XX), and a NextToken with '+/='; eu-west-1 endpoint; temporary credentials.",
                "ec2", "eu-west-1", "DescribeNetworkInterfaces",
                {"Filters": [{"Name": "tag:calico/pool name", "Values": ["dlp egw*", "a=b&c+d", "caf\u00e9 \u2192 x"]},
                             {"Name": "vpc-id", "Values": ["vpc-0c0ffee0d15ea5e01"]}],
                 "MaxResults": 1000, "NextToken": "+/+/xQwXBFRpxNegcV0QPSq7VhXRMXFkNFzpbwvCVV2Mugk="},
                TEMPORARY),
            client_vector(
                "ec2-client-describe-subnets-long-body",
                "A long body (80 SubnetId.N entries, > 2 KB) in ap-southeast-2; static keys.",
                "ec2", "ap-southeast-2", "DescribeSubnets",
                {"SubnetIds": [f"subnet-{i:017x}" for i in range(0x0e1a2b3c4d5e6f701, 0x0e1a2b3c4d5e6f701 + 80)]},
                STATIC),
            client_vector(
                "ec2-client-get-subnet-cidr-reservations-token",
                "GetSubnetCidrReservations (SubnetId, a filter, MaxResults) with temporary credentials.",
                "ec2", "us-east-1", "GetSubnetCidrReservations",
                {"SubnetId": "subnet-0e1a2b3c4d5e6f702",
                 "Filters": [{"Name": "reservationType", "Values": ["explicit"]}], "MaxResults": 1000},
                TEMPORARY),
            client_vector(
                "ec2-client-describe-route-tables-china",
                "A China region (endpoint suffix amazonaws.com.cn) and a clock at the last second of a day: the "
                "scope date comes from X-Amz-Date.",
                "ec2", "cn-north-1", "DescribeRouteTables",
                {"Filters": [{"Name": "vpc-id", "Values": ["vpc-0c0ffee0d15ea5e01"]},
                             {"Name": "association.main", "Values": ["true"]}], "MaxResults": 100},
                STATIC, amz_date="20261231T235959Z"),
            client_vector(
                "ec2-client-describe-instances-moto-session-token",
                "DescribeInstances to moto with temporary credentials (the token header is signed).",
                "ec2", "us-east-1", "DescribeInstances",
                {"Filters": [{"Name": "instance-state-name", "Values": ["running"]}], "MaxResults": 1000},
                TEMPORARY, endpoint_url="http://127.0.0.1:5055"),
            client_vector(
                "sts-client-assume-role",
                "STS AssumeRole (role_arn + source_profile), signed for service 'sts' at the regional endpoint "
                "botocore picks for us-east-1; ExternalId with reserved characters.",
                "sts", "us-east-1", "AssumeRole",
                {"RoleArn": "arn:aws:iam::123456789012:role/gatewatch-readonly", "RoleSessionName": "gatewatch",
                 "DurationSeconds": 3600, "ExternalId": "jump/1 ops:a+b=c"},
                STATIC),
            client_vector(
                "sts-client-assume-role-with-web-identity-unsigned",
                "AssumeRoleWithWebIdentity is sent UNSIGNED by botocore: no Authorization, no X-Amz-Date. "
                "(Not a signing vector; shows the exact unsigned request.)",
                "sts", "us-east-1", "AssumeRoleWithWebIdentity",
                {"RoleArn": "arn:aws:iam::123456789012:role/gatewatch-irsa", "RoleSessionName": "gatewatch-irsa",
                 "WebIdentityToken": "eyJhbGciOiJSUzI1NiIsImtpZCI6ImdhdGV3YXRjaCJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZ"
                                     "WFjY291bnQ6dGlnZXJhOmdhdGV3YXRjaCJ9.c2lnbmF0dXJl-_"},
                STATIC),
            signer_vector(
                "ec2-get-query-string-unsorted",
                "GET with a query string in non-canonical order and an empty body: the canonical query string is "
                "sorted; no Content-Type header. (botocore never sends EC2 as GET; moto rejects signed GETs.)",
                "GET", "https://ec2.us-east-1.amazonaws.com/?Version=2016-11-15&Action=DescribeAvailabilityZones"
                       "&ZoneName.1=us-east-1a&AllAvailabilityZones=true",
                [], "", "us-east-1", "ec2", TEMPORARY),
            signer_vector(
                "ec2-post-empty-body",
                "POST with an empty body: the payload hash is SHA-256 of nothing (e3b0c442...).",
                "POST", "https://ec2.us-west-2.amazonaws.com/", [["Content-Type", FORM]], "", "us-west-2", "ec2",
                STATIC),
            signer_vector(
                "ec2-post-explicit-default-port",
                "https URL with an explicit :443: the signed Host drops the default port.",
                "POST", "https://ec2.us-east-1.amazonaws.com:443/", [["Content-Type", FORM]],
                "Action=DescribeVpcs&Version=2016-11-15", "us-east-1", "ec2", STATIC),
            signer_vector(
                "ec2-post-header-whitespace",
                "Header values are trimmed and inner runs of spaces squeezed in the canonical headers "
                "(Content-Type sent with extra spaces), but sent as given.",
                "POST", "http://127.0.0.1:5000/", [["Content-Type", "  application/x-www-form-urlencoded;   charset=utf-8 "]],
                "Action=DescribeVpcs&Version=2016-11-15", "us-east-1", "ec2", STATIC),
        ]
    return {
        "description": "SigV4 vectors for EC2 Query (and STS) requests, produced by botocore (the oracle). "
                       "Compare canonicalRequest, stringToSign, signature and authorization byte for byte.",
        "generator": {"script": "Tests/Peers/ec2/sigv4_vectors.py", "oracle": "botocore.auth.SigV4Auth",
                      "botocore": botocore.__version__},
        "findings": {
            "contentType": f"botocore sends and signs 'Content-Type: {FORM}' on every EC2/STS Query POST",
            "signedHeaders": "botocore signs every header present at signing time except its blacklist "
                             "(user-agent, expect, connection, transfer-encoding, x-amzn-trace-id, ...): for EC2 "
                             "that is content-type;host;x-amz-date (+ x-amz-security-token)",
            "xAmzContentSha256": "botocore does NOT send X-Amz-Content-Sha256 for ec2 or sts (it only does when "
                                 "payload signing is disabled, an S3 matter); the payload hash is still in the "
                                 "canonical request",
            "host": "Host is not a header botocore sets; it signs host from the URL, with ':port' only when not the "
                    "scheme's default",
            "unsignedHeadersAddedAfterSigning": ["User-Agent", "amz-sdk-invocation-id", "amz-sdk-request",
                                                 "Content-Length"],
            "webIdentity": "AssumeRoleWithWebIdentity is sent unsigned",
            "stsEndpoint": "botocore 1.43 uses the regional STS endpoint https://sts.<region>.amazonaws.com/",
        },
        "vectors": vectors,
    }


def verify_request(method: str, url: str, headers: list[tuple[str, str]], body: bytes, access_key: str,
                   secret: str, token: str | None = None) -> tuple[bool, dict]:
    """Re-sign a received request with botocore over its own SignedHeaders and X-Amz-Date."""
    import ec2_wire
    hmap = {k.lower(): v for k, v in headers}
    auth = ec2_wire.parse_authorization(hmap.get("authorization"))
    if not auth or "x-amz-date" not in hmap:
        return False, {"reason": "no SigV4 Authorization or X-Amz-Date"}
    signed = [(k, v) for k, v in headers if k.lower() in auth["signedHeaders"]]
    credentials = Credentials(access_key, secret, token)
    signer = SigV4Auth(credentials, auth["service"], auth["region"])
    req = _request(method, url, body, signed)
    req.context["timestamp"] = hmap["x-amz-date"]
    signer._modify_request_before_signing(req)
    cr = signer.canonical_request(req)
    sts = signer.string_to_sign(req, cr)
    sig = signer.signature(sts, req)
    return sig == auth["signature"], {"canonicalRequest": cr, "expected": sig, "got": auth["signature"]}


def render(doc: dict) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="generate SigV4 vectors with botocore as the oracle")
    ap.add_argument("--check", action="store_true", help="exit 1 if fixtures/sigv4_vectors.json would change")
    ap.add_argument("--stdout", action="store_true")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    text = render(generate())
    if args.stdout:
        sys.stdout.write(text)
        return 0
    if args.check:
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if old != text:
            print(f"{args.out} differs from what botocore {botocore.__version__} produces", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(json.loads(text)['vectors'])} vectors)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
