#!/usr/bin/env python3
"""Small loopback stand-ins for what moto cannot do (aws-ec2.md sections 3, 4, 6.1, 7.4).

    python3 stand_ins.py KIND [options] --port 0

Every kind binds 127.0.0.1 (``--host``), prints ONE JSON line when ready
(``{"ready": true, "kind": KIND, "pid": ..., "port": N, "url": "http://127.0.0.1:N", "env": {...}, ...}``;
``env`` holds the environment variables that point an SDK at it), and exits 0 on SIGTERM/SIGINT or after
``--exit-after SECONDS``. Same-port admin paths: ``GET /_requests`` (JSON log), ``GET /_stats``,
``POST /_reset`` (clears the log and counters; query parameters adjust some kinds), ``GET /_health``.

EC2 kinds (answer EC2 Query requests; successes replay a fixture set, default fixtures/demo, see
static_server.py for --set/--latency-ms/--require-auth/--lenient):

  throttle   the first --failures N (default 2) requests of each action (or only of --action A, repeatable)
             get --code (default RequestLimitExceeded, HTTP 503; any code of ec2_wire.EC2_ERRORS, or --status),
             later ones succeed. --retry-after-ms adds an ``x-amz-retry-after`` header.
             ``POST /_reset?failures=N`` restarts the count (optionally with a new N). With --upstream URL it is
             a fault-injecting proxy: requests that are not throttled go to URL (moto) unchanged.
  deny       --action A (repeatable) gets 403 UnauthorizedOperation naming ec2:A (with an encoded
             authorization message unless --plain); other actions succeed.
  expired    the first --times N (default 1) requests get --code ExpiredToken (HTTP 400; or RequestExpired),
             then success; requests signed with an access key given by --expired-key AKID (repeatable) always do.

Credential kinds:

  imds       IMDSv2. ``PUT /latest/api/token`` needs ``X-aws-ec2-metadata-token-ttl-seconds`` (1-21600; else 400;
             with X-Forwarded-For 403) and returns the token (text/plain) and echoes the TTL header. Every GET needs
             ``X-aws-ec2-metadata-token`` with a live token, else 401 (unless --v1). Paths:
             /latest/meta-data/iam/security-credentials/ -> role name (--role, default gatewatch-node);
             /latest/meta-data/iam/security-credentials/<role> -> {Code, LastUpdated, Type, AccessKeyId,
             SecretAccessKey, Token, Expiration}; /latest/meta-data/placement/region (--region),
             /latest/meta-data/placement/availability-zone, /latest/meta-data/instance-id,
             /latest/meta-data/iam/info, /latest/dynamic/instance-identity/document (JSON, with "region").
             --expires-in S (default 3600) sets the credentials' lifetime; new keys are issued when the old ones
             have expired, or on every fetch with --rotate. --put-status 403|404|405 answers the token PUT with
             that status (an IMDSv1-only host; combine with --v1); --put-delay S stalls the PUT (hop limit too low).
  container  container credentials (ECS / EKS Pod Identity). ``GET --path`` (default /v1/credentials) returns
             {AccessKeyId, SecretAccessKey, Token, Expiration, RoleArn}. With --token T the request must carry
             ``Authorization: T`` (else 401). --fail N answers the first N requests with 500. --expires-in, --rotate.
  sts        STS on POST /: AssumeRole (must be SigV4-signed for service sts, else 403 MissingAuthenticationToken),
             AssumeRoleWithWebIdentity (unsigned; with --web-identity-token T the token must equal T, else 400
             InvalidIdentityToken), GetCallerIdentity. Answers the XML of fixtures/sts (credentials valid for
             DurationSeconds, default 3600). --deny-role ARN -> 403 AccessDenied. --verify AKID:SECRET (repeatable)
             re-signs AssumeRole requests with botocore and answers 403 SignatureDoesNotMatch on a mismatch.

Python standard library only (``sts --verify`` imports botocore).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import ec2_wire
import static_server

# --------------------------------------------------------------------------------------------
# EC2 fault injection
# --------------------------------------------------------------------------------------------


class ThrottlePeer(static_server.ReplayPeer):
    kind = "throttle"

    def __init__(self, args):
        super().__init__(args)
        self.failures = args.failures
        self.attempts: dict[str, int] = {}
        self.failed = 0

    def ready_info(self):
        return {**super().ready_info(), "failures": self.failures, "code": self.args.code,
                "onlyActions": self.args.action or None}

    def reset(self, query):
        super().reset(query)
        with self.lock:
            self.attempts.clear()
            self.failed = 0
            if "failures" in query:
                self.failures = int(query["failures"])

    def intercept(self, action, params, auth, entry):
        if self.args.action and action not in self.args.action:
            return None
        with self.lock:
            n = self.attempts[action] = self.attempts.get(action, 0) + 1
            fail = n <= self.failures
            if fail:
                self.failed += 1
        entry["attempt"] = n
        if not fail:
            return None
        status, headers, body = self.error(self.args.code, None, self.args.status)
        if self.args.retry_after_ms:
            headers["x-amz-retry-after"] = str(int(self.args.retry_after_ms))
        return status, headers, body

    def stats(self):
        return {**super().stats(), "attempts": dict(self.attempts), "failed": self.failed, "failures": self.failures}

    def handle(self, h, method, path, query, body):
        if not self.args.upstream:
            return super().handle(h, method, path, query, body)
        # A fault-injecting proxy: throttled requests are answered here, the rest go to --upstream
        # (moto) unchanged, so successes are the real server's objects.
        pairs = static_server.parse_params(method, query, body, h.headers.get("Content-Type", ""))
        params = dict(pairs)
        action = params.get("Action", "")
        entry = {"method": method, "path": path, "action": action, "params": pairs, "bodyLength": len(body),
                 "auth": ec2_wire.parse_authorization(h.headers.get("Authorization")), "proxied": True}
        faked = self.intercept(action, params, entry["auth"], entry)
        if faked is None:
            faked = self.forward(h, method, path, query, body)
        entry["status"] = faked[0]
        self.record(entry)
        return faked

    def forward(self, h, method, path, query, body):
        url = self.args.upstream.rstrip("/") + path + ("?" + query if query else "")
        headers = {k: v for k, v in h.headers.items() if k.lower() not in ("host", "content-length", "connection")}
        request = urllib.request.Request(url, data=body if method == "POST" else None, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, out, out_headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, out, out_headers = error.code, error.read(), error.headers
        keep = {k: v for k, v in out_headers.items()
                if k.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date")}
        return status, keep, out


class DenyPeer(static_server.ReplayPeer):
    kind = "deny"

    def ready_info(self):
        return {**super().ready_info(), "denied": self.args.action}

    def intercept(self, action, params, auth, entry):
        if action not in self.args.action:
            return None
        rid = ec2_wire.request_id()
        encoded = None if self.args.plain else ec2_wire.encoded_authorization_message(rid)
        msg = ec2_wire.unauthorized_message(action, self.args.principal, encoded)
        _, body = ec2_wire.ec2_error("UnauthorizedOperation", msg, rid)
        return 403, {"Content-Type": ec2_wire.XML_CONTENT_TYPE}, body


class ExpiredPeer(static_server.ReplayPeer):
    kind = "expired"

    def __init__(self, args):
        super().__init__(args)
        self.remaining = args.times
        self.failed = 0

    def ready_info(self):
        return {**super().ready_info(), "times": self.args.times, "code": self.args.code,
                "expiredKeys": self.args.expired_key or []}

    def reset(self, query):
        super().reset(query)
        with self.lock:
            self.remaining = int(query.get("times", self.args.times))
            self.failed = 0

    def intercept(self, action, params, auth, entry):
        key = auth["accessKeyId"] if auth else None
        with self.lock:
            if key and key in (self.args.expired_key or []):
                fail = True
            elif self.remaining > 0:
                self.remaining -= 1
                fail = True
            else:
                fail = False
            if fail:
                self.failed += 1
        if not fail:
            return None
        return self.error(self.args.code)

    def stats(self):
        return {**super().stats(), "failed": self.failed, "remaining": self.remaining}


# --------------------------------------------------------------------------------------------
# IMDSv2
# --------------------------------------------------------------------------------------------


class ImdsPeer(ec2_wire.Peer):
    kind = "imds"

    def __init__(self, args):
        super().__init__(args)
        args.az = args.az or args.region + "a"
        self.tokens: dict[str, float] = {}
        self.mint = ec2_wire.CredentialMint("IMDS")
        self.current: dict | None = None
        self.counts = {"tokenPuts": 0, "credentialFetches": 0, "rejected": 0}

    def ready_info(self):
        return {"role": self.args.role, "region": self.args.region, "v1": self.args.v1,
                "env": {"AWS_EC2_METADATA_SERVICE_ENDPOINT": None}}

    def reset(self, query):
        super().reset(query)
        with self.lock:
            self.tokens.clear()
            self.current = None
            self.counts = {k: 0 for k in self.counts}

    def stats(self):
        return {**self.counts, "liveTokens": len(self.tokens),
                "currentAccessKeyId": self.current["AccessKeyId"] if self.current else None,
                "issued": self.mint.serial}

    def _text(self, status, text, ctype="text/plain", extra=None):
        headers = {"Content-Type": ctype, "Server": "EC2ws"}
        headers.update(extra or {})
        return status, headers, text.encode() if isinstance(text, str) else text

    def credentials(self) -> dict:
        with self.lock:
            now = dt.datetime.now(dt.timezone.utc)
            cur = self.current
            expired = cur is None or dt.datetime.fromisoformat(cur["Expiration"].replace("Z", "+00:00")) <= now
            if self.args.rotate or expired:
                cur = self.current = self.mint.issue(self.args.expires_in)
                cur["LastUpdated"] = ec2_wire.iso8601(now)
            self.counts["credentialFetches"] += 1
            return cur

    def handle(self, h, method, path, query, body):
        entry = {"method": method, "path": path, "headers": dict(h.headers.items())}
        status, headers, out = self._answer(h, method, path)
        entry["status"] = status
        self.record(entry)
        return status, headers, out

    def _answer(self, h, method, path):
        a = self.args
        if path == "/latest/api/token":
            if method != "PUT":
                return self._text(405, "Method Not Allowed", extra={"Allow": "PUT"})
            if a.put_delay:
                time.sleep(a.put_delay)
            if a.put_status:
                return self._text(a.put_status, {403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed"}
                                  .get(a.put_status, "error"))
            if h.headers.get("X-Forwarded-For"):
                return self._text(403, "Forbidden")
            ttl = h.headers.get("X-aws-ec2-metadata-token-ttl-seconds")
            if ttl is None or not ttl.strip().isdigit() or not 1 <= int(ttl) <= 21600:
                return self._text(400, "Bad Request")
            token = "AQAEA" + secrets.token_urlsafe(42)
            with self.lock:
                self.tokens[token] = time.monotonic() + int(ttl)
                self.counts["tokenPuts"] += 1
            return self._text(200, token, extra={"X-aws-ec2-metadata-token-ttl-seconds": str(int(ttl))})
        if method not in ("GET", "HEAD"):
            return self._text(405, "Method Not Allowed")
        token = h.headers.get("X-aws-ec2-metadata-token")
        with self.lock:
            expiry = self.tokens.get(token or "")
            ok = expiry is not None and expiry > time.monotonic()
            if not ok and not (a.v1 and token is None):
                self.counts["rejected"] += 1
                return self._text(401, "Unauthorized")
        creds_prefix = "/latest/meta-data/iam/security-credentials/"
        if path in (creds_prefix, creds_prefix.rstrip("/")):
            return self._text(200, a.role)
        if path.startswith(creds_prefix):
            if path[len(creds_prefix):] != a.role:
                return self._text(404, "Not Found")
            c = self.credentials()
            doc = {"Code": "Success", "LastUpdated": c["LastUpdated"], "Type": "AWS-HMAC",
                   "AccessKeyId": c["AccessKeyId"], "SecretAccessKey": c["SecretAccessKey"],
                   "Token": c["SessionToken"], "Expiration": c["Expiration"]}
            return self._text(200, json.dumps(doc, indent=2))
        identity = {"accountId": ec2_wire.ACCOUNT_ID, "architecture": "x86_64", "availabilityZone": a.az,
                    "billingProducts": None, "devpayProductCodes": None, "marketplaceProductCodes": None,
                    "imageId": "ami-0b5e3f6a7c8d9e012", "instanceId": a.instance_id, "instanceType": "t3.small",
                    "kernelId": None, "pendingTime": "2026-10-28T04:08:40Z", "privateIp": "10.0.250.10",
                    "ramdiskId": None, "region": a.region, "version": "2017-09-30"}
        simple = {
            "/latest/meta-data/placement/region": a.region,
            "/latest/meta-data/placement/availability-zone": a.az,
            "/latest/meta-data/instance-id": a.instance_id,
            "/latest/meta-data/iam/info": json.dumps({
                "Code": "Success", "LastUpdated": ec2_wire.iso8601(dt.datetime.now(dt.timezone.utc)),
                "InstanceProfileArn": f"arn:aws:iam::{ec2_wire.ACCOUNT_ID}:instance-profile/{a.role}",
                "InstanceProfileId": "AIPAEXAMPLE0INSTPROF"}, indent=2),
            "/latest/dynamic/instance-identity/document": json.dumps(identity, indent=2),
        }
        leaf = path.rstrip("/") if path != "/" else path  # IMDS answers leaves with or without the slash
        if leaf in simple:
            return self._text(200, simple[leaf])
        return self._text(404, "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<html><head><title>404 - Not Found"
                               "</title></head><body><h1>404 - Not Found</h1></body></html>\n", "text/html")


# --------------------------------------------------------------------------------------------
# Container credentials
# --------------------------------------------------------------------------------------------


class ContainerPeer(ec2_wire.Peer):
    kind = "container"

    def __init__(self, args):
        super().__init__(args)
        self.mint = ec2_wire.CredentialMint("CONT")
        self.current: dict | None = None
        self.fail_left = args.fail
        self.counts = {"served": 0, "rejected": 0, "failed": 0}

    def ready_info(self):
        env = {"AWS_CONTAINER_CREDENTIALS_FULL_URI": self.args.path}
        if self.args.token is not None:
            env["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = self.args.token
        return {"path": self.args.path, "token": self.args.token, "env": env}

    def reset(self, query):
        super().reset(query)
        with self.lock:
            self.current = None
            self.fail_left = int(query.get("fail", self.args.fail))
            self.counts = {k: 0 for k in self.counts}

    def stats(self):
        return {**self.counts, "currentAccessKeyId": self.current["AccessKeyId"] if self.current else None,
                "issued": self.mint.serial}

    def handle(self, h, method, path, query, body):
        entry = {"method": method, "path": path, "headers": dict(h.headers.items())}
        status, headers, out = self._answer(h, method, path)
        entry["status"] = status
        self.record(entry)
        return status, headers, out

    def _json(self, status, obj):
        return status, {"Content-Type": "application/json"}, (json.dumps(obj, indent=2) + "\n").encode()

    def _answer(self, h, method, path):
        a = self.args
        if path != a.path:
            return self._json(404, {"code": "NotFound", "message": f"no credentials at {path}"})
        if method != "GET":
            return self._json(405, {"code": "MethodNotAllowed", "message": "GET only"})
        with self.lock:
            if self.fail_left > 0:
                self.fail_left -= 1
                self.counts["failed"] += 1
                return self._json(500, {"code": "InternalError", "message": "credentials agent unavailable"})
            if a.token is not None and h.headers.get("Authorization") != a.token:
                self.counts["rejected"] += 1
                return self._json(401, {"code": "AccessDeniedException",
                                        "message": "missing or invalid Authorization token"})
            now = dt.datetime.now(dt.timezone.utc)
            cur = self.current
            if a.rotate or cur is None or \
                    dt.datetime.fromisoformat(cur["Expiration"].replace("Z", "+00:00")) <= now:
                cur = self.current = self.mint.issue(a.expires_in)
            self.counts["served"] += 1
        return self._json(200, {"AccessKeyId": cur["AccessKeyId"], "SecretAccessKey": cur["SecretAccessKey"],
                                "Token": cur["SessionToken"], "Expiration": cur["Expiration"],
                                "RoleArn": a.role_arn})


# --------------------------------------------------------------------------------------------
# STS
# --------------------------------------------------------------------------------------------

ROLE_ARN_RE = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$")


class StsPeer(ec2_wire.Peer):
    kind = "sts"

    def __init__(self, args):
        super().__init__(args)
        self.mint = ec2_wire.CredentialMint("STSX")
        self.web_mint = ec2_wire.CredentialMint("WEBI")
        self.counts: dict[str, int] = {}
        self.keys = dict(k.split(":", 1) for k in (args.verify or []))

    def ready_info(self):
        return {"env": {"AWS_ENDPOINT_URL_STS": None}, "webIdentityToken": self.args.web_identity_token}

    def stats(self):
        return {"byAction": dict(self.counts), "issued": {"AssumeRole": self.mint.serial,
                                                          "AssumeRoleWithWebIdentity": self.web_mint.serial}}

    def reset(self, query):
        super().reset(query)
        with self.lock:
            self.counts.clear()

    def _xml(self, status, body):
        return status, {"Content-Type": "text/xml", "x-amzn-RequestId": ec2_wire.request_id()}, body

    def _err(self, status, code, message, sender=True):
        return self._xml(status, ec2_wire.sts_error(code, message, sender=sender))

    def handle(self, h, method, path, query, body):
        pairs = static_server.parse_params(method, query, body, h.headers.get("Content-Type", ""))
        params = dict(pairs)
        auth = ec2_wire.parse_authorization(h.headers.get("Authorization"))
        entry = {"method": method, "path": path, "action": params.get("Action", ""), "params": pairs,
                 "headers": dict(h.headers.items()), "auth": auth}
        status, headers, out = self._answer(h, method, path, query, body, params, auth, entry)
        entry["status"] = status
        self.record(entry)
        return status, headers, out

    def _answer(self, h, method, path, query, body, params, auth, entry):
        action = params.get("Action", "")
        with self.lock:
            self.counts[action] = self.counts.get(action, 0) + 1
        if path != "/":
            return self._err(404, "NotFound", "STS answers on / only")
        if action not in ("AssumeRole", "AssumeRoleWithWebIdentity", "GetCallerIdentity"):
            return self._err(400, "InvalidAction", f"Could not find operation {action} for version "
                                                   f"{params.get('Version', 'NO_VERSION_SPECIFIED')}")
        if params.get("Version") != "2011-06-15":
            return self._err(400, "InvalidAction", f"Could not find operation {action} for version "
                                                   f"{params.get('Version', 'NO_VERSION_SPECIFIED')}")
        signed = action != "AssumeRoleWithWebIdentity"
        if signed:
            if auth is None or auth["service"] != "sts":
                return self._err(403, "MissingAuthenticationToken", "Request is missing Authentication Token")
            if self.keys:
                secret = self.keys.get(auth["accessKeyId"])
                if secret is None:
                    return self._err(403, "InvalidClientTokenId",
                                     "The security token included in the request is invalid.")
                from sigv4_vectors import verify_request
                host = h.headers.get("Host", "")
                ok, detail = verify_request(method, f"http://{host}{path}" + (f"?{query}" if query else ""),
                                            list(h.headers.items()), body, auth["accessKeyId"], secret,
                                            h.headers.get("X-Amz-Security-Token"))
                entry["signatureCheck"] = detail
                if not ok:
                    return self._err(403, "SignatureDoesNotMatch",
                                     "The request signature we calculated does not match the signature you "
                                     "provided. Check your AWS Secret Access Key and signing method.")
        if action == "GetCallerIdentity":
            arn = f"arn:aws:iam::{ec2_wire.ACCOUNT_ID}:user/{auth['accessKeyId']}"
            return self._xml(200, (
                f'<GetCallerIdentityResponse xmlns="{ec2_wire.STS_NS}">\n  <GetCallerIdentityResult>\n'
                f"    <Arn>{arn}</Arn>\n    <UserId>{auth['accessKeyId']}</UserId>\n"
                f"    <Account>{ec2_wire.ACCOUNT_ID}</Account>\n  </GetCallerIdentityResult>\n"
                f"  <ResponseMetadata>\n    <RequestId>{ec2_wire.request_id()}</RequestId>\n"
                f"  </ResponseMetadata>\n</GetCallerIdentityResponse>\n").encode())
        role = params.get("RoleArn")
        session = params.get("RoleSessionName")
        for name, value in (("roleArn", role), ("roleSessionName", session)) + (
                (("webIdentityToken", params.get("WebIdentityToken")),) if not signed else ()):
            if not value:
                return self._err(400, "ValidationError", f"1 validation error detected: Value null at '{name}' "
                                                         "failed to satisfy constraint: Member must not be null")
        if not ROLE_ARN_RE.match(role):
            return self._err(400, "ValidationError", f"{role} is invalid")
        if role in (self.args.deny_role or []):
            who = (f"arn:aws:iam::{ec2_wire.ACCOUNT_ID}:user/{auth['accessKeyId']}" if auth
                   else "the web identity")
            return self._err(403, "AccessDenied", f"User: {who} is not authorized to perform: sts:{action} on "
                                                  f"resource: {role}")
        if not signed and self.args.web_identity_token is not None \
                and params["WebIdentityToken"] != self.args.web_identity_token:
            return self._err(400, "InvalidIdentityToken", "Couldn't retrieve verification key from your identity "
                                                          "provider,  please reference AssumeRoleWithWebIdentity "
                                                          "documentation for requirements")
        try:
            duration = int(params.get("DurationSeconds", self.args.expires_in))
        except ValueError:
            duration = -1
        if not 900 <= duration <= 43200:
            return self._err(400, "ValidationError", f"1 validation error detected: Value '{duration}' at "
                                                     "'durationSeconds' failed to satisfy constraint: Member must "
                                                     "have value greater than or equal to 900")
        if self.args.expires_in_override:
            duration = self.args.expires_in_override
        creds = (self.mint if signed else self.web_mint).issue(duration)
        entry["issued"] = creds["AccessKeyId"]
        return self._xml(200, ec2_wire.sts_credentials_response(action, creds, role, session))


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------

KINDS = {"throttle": ThrottlePeer, "deny": DenyPeer, "expired": ExpiredPeer, "imds": ImdsPeer,
         "container": ContainerPeer, "sts": StsPeer}


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description="loopback stand-ins for AWS behaviour moto lacks",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    sub = ap.add_subparsers(dest="kind", required=True)

    p = sub.add_parser("throttle", help="throttling error N times per action, then success")
    ec2_wire.add_server_args(p)
    static_server.add_replay_args(p, default_sets=["fixtures/demo"])
    p.add_argument("--failures", type=int, default=2)
    p.add_argument("--code", default="RequestLimitExceeded")
    p.add_argument("--status", type=int, default=None, help="HTTP status (default: the code's usual one)")
    p.add_argument("--action", action="append", help="only this action fails (repeatable)")
    p.add_argument("--retry-after-ms", type=float, default=0)
    p.add_argument("--upstream", default=None,
                   help="proxy requests that are not throttled to this EC2 endpoint (moto) instead of replaying")

    p = sub.add_parser("deny", help="UnauthorizedOperation for chosen actions")
    ec2_wire.add_server_args(p)
    static_server.add_replay_args(p, default_sets=["fixtures/demo"])
    p.add_argument("--action", action="append", required=True)
    p.add_argument("--plain", action="store_true", help="no encoded authorization message")
    p.add_argument("--principal", default="arn:aws:sts::123456789012:assumed-role/gatewatch-readonly/jump-1")

    p = sub.add_parser("expired", help="ExpiredToken N times (or for given keys), then success")
    ec2_wire.add_server_args(p)
    static_server.add_replay_args(p, default_sets=["fixtures/demo"])
    p.add_argument("--times", type=int, default=1)
    p.add_argument("--code", default="ExpiredToken", choices=["ExpiredToken", "RequestExpired"])
    p.add_argument("--expired-key", action="append", help="access key ID that is always expired (repeatable)")

    p = sub.add_parser("imds", help="EC2 instance metadata service, IMDSv2")
    ec2_wire.add_server_args(p)
    p.add_argument("--role", default="gatewatch-node")
    p.add_argument("--region", default="us-east-1")
    p.add_argument("--az", default=None, help="availability zone (default: the region + 'a')")
    p.add_argument("--instance-id", default="i-0c2a4e6f8b0d13579")
    p.add_argument("--expires-in", type=float, default=3600)
    p.add_argument("--rotate", action="store_true", help="new keys on every credentials fetch")
    p.add_argument("--v1", action="store_true", help="also accept GETs without a token (IMDSv1)")
    p.add_argument("--put-status", type=int, default=0, choices=[0, 403, 404, 405])
    p.add_argument("--put-delay", type=float, default=0)

    p = sub.add_parser("container", help="container credentials endpoint")
    ec2_wire.add_server_args(p)
    p.add_argument("--path", default="/v1/credentials")
    p.add_argument("--token", default=None, help="required Authorization header value")
    p.add_argument("--role-arn", default="arn:aws:iam::123456789012:role/gatewatch-task")
    p.add_argument("--expires-in", type=float, default=3600)
    p.add_argument("--rotate", action="store_true")
    p.add_argument("--fail", type=int, default=0, help="answer the first N requests with HTTP 500")

    p = sub.add_parser("sts", help="STS AssumeRole / AssumeRoleWithWebIdentity")
    ec2_wire.add_server_args(p)
    p.add_argument("--web-identity-token", default=None)
    p.add_argument("--deny-role", action="append")
    p.add_argument("--expires-in", type=int, default=3600, help="default DurationSeconds")
    p.add_argument("--expires-in-override", type=int, default=0,
                   help="issue credentials with this lifetime whatever DurationSeconds says (refresh tests)")
    p.add_argument("--verify", action="append", metavar="AKID:SECRET",
                   help="check AssumeRole signatures with botocore for these keys (repeatable)")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if hasattr(args, "default_sets"):
        args.set = static_server.resolve_sets(args)
    peer = KINDS[args.kind](args)
    return ec2_wire.serve(peer)


if __name__ == "__main__":
    sys.exit(main())
