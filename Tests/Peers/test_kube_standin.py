"""Proves that kube_standin.py speaks the Kubernetes API wire protocol.

The real kubectl drives it (discovery, server-side printing, pagination, watch,
auth, refused writes), and direct HTTP requests check what kubectl does not
exercise: limit/continue, 410 Gone, bookmarks, selectors, fault injection.
Everything listens on 127.0.0.1; every server started here is stopped here.

Run: python3 -m pytest Tests/Peers -q
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import queue
import select
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SERVER = os.path.join(HERE, "kube_standin.py")
BUNDLE = os.environ.get("KUBE_STANDIN_BUNDLE", os.path.join(ROOT, "Sources", "Inventory", "Demo"))
KUBECTL = os.environ.get("KUBECTL", shutil.which("kubectl") or "/usr/bin/kubectl")

sys.path.insert(0, HERE)
import kube_standin as ks  # noqa: E402

TABLE_ACCEPT = ("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;"
                "g=meta.k8s.io,application/json")


def bundle_objects():
    return ks.load_bundle(BUNDLE, lambda msg: None)


def bundle_names(kind):
    return sorted(o["metadata"]["name"] for o in bundle_objects() if o["kind"] == kind)


needs_kubectl = pytest.mark.skipif(not os.path.exists(KUBECTL), reason="kubectl not installed")


class Server:
    """One kube_standin.py process on 127.0.0.1."""

    def __init__(self, tmp_path, *args):
        self.tmp = tmp_path
        self.stderr = open(tmp_path / "standin.err", "w")
        self.proc = subprocess.Popen(
            [sys.executable, SERVER, "--bundle", BUNDLE, "--state-dir", str(tmp_path / "state"), *args],
            stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        ready, _, _ = select.select([self.proc.stdout], [], [], 15)
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            self.stop()
            raise RuntimeError("stand-in did not start: " + (tmp_path / "standin.err").read_text())
        self.info = json.loads(line)
        self.ctx = ssl.create_default_context(cafile=self.info["ca"])
        self.cache = str(tmp_path / "kubectl-cache")

    # ---- lifecycle
    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc.stdout:
            self.proc.stdout.close()
        self.stderr.close()

    # ---- admin
    def admin(self, path, body=None, method=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.info["adminPort"], timeout=10)
        data = json.dumps(body).encode() if body is not None else None
        conn.request(method or ("POST" if body is not None else "GET"), path, body=data,
                     headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        out = json.loads(resp.read())
        conn.close()
        assert resp.status == 200, out
        return out

    def requests(self, clear=False):
        return self.admin("/requests" + ("?clear=1" if clear else ""))["requests"]

    # ---- API
    def connect(self, cert=None, timeout=10):
        ctx = self.ctx
        if cert:
            ctx = ssl.create_default_context(cafile=self.info["ca"])
            ctx.load_cert_chain(*cert)
        return http.client.HTTPSConnection("127.0.0.1", self.info["port"], context=ctx, timeout=timeout)

    def request(self, path, token="default", accept="application/json", method="GET", cert=None,
                timeout=10, headers=None, body=None):
        """-> (status, headers dict, parsed JSON or raw bytes)"""
        conn = self.connect(cert, timeout)
        h = {"Accept": accept, **(headers or {})}
        if token == "default":
            token = self.info["token"]
        if token:
            h["Authorization"] = f"Bearer {token}"
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        raw = resp.read()
        hdrs = {k.lower(): v for k, v in resp.getheaders()}
        conn.close()
        if hdrs.get("content-encoding") == "gzip":
            raw = gzip.decompress(raw)
        try:
            return resp.status, hdrs, json.loads(raw)
        except ValueError:
            return resp.status, hdrs, raw

    def get(self, path, **kw):
        status, _, body = self.request(path, **kw)
        assert status == 200, body
        return body

    def watch(self, path, token="default", accept="application/json", timeout=5):
        conn = self.connect(timeout=timeout)
        if token == "default":
            token = self.info["token"]
        conn.request("GET", path, headers={"Accept": accept, "Authorization": f"Bearer {token}"})
        return WatchStream(conn, conn.getresponse())

    # ---- kubectl
    def kubectl(self, *args, context=None, kubeconfig=None, timeout=30):
        cmd = [KUBECTL, "--kubeconfig", kubeconfig or self.info["kubeconfig"], "--cache-dir", self.cache]
        if context:
            cmd += ["--context", context]
        env = dict(os.environ, HOME=str(self.tmp), KUBECONFIG="")
        return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=timeout, env=env)

    def kubectl_popen(self, *args):
        cmd = [KUBECTL, "--kubeconfig", self.info["kubeconfig"], "--cache-dir", self.cache, *args]
        env = dict(os.environ, HOME=str(self.tmp), KUBECONFIG="")
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


class WatchStream:
    def __init__(self, conn, resp):
        self.conn, self.resp = conn, resp
        self.status = resp.status

    def next(self):
        """The next event (dict), or None at the end of the stream."""
        line = self.resp.readline()
        if not line:
            return None
        return json.loads(line)

    def next_of(self, types, limit=50):
        for _ in range(limit):
            ev = self.next()
            if ev is None or ev["type"] in types:
                return ev
        raise AssertionError(f"no {types} event in {limit}")

    def close(self):
        self.conn.close()


class LineReader:
    """Reads a subprocess's stdout on a thread so that waits can be bounded."""

    def __init__(self, stream):
        self.q: queue.Queue = queue.Queue()
        self.lines: list[str] = []
        threading.Thread(target=self._run, args=(stream,), daemon=True).start()

    def _run(self, stream):
        for line in stream:
            self.q.put(line.rstrip("\n"))
        self.q.put(None)

    def wait_for(self, predicate, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                line = self.q.get(timeout=max(0.01, deadline - time.time()))
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
            if predicate(line):
                return line
        raise AssertionError(f"timed out; got {self.lines}")


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """A server nobody mutates or breaks."""
    srv = Server(tmp_path_factory.mktemp("shared"))
    yield srv
    srv.stop()


@pytest.fixture
def fresh(tmp_path):
    """A server of one's own, for mutations and faults."""
    srv = Server(tmp_path, "--bookmark-interval", "0")
    yield srv
    srv.stop()


def a_pod(name, ns="payments", labels=None, node="ip-10-0-1-10.ec2.internal"):
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": ns, "labels": labels or {"app": name}},
            "spec": {"nodeName": node, "containers": [{"name": "c", "image": "busybox"}]},
            "status": {"phase": "Pending"}}


