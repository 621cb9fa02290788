"""Wire-format helpers shared by the EC2 test peers (Python standard library only).

EC2 error documents (aws-ec2.md section 3), STS responses and errors, opaque
tokens and credentials for the stand-ins, and the small loopback HTTP server
scaffolding every peer here uses: a JSON "ready" line on stdout, a request log
under ``/_requests``, ``POST /_reset``, exit on SIGTERM/SIGINT or after
``--exit-after`` seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import secrets
import signal
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/"
EC2_VERSION = "2016-11-15"
STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
XML_CONTENT_TYPE = "text/xml;charset=UTF-8"
ACCOUNT_ID = "123456789012"

# Canonical error texts (messages as real EC2 words them) and HTTP statuses.
EC2_ERRORS: dict[str, tuple[int, str]] = {
    "RequestLimitExceeded": (503, "Request limit exceeded."),
    "UnauthorizedOperation": (403, "You are not authorized to perform this operation."),
    "ExpiredToken": (400, "The security token included in the request is expired"),
    "RequestExpired": (400, "Request has expired."),
    "AuthFailure": (401, "AWS was not able to validate the provided access credentials"),
    "InvalidParameterValue": (400, "Value (1) for parameter maxResults is invalid. Expecting a value greater than 5."),
    "InvalidPaginationToken": (400, "Invalid pagination token"),
    "InvalidParameterCombination": (400, "The parameter NetworkInterfaceIds cannot be used with the parameter MaxResults"),
    "UnknownParameter": (400, "The parameter MaxResults is not recognized"),
    "MissingParameter": (400, "The request must contain the parameter Version"),
    "InvalidAction": (400, "The action DescribeNothing is not valid for this web service."),
    "MissingAction": (400, "The request must contain the parameter Action"),
    "InternalError": (500, "An internal error has occurred"),
    "Unavailable": (503, "The service is unavailable. Please try again shortly."),
}


def request_id(seed: str | None = None) -> str:
    """A request ID shaped like EC2's (a UUID); deterministic when seeded."""
    if seed is None:
        return str(uuid.uuid4())
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "gatewatch-ec2-fixture:" + seed))


def ec2_error(code: str, message: str | None = None, rid: str | None = None) -> tuple[int, bytes]:
    """(HTTP status, body) of an EC2 error: ``<Response><Errors><Error>...<RequestID>``.

    Real EC2 sends the XML declaration and the document on one line each.
    """
    status, default = EC2_ERRORS.get(code, (400, code))
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Response><Errors><Error><Code>{escape(code)}</Code><Message>{escape(message or default)}</Message>"
            f"</Error></Errors><RequestID>{rid or request_id()}</RequestID></Response>")
    return status, body.encode("utf-8")


def unauthorized_message(action: str, principal: str, encoded: str | None) -> str:
    text = (f"You are not authorized to perform this operation. User: {principal} is not authorized to perform: "
            f"ec2:{action} because no identity-based policy allows the ec2:{action} action.")
    if encoded:
        text += f" Encoded authorization failure message: {encoded}"
    return text


def encoded_authorization_message(seed: str) -> str:
    """An opaque blob shaped like sts:DecodeAuthorizationMessage input (base64url-ish, ~600 chars)."""
    out = b""
    counter = 0
    while len(out) < 450:
        out += hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        counter += 1
    import base64
    return base64.urlsafe_b64encode(out[:450]).decode().rstrip("=")


def sts_error(code: str, message: str, rid: str | None = None, sender: bool = True) -> bytes:
    """STS (plain Query protocol) error: ``<ErrorResponse><Error><Type>...``, unlike EC2's."""
    return (f'<ErrorResponse xmlns="{STS_NS}">\n  <Error>\n    <Type>{"Sender" if sender else "Receiver"}</Type>\n'
            f"    <Code>{escape(code)}</Code>\n    <Message>{escape(message)}</Message>\n  </Error>\n"
            f"  <RequestId>{rid or request_id()}</RequestId>\n</ErrorResponse>\n").encode("utf-8")