def table_names(stdout, col=0):
    rows = [line.split() for line in stdout.strip().splitlines()[1:]]
    return sorted(r[col] for r in rows if r)


# ==========================================================================
# kubectl
# ==========================================================================


@needs_kubectl
def test_kubectl_get_pods_all_namespaces(shared):
    r = shared.kubectl("get", "pods", "-A")
    assert r.returncode == 0, r.stderr
    header = r.stdout.splitlines()[0].split()
    assert header[:6] == ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    assert table_names(r.stdout, col=1) == bundle_names("Pod")
    # kubectl asked for server-side printing and got a Table back
    reqs = [q for q in shared.requests() if q["path"] == "/api/v1/pods"]
    assert reqs and "as=Table" in reqs[-1]["accept"] and reqs[-1]["status"] == 200


@needs_kubectl
def test_kubectl_get_pods_json_matches_bundle(shared):
    r = shared.kubectl("get", "pods", "-A", "-o", "json")
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)["items"]
    assert sorted(i["metadata"]["name"] for i in items) == bundle_names("Pod")
    assert all(i["kind"] == "Pod" and i["apiVersion"] == "v1" for i in items)
    wide = shared.kubectl("get", "pods", "-n", "dlp-service-egw", "-o", "wide")
    assert wide.returncode == 0 and "NODE" in wide.stdout.splitlines()[0]


@needs_kubectl
def test_kubectl_calico_and_operator_kinds(shared):
    r = shared.kubectl("get", "egressgatewaypolicies.projectcalico.org")
    assert r.returncode == 0, r.stderr
    assert table_names(r.stdout) == bundle_names("EgressGatewayPolicy")
    r = shared.kubectl("get", "ippools.crd.projectcalico.org", "-o", "json")
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)["items"]
    assert sorted(i["metadata"]["name"] for i in items) == bundle_names("IPPool")
    assert {i["apiVersion"] for i in items} == {"crd.projectcalico.org/v1"}
    r = shared.kubectl("get", "ippools.projectcalico.org", "-o", "json")
    assert {i["apiVersion"] for i in json.loads(r.stdout)["items"]} == {"projectcalico.org/v3"}
    # IPAM blocks only from crd.projectcalico.org/v1 in API-server mode
    r = shared.kubectl("get", "ipamblocks.crd.projectcalico.org", "-o", "json")
    assert len(json.loads(r.stdout)["items"]) == len(bundle_names("IPAMBlock"))
    r = shared.kubectl("get", "ipamblocks.projectcalico.org")
    assert r.returncode != 0 and "the server doesn't have a resource type" in r.stderr
    # BlockAffinity spec.deleted: bool in v3, string in v1
    v3 = json.loads(shared.kubectl("get", "blockaffinities.projectcalico.org", "-o", "json").stdout)["items"]
    v1 = json.loads(shared.kubectl("get", "blockaffinities.crd.projectcalico.org", "-o", "json").stdout)["items"]
    assert {type(i["spec"]["deleted"]) for i in v3} == {bool}
    assert {i["spec"]["deleted"] for i in v1} <= {"true", "false"}
    r = shared.kubectl("get", "egressgateways.operator.tigera.io", "-n", "dlp-service-egw")
    assert r.returncode == 0 and table_names(r.stdout) == ["dlp-service-egw"]
    r = shared.kubectl("get", "egressgateways", "-A", "-o", "name")
    assert len(r.stdout.split()) == len(bundle_names("EgressGateway"))


@needs_kubectl
def test_kubectl_chunked_list(shared):
    shared.requests(clear=True)
    r = shared.kubectl("get", "pods", "-A", "--chunk-size=2")
    assert r.returncode == 0, r.stderr
    assert table_names(r.stdout, col=1) == bundle_names("Pod")
    pages = [q for q in shared.requests() if q["path"] == "/api/v1/pods"]
    n = len(bundle_names("Pod"))
    assert len(pages) == (n + 1) // 2
    assert all(p["query"]["limit"] == "2" for p in pages)
    assert "continue" not in pages[0]["query"] and all("continue" in p["query"] for p in pages[1:])


@needs_kubectl
def test_kubectl_watch_receives_admin_mutations(fresh):
    proc = fresh.kubectl_popen("get", "pods", "-A", "--watch", "--output-watch-events")
    try:
        out = LineReader(proc.stdout)
        last = sorted(bundle_names("Pod"))[-1]
        out.wait_for(lambda line: last in line)  # the initial list has been printed
        # kubectl watches from its list's resourceVersion: whether or not its watch is
        # open yet, the events below reach it.
        fresh.admin("/mutate", {"ops": [
            {"op": "add", "object": a_pod("watch-probe")},
            {"op": "patch", "apiVersion": "v1", "kind": "Pod", "namespace": "payments", "name": "watch-probe",
             "patch": {"status": {"phase": "Running"}}},
            {"op": "delete", "apiVersion": "v1", "kind": "Pod", "namespace": "payments", "name": "watch-probe"}]})
        added = out.wait_for(lambda line: "watch-probe" in line)
        assert added.split()[0] == "ADDED" and "Pending" in added
        modified = out.wait_for(lambda line: "watch-probe" in line)
        assert modified.split()[0] == "MODIFIED" and "Running" in modified
        deleted = out.wait_for(lambda line: "watch-probe" in line)
        assert deleted.split()[0] == "DELETED"
    finally:
        proc.kill()
        proc.wait(5)
    watches = [q for q in fresh.requests() if q["watch"]]
    assert watches and watches[0]["query"].get("resourceVersion")


@needs_kubectl
def test_kubectl_client_cert_context(shared):
    shared.requests(clear=True)
    r = shared.kubectl("get", "pods", "-n", "payments", context="cert")
    assert r.returncode == 0, r.stderr
    assert "payments-api" in r.stdout
    assert {q["user"] for q in shared.requests() if q["path"].startswith("/api/v1/")} == {"gatewatch-cert-user"}
    # the same with the inline (*-data) kubeconfig
    r = shared.kubectl("get", "nodes", context="cert", kubeconfig=shared.info["kubeconfigInline"])
    assert r.returncode == 0 and table_names(r.stdout) == bundle_names("Node")


@needs_kubectl
def test_kubectl_unauthorized_and_forbidden(shared):
    r = shared.kubectl("get", "pods", "-A", "--token", "not-a-valid-token")
    assert r.returncode != 0 and "Unauthorized" in r.stderr
    r = shared.kubectl("get", "pods", "-A", context="untrusted-cert")
    assert r.returncode != 0 and "Unauthorized" in r.stderr
    r = shared.kubectl("get", "nodes", context="limited")
    assert r.returncode != 0 and "Forbidden" in r.stderr and 'User "gatewatch-limited"' in r.stderr
    r = shared.kubectl("get", "pods", "-n", "payments", context="limited")
    assert r.returncode == 0, r.stderr


@needs_kubectl
def test_kubectl_writes_are_refused(shared, tmp_path):
    pod = "payments-api-7f9c6d8b4-2xv9q"
    assert pod in bundle_names("Pod")
    manifest = tmp_path / "pod.json"
    manifest.write_text(json.dumps(a_pod("should-not-exist")))
    before = shared.admin("/state")["resourceVersion"]
    for args in (["delete", "pod", "-n", "payments", pod, "--wait=false"],
                 ["apply", "-f", str(manifest)],
                 ["create", "-f", str(manifest)],
                 ["label", "pod", "-n", "payments", pod, "x=y"],
                 ["delete", "ippools.projectcalico.org", "dlp-use1a", "--wait=false"]):
        r = shared.kubectl(*args)
        assert r.returncode != 0, args
        assert "MethodNotAllowed" in r.stderr, (args, r.stderr)
    assert shared.admin("/state")["resourceVersion"] == before
    assert shared.kubectl("get", "pod", "-n", "payments", pod).returncode == 0
    writes = {q["method"] for q in shared.requests() if q["method"] != "GET"}
    assert writes <= {"POST", "PATCH", "DELETE", "PUT"} and writes


@needs_kubectl
def test_kubectl_legacy_discovery_and_native_mode(tmp_path):
    srv = Server(tmp_path, "--legacy-discovery", "--calico-mode", "native", "--without", "operator.tigera.io")
    try:
        r = srv.kubectl("get", "ipamblocks.projectcalico.org", "-o", "name")
        assert r.returncode == 0, r.stderr
        assert len(r.stdout.split()) == len(bundle_names("IPAMBlock"))
        r = srv.kubectl("get", "ippools.crd.projectcalico.org")
        assert r.returncode != 0
        r = srv.kubectl("api-resources", "--api-group=projectcalico.org", "-o", "name")
        assert "ipamblocks.projectcalico.org" in r.stdout.split()
        paths = {q["path"] for q in srv.requests()}
        assert "/apis/projectcalico.org/v3" in paths and "/api/v1" in paths  # legacy per-group discovery
        assert "/apis/operator.tigera.io/v1" not in paths
    finally:
        srv.stop()