def iso8601(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sts_credentials_response(action: str, creds: dict, role_arn: str, session_name: str,
                             rid: str | None = None, subject: str | None = None,
                             audience: str | None = None, provider: str | None = None) -> bytes:
    """``AssumeRoleResponse`` / ``AssumeRoleWithWebIdentityResponse`` as STS sends it."""
    role_name = role_arn.rsplit("/", 1)[-1]
    account = role_arn.split(":")[4] if role_arn.count(":") >= 5 else ACCOUNT_ID
    arn = f"arn:aws:sts::{account}:assumed-role/{role_name}/{session_name}"
    role_id = "AROA" + hashlib.sha1(role_arn.encode()).hexdigest()[:17].upper()
    extra = ""
    if action == "AssumeRoleWithWebIdentity":
        extra = (f"    <SubjectFromWebIdentityToken>{escape(subject or 'system:serviceaccount:tigera:gatewatch')}"
                 f"</SubjectFromWebIdentityToken>\n    <Audience>{escape(audience or 'sts.amazonaws.com')}</Audience>\n"
                 f"    <Provider>{escape(provider or 'arn:aws:iam::' + account + ':oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE')}"
                 "</Provider>\n")
    body = (f'<{action}Response xmlns="{STS_NS}">\n  <{action}Result>\n{extra}'
            f"    <AssumedRoleUser>\n      <AssumedRoleId>{role_id}:{escape(session_name)}</AssumedRoleId>\n"
            f"      <Arn>{escape(arn)}</Arn>\n    </AssumedRoleUser>\n"
            f"    <Credentials>\n      <AccessKeyId>{creds['AccessKeyId']}</AccessKeyId>\n"
            f"      <SecretAccessKey>{creds['SecretAccessKey']}</SecretAccessKey>\n"
            f"      <SessionToken>{creds['SessionToken']}</SessionToken>\n"
            f"      <Expiration>{creds['Expiration']}</Expiration>\n    </Credentials>\n"
            + ("    <PackedPolicySize>6</PackedPolicySize>\n" if action == "AssumeRole" else "")
            + f"  </{action}Result>\n  <ResponseMetadata>\n    <RequestId>{rid or request_id()}</RequestId>\n"
            f"  </ResponseMetadata>\n</{action}Response>\n")
    return body.encode("utf-8")


class CredentialMint:
    """Issues temporary credentials with recognisable, numbered access key IDs.

    ``ASIA`` + a 4-letter source tag + a 12-digit serial = 20 characters, like AWS's.
    """

    def __init__(self, tag: str, seed: str | None = None):
        self.tag = (tag.upper() + "XXXX")[:4]
        self.serial = 0
        self.seed = seed or secrets.token_hex(8)
        self.lock = threading.Lock()

    def issue(self, lifetime_s: float) -> dict:
        with self.lock:
            self.serial += 1
            n = self.serial
        h = hashlib.sha256(f"{self.seed}:{self.tag}:{n}".encode()).digest()
        import base64
        secret = base64.b64encode(h + h[:10]).decode()[:40]
        token = base64.b64encode(hashlib.sha512(h).digest() * 3).decode()
        expiration = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(seconds=lifetime_s)
        return {"AccessKeyId": f"ASIA{self.tag}{n:012d}", "SecretAccessKey": secret, "SessionToken": token,
                "Expiration": iso8601(expiration), "serial": n}


_CRED_RE = re.compile(r"Credential=([^/,\s]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request")


def parse_authorization(value: str | None) -> dict | None:
    """The parts of a SigV4 Authorization header, or None when it is not one."""
    if not value or not value.startswith("AWS4-HMAC-SHA256 "):
        return None
    m = _CRED_RE.search(value)
    sh = re.search(r"SignedHeaders=([^,\s]+)", value)
    sig = re.search(r"Signature=([0-9a-f]{64})", value)
    if not (m and sh and sig):
        return None
    return {"accessKeyId": m.group(1), "date": m.group(2), "region": m.group(3), "service": m.group(4),
            "signedHeaders": sh.group(1).split(";"), "signature": sig.group(1)}


# --------------------------------------------------------------------------------------------
# Loopback server scaffolding
# --------------------------------------------------------------------------------------------

class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, handler, peer):
        self.peer = peer
        super().__init__(addr, handler)