# ==========================================================================
# Direct HTTP: discovery, lists, selectors, Table, errors
# ==========================================================================


def test_ready_line_and_kubeconfig(shared):
    info = shared.info
    assert info["url"] == f"https://127.0.0.1:{info['port']}"
    text = open(info["kubeconfig"]).read()
    for ctx in ("token", "cert", "limited", "untrusted-cert"):
        assert f"- name: {ctx}\n" in text
    assert info["ca"] in text and info["token"] in text
    assert "certificate-authority-data" in open(info["kubeconfigInline"]).read()
    assert shared.get("/version", token=None)["gitVersion"].startswith("v1.32")


def test_discovery_documents(shared):
    assert shared.get("/api")["versions"] == ["v1"]
    groups = {g["name"] for g in shared.get("/apis")["groups"]}
    assert {"apps", "projectcalico.org", "crd.projectcalico.org", "operator.tigera.io"} <= groups
    v3 = {r["name"] for r in shared.get("/apis/projectcalico.org/v3")["resources"]}
    assert {"ippools", "ipreservations", "egressgatewaypolicies", "felixconfigurations",
            "blockaffinities"} <= v3 and "ipamblocks" not in v3
    v1 = {r["name"] for r in shared.get("/apis/crd.projectcalico.org/v1")["resources"]}
    assert {"ipamblocks", "blockaffinities", "ippools", "ipamconfigs"} <= v1
    op = shared.get("/apis/operator.tigera.io/v1")["resources"]
    assert any(r["name"] == "egressgateways" and r["namespaced"] for r in op)
    core = {r["name"]: r for r in shared.get("/api/v1")["resources"]}
    assert core["pods"]["namespaced"] and not core["nodes"]["namespaced"] and "watch" in core["pods"]["verbs"]
    status, hdrs, agg = shared.request(
        "/apis", accept="application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json")
    assert status == 200 and "as=APIGroupDiscoveryList" in hdrs["content-type"]
    assert agg["kind"] == "APIGroupDiscoveryList"
    status, _, body = shared.request("/apis/nosuch.example.com/v1")
    assert status == 404 and body["kind"] == "Status" and body["reason"] == "NotFound"


def test_list_limit_continue_is_consistent(fresh):
    first = fresh.get("/api/v1/pods?limit=5")
    rv = first["metadata"]["resourceVersion"]
    names = [p["metadata"]["name"] for p in first["items"]]
    assert len(names) == 5 and first["metadata"]["remainingItemCount"] == len(bundle_names("Pod")) - 5
    fresh.admin("/mutate", {"op": "add", "object": a_pod("zzz-added-mid-list", ns="zzz")})
    cont = first["metadata"]["continue"]
    while cont:
        page = fresh.get("/api/v1/pods?limit=5&continue=" + urllib.parse.quote(cont))
        assert page["metadata"]["resourceVersion"] == rv  # pages come from one snapshot
        names += [p["metadata"]["name"] for p in page["items"]]
        cont = page["metadata"].get("continue")
    assert sorted(names) == bundle_names("Pod")
    after = fresh.get("/api/v1/pods")
    assert int(after["metadata"]["resourceVersion"]) > int(rv)
    assert len(after["items"]) == len(bundle_names("Pod")) + 1


def test_continue_token_expires_after_compaction(fresh):
    first = fresh.get("/api/v1/pods?limit=3")
    fresh.admin("/mutate", {"op": "add", "object": a_pod("bump")})
    fresh.admin("/compact", {})
    status, _, body = fresh.request("/api/v1/pods?limit=3&continue=" + first["metadata"]["continue"])
    assert status == 410 and body["reason"] == "Expired" and body["kind"] == "Status"
    assert body["metadata"]["continue"]  # the inconsistent-continuation token, as kube-apiserver gives
    status, _, body = fresh.request("/api/v1/pods?limit=3&continue=garbage")
    assert status == 400 and body["reason"] == "BadRequest"


def test_namespaced_paths_and_selectors(shared):
    pods = shared.get("/api/v1/namespaces/payments/pods")
    assert pods["kind"] == "PodList" and {p["metadata"]["namespace"] for p in pods["items"]} == {"payments"}
    by_field = shared.get("/api/v1/pods?fieldSelector=metadata.namespace%3Dpayments")
    assert len(by_field["items"]) == len(pods["items"])
    not_ns = shared.get("/api/v1/pods?fieldSelector=metadata.namespace!%3Dpayments")
    assert len(not_ns["items"]) == len(bundle_names("Pod")) - len(pods["items"])
    by_label = shared.get("/api/v1/pods?labelSelector=" + urllib.parse.quote("app=payments-api"))
    assert {p["metadata"]["labels"]["app"] for p in by_label["items"]} == {"payments-api"}
    assert len(by_label["items"]) == 2
    setsel = shared.get("/api/v1/pods?labelSelector=" + urllib.parse.quote("app in (payments-api,payments-worker)"))
    assert len(setsel["items"]) == 3
    node = shared.get("/api/v1/pods?fieldSelector=spec.nodeName%3Dip-10-0-1-10.ec2.internal")
    assert node["items"] and {p["spec"]["nodeName"] for p in node["items"]} == {"ip-10-0-1-10.ec2.internal"}
    status, _, body = shared.request("/api/v1/pods?fieldSelector=spec.bogus%3Dx")
    assert status == 400 and "field label not supported" in body["message"]
    egw = shared.get("/apis/operator.tigera.io/v1/namespaces/dlp-service-egw/egressgateways")
    assert [e["metadata"]["name"] for e in egw["items"]] == ["dlp-service-egw"]
    assert egw["kind"] == "EgressGatewayList"
    one = shared.get("/apis/projectcalico.org/v3/egressgatewaypolicies/" + bundle_names("EgressGatewayPolicy")[0])
    assert one["kind"] == "EgressGatewayPolicy" and one["apiVersion"] == "projectcalico.org/v3"
    status, _, body = shared.request("/api/v1/namespaces/payments/pods/nope")
    assert status == 404 and body["reason"] == "NotFound" and body["details"]["name"] == "nope"


def test_table_output(shared):
    t = shared.get("/api/v1/pods?limit=4", accept=TABLE_ACCEPT)
    assert t["kind"] == "Table" and t["apiVersion"] == "meta.k8s.io/v1"
    assert [c["name"] for c in t["columnDefinitions"]][:5] == ["Name", "Ready", "Status", "Restarts", "Age"]
    assert len(t["rows"]) == 4 and t["metadata"]["continue"]
    obj = t["rows"][0]["object"]
    assert obj["kind"] == "PartialObjectMetadata" and obj["metadata"]["namespace"]
    meta = shared.get("/api/v1/nodes", accept="application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io")
    assert meta["kind"] == "PartialObjectMetadataList" and len(meta["items"]) == len(bundle_names("Node"))
    status, _, body = shared.request("/api/v1/pods", accept="application/vnd.kubernetes.protobuf")
    assert status == 406 and body["kind"] == "Status"


def test_auth_errors_are_status_objects(shared):
    status, _, body = shared.request("/api/v1/pods", token=None)
    assert status == 401 and body == {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                                      "message": "Unauthorized", "reason": "Unauthorized", "code": 401}
    status, _, body = shared.request("/api/v1/pods", token="wrong")
    assert status == 401 and body["reason"] == "Unauthorized"
    status, _, body = shared.request("/api/v1/pods", token=None,
                                     cert=(shared.info["untrustedClientCert"], shared.info["untrustedClientKey"]))
    assert status == 401
    status, _, body = shared.request("/api/v1/pods", token=None,
                                     cert=(shared.info["clientCert"], shared.info["clientKey"]))
    assert status == 200 and body["kind"] == "PodList"
    status, _, body = shared.request("/api/v1/nodes", token=shared.info["limitedToken"])
    assert status == 403 and body["reason"] == "Forbidden" and body["details"]["kind"] == "nodes"
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        status, _, body = shared.request("/api/v1/namespaces/payments/pods/x", method=method, body=b"{}",
                                         headers={"Content-Type": "application/json"})
        assert status == 405 and body["reason"] == "MethodNotAllowed" and body["status"] == "Failure"


def test_generated_pods_and_gzip(tmp_path):
    srv = Server(tmp_path, "--pods", "300")
    try:
        status, hdrs, body = srv.request("/api/v1/pods", headers={"Accept-Encoding": "gzip"})
        assert status == 200 and hdrs.get("content-encoding") == "gzip"
        assert len(body["items"]) == 300 + len(bundle_names("Pod"))
        gen = [p for p in body["items"] if "standin" not in p["metadata"]["name"]
               and p["metadata"].get("managedFields")]
        assert len(gen) >= 300 and gen[0]["status"]["containerStatuses"][0]["ready"] is True
    finally:
        srv.stop()


# ==========================================================================
# Watch: events, resourceVersions, 410 Gone, bookmarks
# ==========================================================================


def test_watch_events_and_global_resource_version(fresh):
    lst = fresh.get("/api/v1/namespaces/payments/pods")
    rv = int(lst["metadata"]["resourceVersion"])
    w = fresh.watch(f"/api/v1/namespaces/payments/pods?watch=true&resourceVersion={rv}")
    try:
        assert w.status == 200 and "chunked" in (w.resp.getheader("Transfer-Encoding") or "")
        # a mutation of another kind in between still advances the one global counter
        r1 = fresh.admin("/mutate", {"op": "add", "object": a_pod("w1")})["results"][0]["resourceVersion"]
        r2 = fresh.admin("/mutate", {"op": "patch", "apiVersion": "projectcalico.org/v3", "kind": "IPPool",
                                     "name": "dlp-use1a", "patch": {"metadata": {"labels": {"x": "y"}}}}
                         )["results"][0]["resourceVersion"]
        r3 = fresh.admin("/mutate", {"op": "patch", "apiVersion": "v1", "kind": "Pod", "namespace": "payments",
                                     "name": "w1", "patch": {"status": {"phase": "Running"}}}
                         )["results"][0]["resourceVersion"]
        r4 = fresh.admin("/mutate", {"op": "delete", "apiVersion": "v1", "kind": "Pod", "namespace": "payments",
                                     "name": "w1"})["results"][0]["resourceVersion"]
        assert rv < r1 < r2 < r3 < r4
        events = [w.next() for _ in range(3)]
        assert [e["type"] for e in events] == ["ADDED", "MODIFIED", "DELETED"]
        assert [int(e["object"]["metadata"]["resourceVersion"]) for e in events] == [r1, r3, r4]
        assert events[1]["object"]["status"]["phase"] == "Running"
    finally:
        w.close()
    # replay from an old-but-retained resourceVersion
    w = fresh.watch(f"/api/v1/namespaces/payments/pods?watch=true&resourceVersion={rv}")
    try:
        assert [w.next()["type"] for _ in range(3)] == ["ADDED", "MODIFIED", "DELETED"]
    finally:
        w.close()
    # the cluster-scoped v1 view of the same IPPool saw the label change too
    pool = fresh.get("/apis/crd.projectcalico.org/v1/ippools/dlp-use1a")
    assert pool["metadata"]["labels"] == {"x": "y"} and int(pool["metadata"]["resourceVersion"]) == r2