class Peer:
    """State shared by a peer's handlers: the request log and a lock."""

    kind = "peer"

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.lock = threading.Lock()
        self.started = time.monotonic()
        self.log: list[dict] = []

    def record(self, entry: dict) -> None:
        with self.lock:
            entry["seq"] = len(self.log) + 1
            entry["t"] = round(time.monotonic() - self.started, 6)
            self.log.append(entry)

    def reset(self, query: dict[str, str]) -> None:
        with self.lock:
            self.log.clear()

    def stats(self) -> dict:
        return {}

    def ready_info(self) -> dict:
        return {}

    def handle(self, h: "Handler", method: str, path: str, query: str, body: bytes) -> tuple[int, dict, bytes]:
        raise NotImplementedError


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "AmazonEC2"
    sys_version = ""

    def log_message(self, fmt, *args):  # keep the peers quiet; the log is at /_requests
        if os.environ.get("EC2_PEER_VERBOSE"):
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))

    def _body(self) -> bytes:
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def _dispatch(self, method: str) -> None:
        peer: Peer = self.server.peer
        parts = urllib.parse.urlsplit(self.path)
        body = self._body()
        if parts.path.startswith("/_"):
            status, headers, out = self._admin(peer, method, parts)
        else:
            try:
                status, headers, out = peer.handle(self, method, parts.path, parts.query, body)
            except Exception as exc:  # a bug in the peer must not hang the client
                import traceback
                traceback.print_exc()
                status, headers, out = 500, {"Content-Type": "text/plain"}, f"peer error: {exc}\n".encode()
        if status == 0:  # the handler asked to drop the connection
            self.close_connection = True
            return
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(out)))
        self.send_header("Date", self.date_time_string())
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(out)

    def _admin(self, peer: Peer, method: str, parts) -> tuple[int, dict, bytes]:
        q = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
        if parts.path == "/_requests" and method == "GET":
            with peer.lock:
                data = json.dumps(peer.log, indent=1)
        elif parts.path == "/_stats" and method == "GET":
            with peer.lock:
                data = json.dumps({"requests": len(peer.log), **peer.stats()}, indent=1)
        elif parts.path == "/_reset" and method == "POST":
            peer.reset(q)
            data = json.dumps({"reset": True})
        elif parts.path == "/_health":
            data = json.dumps({"ok": True, "kind": peer.kind})
        else:
            return 404, {"Content-Type": "text/plain"}, b"unknown admin path\n"
        return 200, {"Content-Type": "application/json"}, (data + "\n").encode()

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def do_HEAD(self):
        self._dispatch("HEAD")


def add_server_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    ap.add_argument("--port", type=int, default=0, help="port (0 = pick a free one; the ready line says which)")
    ap.add_argument("--exit-after", type=float, default=0,
                    help="exit by itself after this many seconds (0 = only on SIGTERM/SIGINT)")


def serve(peer: Peer, handler=Handler) -> int:
    """Bind, print the ready line, serve until SIGTERM/SIGINT/--exit-after, return 0."""
    args = peer.args
    httpd = Server((args.host, args.port), handler, peer)
    port = httpd.server_address[1]
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    host = args.host if ":" not in args.host else f"[{args.host}]"
    url = f"http://{host}:{port}"
    ready = {"ready": True, "kind": peer.kind, "pid": os.getpid(), "host": args.host, "port": port,
             "url": url, **peer.ready_info()}
    env = ready.get("env") or {}
    for k, v in env.items():  # None = the peer's URL; "/path" = URL + path
        env[k] = url if v is None else (url + v if isinstance(v, str) and v.startswith("/") else v)
    print(json.dumps(ready), flush=True)
    stop.wait(args.exit_after if args.exit_after and args.exit_after > 0 else None)
    httpd.shutdown()
    httpd.server_close()
    return 0