def test_watch_without_resource_version_starts_with_state(fresh):
    w = fresh.watch("/apis/operator.tigera.io/v1/egressgateways?watch=true")
    try:
        got = sorted(w.next()["object"]["metadata"]["name"] for _ in bundle_names("EgressGateway"))
        assert got == bundle_names("EgressGateway")
    finally:
        w.close()


def test_watch_410_gone_after_compaction(fresh):
    rv = int(fresh.get("/api/v1/pods")["metadata"]["resourceVersion"])
    fresh.admin("/mutate", {"op": "add", "object": a_pod("gone-1")})
    fresh.admin("/compact", {})
    w = fresh.watch(f"/api/v1/pods?watch=true&resourceVersion={rv}")
    try:  # kube-apiserver's watch cache: HTTP 200, then an ERROR event carrying the 410
        assert w.status == 200
        ev = w.next()
        assert ev["type"] == "ERROR"
        assert ev["object"]["kind"] == "Status" and ev["object"]["code"] == 410
        assert ev["object"]["reason"] == "Expired"
        assert w.next() is None
    finally:
        w.close()
    fresh.admin("/config", {"watchExpiredAs": "http"})
    status, _, body = fresh.request(f"/api/v1/pods?watch=true&resourceVersion={rv}")
    assert status == 410 and body["reason"] == "Expired" and body["kind"] == "Status"
    # a resourceVersion older than the bundle itself is outside the window too
    status, _, body = fresh.request("/api/v1/pods?watch=true&resourceVersion=1")
    assert status == 410


def test_history_window_limit(tmp_path):
    srv = Server(tmp_path, "--history", "2")
    try:
        rv = int(srv.get("/api/v1/pods")["metadata"]["resourceVersion"])
        for i in range(3):
            srv.admin("/mutate", {"op": "add", "object": a_pod(f"h{i}")})
        status, _, body = srv.request(f"/api/v1/pods?watch=true&resourceVersion={rv}")
        assert status == 200 and body["type"] == "ERROR" and body["object"]["code"] == 410
        w = srv.watch(f"/api/v1/pods?watch=true&resourceVersion={rv + 1}")
        try:
            assert [w.next()["object"]["metadata"]["name"] for _ in range(2)] == ["h1", "h2"]
        finally:
            w.close()
    finally:
        srv.stop()


def test_bookmarks(fresh):
    rv = fresh.get("/api/v1/pods")["metadata"]["resourceVersion"]
    fresh.admin("/config", {"bookmarkInterval": 0.2})
    w = fresh.watch(f"/api/v1/pods?watch=true&resourceVersion={rv}&allowWatchBookmarks=true")
    try:
        ev = w.next()
        assert ev["type"] == "BOOKMARK"
        assert ev["object"]["kind"] == "Pod" and ev["object"]["metadata"]["resourceVersion"] == rv
        # a change to another kind moves the bookmark forward without an event for this watch
        new_rv = fresh.admin("/mutate", {"op": "patch", "apiVersion": "v1", "kind": "Node",
                                         "name": bundle_names("Node")[0],
                                         "patch": {"metadata": {"labels": {"b": "1"}}}}
                             )["results"][0]["resourceVersion"]
        ev = w.next_of({"BOOKMARK"})
        while int(ev["object"]["metadata"]["resourceVersion"]) < new_rv:
            ev = w.next_of({"BOOKMARK"})
        assert int(ev["object"]["metadata"]["resourceVersion"]) == new_rv
    finally:
        w.close()
    # no bookmarks unless asked for
    fresh.admin("/config", {"bookmarkInterval": 0})
    w = fresh.watch(f"/api/v1/pods?watch=true&resourceVersion={rv}&timeoutSeconds=1")
    try:
        fresh.admin("/bookmark", {})
        types = []
        while (ev := w.next()) is not None:
            types.append(ev["type"])
        assert "BOOKMARK" not in types  # and timeoutSeconds ended the stream cleanly
    finally:
        w.close()


def test_send_initial_events(fresh):
    w = fresh.watch("/api/v1/namespaces/payments/pods?watch=true&sendInitialEvents=true"
                    "&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")
    try:
        pods = [p for p in bundle_objects() if p["kind"] == "Pod" and p["metadata"]["namespace"] == "payments"]
        evs = [w.next() for _ in pods]
        assert {e["type"] for e in evs} == {"ADDED"}
        end = w.next()
        assert end["type"] == "BOOKMARK"
        assert end["object"]["metadata"]["annotations"] == {"k8s.io/initial-events-end": "true"}
    finally:
        w.close()


def test_watch_selector_transitions(fresh):
    w = fresh.watch("/api/v1/pods?watch=true&labelSelector=" + urllib.parse.quote("team=blue")
                    + "&resourceVersion=" + fresh.get("/api/v1/pods")["metadata"]["resourceVersion"])
    try:
        fresh.admin("/mutate", {"op": "add", "object": a_pod("sel", labels={"team": "red"})})
        fresh.admin("/mutate", {"op": "patch", "apiVersion": "v1", "kind": "Pod", "namespace": "payments",
                                "name": "sel", "patch": {"metadata": {"labels": {"team": "blue"}}}})
        fresh.admin("/mutate", {"op": "patch", "apiVersion": "v1", "kind": "Pod", "namespace": "payments",
                                "name": "sel", "patch": {"metadata": {"labels": {"team": "green"}}}})
        a, d = w.next(), w.next()
        assert a["type"] == "ADDED" and a["object"]["metadata"]["labels"]["team"] == "blue"
        assert d["type"] == "DELETED" and d["object"]["metadata"]["labels"]["team"] == "blue"
    finally:
        w.close()


def test_watch_table_headers_only_on_first_event(fresh):
    rv = fresh.get("/api/v1/pods")["metadata"]["resourceVersion"]
    w = fresh.watch(f"/api/v1/pods?watch=true&resourceVersion={rv}", accept=TABLE_ACCEPT)
    try:
        fresh.admin("/mutate", {"ops": [{"op": "add", "object": a_pod("t1")}, {"op": "add", "object": a_pod("t2")}]})
        e1, e2 = w.next(), w.next()
        assert e1["object"]["kind"] == "Table" and e1["object"]["columnDefinitions"]
        assert "columnDefinitions" not in e2["object"] and e2["object"]["rows"][0]["cells"][0] == "t2"
    finally:
        w.close()


# ==========================================================================
# Fault injection
# ==========================================================================


class Truncated(Exception):
    pass


class RawChunkedStream:
    """A watch read at the chunk level, so that a stream cut before its last
    chunk is told apart from a clean end (http.client cannot tell)."""

    def __init__(self, srv, path, timeout=5):
        raw = socket.create_connection(("127.0.0.1", srv.info["port"]), timeout=timeout)
        self.sock = srv.ctx.wrap_socket(raw, server_hostname="127.0.0.1")
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                           f"Authorization: Bearer {srv.info['token']}\r\n\r\n").encode())
        self.f = self.sock.makefile("rb")
        self.status = int(self.f.readline().split()[1])
        self.headers = {}
        while (line := self.f.readline().strip()):
            k, _, v = line.decode().partition(":")
            self.headers[k.strip().lower()] = v.strip()

    def next(self):
        """The next event, None at a clean end; raises Truncated or a connection error."""
        size_line = self.f.readline()
        if not size_line:
            raise Truncated("EOF before the terminating chunk")
        size = int(size_line.strip(), 16)
        if size == 0:
            self.f.readline()
            return None
        data = self.f.read(size + 2)
        if len(data) < size + 2:
            raise Truncated("EOF inside a chunk")
        return json.loads(data)

    def close(self):
        self.f.close()
        self.sock.close()


def test_fault_drop_watch(fresh):
    rv = fresh.get("/api/v1/pods")["metadata"]["resourceVersion"]
    path = f"/api/v1/pods?watch=true&resourceVersion={rv}"
    curl = None
    cut = RawChunkedStream(fresh, path)
    ended = RawChunkedStream(fresh, f"/api/v1/nodes?watch=true&resourceVersion={rv}")
    try:
        assert ended.status == 200 and ended.headers["transfer-encoding"] == "chunked"
        fresh.admin("/mutate", {"op": "add", "object": a_pod("before-drop")})
        assert cut.next()["object"]["metadata"]["name"] == "before-drop"
        assert len(fresh.admin("/state")["watchers"]) == 2
        # 'close' (the default): FIN mid-stream, without the terminating chunk
        assert fresh.admin("/drop-watches", {"match": "/pods"})["dropped"] == 1
        with pytest.raises(Truncated):
            cut.next()
        # 'reset': a TCP RST. Python's ssl reads an RST as EOF; curl names it.
        if shutil.which("curl"):
            curl = subprocess.Popen(["curl", "-sS", "-N", "--max-time", "10", "--cacert", fresh.info["ca"],
                                     "-H", "Authorization: Bearer " + fresh.info["token"], fresh.info["url"] + path],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            deadline = time.time() + 5
            while len(fresh.admin("/state")["watchers"]) < 2 and time.time() < deadline:
                time.sleep(0.05)
            assert fresh.admin("/drop-watches", {"match": "/pods", "mode": "reset"})["dropped"] == 1
            _, err = curl.communicate(timeout=10)
            assert curl.returncode == 56 and "reset by peer" in err
        # 'end': a clean end of the chunked stream, as when the server times a watch out
        assert fresh.admin("/drop-watches", {"mode": "end"})["dropped"] == 1
        assert ended.next() is None
    finally:
        cut.close()
        ended.close()
        if curl is not None and curl.poll() is None:
            curl.kill()
            curl.wait(5)


def test_fault_stall(fresh):
    fresh.admin("/stall", {"seconds": 2, "count": 1, "match": "/api/v1/nodes"})
    with pytest.raises((socket.timeout, TimeoutError)):
        fresh.request("/api/v1/nodes", timeout=0.5)
    assert fresh.get("/api/v1/nodes", timeout=5)["kind"] == "NodeList"  # only the next one stalls
    fresh.admin("/stall", {"seconds": 2, "count": 1, "match": "/api/v1/pods", "phase": "body"})
    conn = fresh.connect(timeout=0.5)
    conn.request("GET", "/api/v1/pods", headers={"Authorization": f"Bearer {fresh.info['token']}"})
    resp = conn.getresponse()  # headers arrive, then the body stalls half-way
    assert resp.status == 200
    with pytest.raises((socket.timeout, TimeoutError)):
        resp.read()
    conn.close()


def test_fault_5xx(fresh):
    fresh.admin("/fail", {"code": 503, "count": 2, "match": "/api/v1/pods", "retryAfter": 1})
    for _ in range(2):
        status, hdrs, body = fresh.request("/api/v1/pods")
        assert status == 503 and hdrs["retry-after"] == "1"
        assert body["kind"] == "Status" and body["reason"] == "ServiceUnavailable"
        assert body["details"]["retryAfterSeconds"] == 1
    assert fresh.request("/api/v1/nodes")[0] == 200
    assert fresh.request("/api/v1/pods")[0] == 200
    fresh.admin("/fail", {"code": 500, "count": 1})
    status, _, body = fresh.request("/apis")
    assert status == 500 and body["reason"] == "InternalError"


def test_fault_token_expiry(fresh):
    tok = fresh.info["token"]
    assert fresh.request("/api/v1/pods")[0] == 200
    fresh.admin("/tokens", {"action": "expire", "token": tok})
    status, _, body = fresh.request("/api/v1/pods")
    assert status == 401 and body["reason"] == "Unauthorized"
    fresh.admin("/tokens", {"action": "refresh", "token": tok})
    assert fresh.request("/api/v1/pods")[0] == 200
    fresh.admin("/tokens", {"action": "add", "token": "short-lived", "user": "exec-user", "ttl": 0.3})
    assert fresh.request("/api/v1/pods", token="short-lived")[0] == 200
    time.sleep(0.5)
    assert fresh.request("/api/v1/pods", token="short-lived")[0] == 401
    fresh.admin("/tokens", {"action": "forbid", "user": "gatewatch-token",
                            "resources": ["egressgateways.operator.tigera.io"]})
    status, _, body = fresh.request("/apis/operator.tigera.io/v1/egressgateways")
    assert status == 403 and 'in API group "operator.tigera.io"' in body["message"]


def test_fault_mutation_script(fresh):
    rv = fresh.get("/api/v1/pods")["metadata"]["resourceVersion"]
    w = fresh.watch(f"/api/v1/namespaces/checkout/pods?watch=true&resourceVersion={rv}")
    try:
        out = fresh.admin("/mutate", {"interval": 0.05, "ops": [
            {"op": "add", "object": a_pod("s1", ns="checkout")},
            {"op": "add", "object": a_pod("s2", ns="checkout")},
            {"op": "delete", "apiVersion": "v1", "kind": "Pod", "namespace": "checkout", "name": "s1"}]})
        assert out == {"scheduled": 3}
        evs = [w.next() for _ in range(3)]
        assert [(e["type"], e["object"]["metadata"]["name"]) for e in evs] == [
            ("ADDED", "s1"), ("ADDED", "s2"), ("DELETED", "s1")]
        fresh.admin("/churn", {"kind": "Pod", "namespace": "checkout", "count": 20, "rate": 500})
        mods = [w.next() for _ in range(20)]
        assert {e["type"] for e in mods} == {"MODIFIED"}
        rvs = [int(e["object"]["metadata"]["resourceVersion"]) for e in evs + mods]
        assert rvs == sorted(rvs) and len(set(rvs)) == len(rvs)
    finally:
        w.close()


def test_watch_error_injection_and_sigterm(tmp_path):
    srv = Server(tmp_path)
    state = srv.info["stateDir"]
    w = srv.watch("/api/v1/pods?watch=true&resourceVersion=" + srv.get("/api/v1/pods")["metadata"]["resourceVersion"])
    srv.admin("/watch-error", {"code": 500, "message": "etcd is sad", "reason": "InternalError"})
    ev = w.next()
    assert ev["type"] == "ERROR" and ev["object"]["code"] == 500
    w.close()
    open_watch = RawChunkedStream(srv, "/api/v1/nodes?watch=true&resourceVersion=" + str(srv.info["resourceVersion"]))
    try:
        srv.proc.send_signal(signal.SIGTERM)
        assert open_watch.next() is None  # shutdown ends open watches cleanly
    finally:
        open_watch.close()
    assert srv.proc.wait(5) == 0
    assert os.path.isdir(state)  # --state-dir given: kept
    srv.stop()
