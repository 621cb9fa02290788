#!/usr/bin/env python3
"""A stand-in Kubernetes API server for Gatewatch tests.

It serves the objects of a bundle directory (``cluster/*.yaml|*.yml|*.json``)
over the real Kubernetes wire protocol on 127.0.0.1: discovery (legacy and
aggregated v2), list with limit/continue and resourceVersion, label and field
selectors, server-side printing (``Table``), get, chunked watch streams with
bookmarks and 410 Gone, Status objects for every error, TLS with bearer-token
and client-certificate authentication, and fault injection driven through a
small admin HTTP endpoint on a second port.

Read-only: every verb but GET is answered with 405 MethodNotAllowed.

Python 3 standard library, plus PyYAML when the bundle holds YAML files.
The ``openssl`` command-line tool generates the certificates at startup.
See README.md next to this file for the admin API and the kubeconfig.
"""

from __future__ import annotations

import argparse
import base64
import copy
import datetime as dt
import gzip
import hashlib
import ipaddress
import json
import os
import queue
import random
import re
import secrets
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import uuid
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVER_VERSION = {
    "major": "1",
    "minor": "32",
    "gitVersion": "v1.32.3-standin",
    "gitCommit": "0000000000000000000000000000000000000000",
    "gitTreeState": "clean",
    "buildDate": "2026-01-01T00:00:00Z",
    "goVersion": "go1.23.6",
    "compiler": "gc",
    "platform": "linux/amd64",
}

CLUSTER_CA_CN = "gatewatch-standin-ca"
UNTRUSTED_CA_CN = "gatewatch-untrusted-ca"

READ_VERBS = ["get", "list", "watch"]
ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

# --------------------------------------------------------------------------
# Resource registry
# --------------------------------------------------------------------------


class ResourceType:
    """One served resource: group/version/plural, backed by a logical store."""

    def __init__(self, group, version, plural, kind, namespaced, logical,
                 singular=None, short_names=(), categories=(), printer="crd",
                 subresources=("status",)):
        self.group = group
        self.version = version
        self.plural = plural
        self.kind = kind
        self.namespaced = namespaced
        self.logical = logical
        self.singular = singular or kind.lower()
        self.short_names = list(short_names)
        self.categories = list(categories)
        self.printer = printer
        self.subresources = list(subresources)

    @property
    def group_version(self):
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def api_version(self):
        return self.group_version

    @property
    def qualified(self):
        return f"{self.plural}.{self.group}" if self.group else self.plural


CALICO_V3 = "projectcalico.org"
CALICO_V1 = "crd.projectcalico.org"
OPERATOR = "operator.tigera.io"

# (plural, v3 kind, v1 plural, v1 kind)
CALICO_KINDS = [
    ("ippools", "IPPool", "ippools", "IPPool"),
    ("ipreservations", "IPReservation", "ipreservations", "IPReservation"),
    ("egressgatewaypolicies", "EgressGatewayPolicy", "egressgatewaypolicies", "EgressGatewayPolicy"),
    ("felixconfigurations", "FelixConfiguration", "felixconfigurations", "FelixConfiguration"),
    ("blockaffinities", "BlockAffinity", "blockaffinities", "BlockAffinity"),
    ("ipamconfigurations", "IPAMConfiguration", "ipamconfigs", "IPAMConfig"),
    ("externalnetworks", "ExternalNetwork", "externalnetworks", "ExternalNetwork"),
    ("ipamblocks", "IPAMBlock", "ipamblocks", "IPAMBlock"),
]


def build_registry(calico_mode: str, without: set[str]) -> list[ResourceType]:
    """The resources served, in discovery order.

    calico_mode: ``apiserver`` (projectcalico.org/v3 from the aggregated API
    server, without ipamblocks, plus crd.projectcalico.org/v1), ``native``
    (v3 CRDs only, with ipamblocks) or ``crd`` (crd.projectcalico.org/v1 only).
    """
    reg = [
        ResourceType("", "v1", "namespaces", "Namespace", False, "Namespace",
                     short_names=["ns"], printer="namespace", subresources=("status", "finalize")),
        ResourceType("", "v1", "nodes", "Node", False, "Node",
                     short_names=["no"], printer="node", subresources=("status", "proxy")),
        ResourceType("", "v1", "pods", "Pod", True, "Pod", short_names=["po"],
                     categories=["all"], printer="pod",
                     subresources=("status", "log", "exec", "eviction", "binding")),
        ResourceType("apps", "v1", "deployments", "Deployment", True, "Deployment",
                     short_names=["deploy"], categories=["all"], printer="deployment",
                     subresources=("status", "scale")),
    ]
    if calico_mode in ("apiserver", "native") and CALICO_V3 not in without:
        for plural, kind, _, _ in CALICO_KINDS:
            if plural == "ipamblocks" and calico_mode != "native":
                continue  # the aggregated API server does not serve IPAM blocks
            reg.append(ResourceType(CALICO_V3, "v3", plural, kind, False, "calico/" + kind,
                                    printer="aggregated" if calico_mode == "apiserver" else "crd",
                                    subresources=()))
    if calico_mode in ("apiserver", "crd") and CALICO_V1 not in without:
        for _, kind, plural, v1kind in CALICO_KINDS:
            reg.append(ResourceType(CALICO_V1, "v1", plural, v1kind, False, "calico/" + kind,
                                    printer="crd", subresources=()))
    if OPERATOR not in without:
        reg.append(ResourceType(OPERATOR, "v1", "egressgateways", "EgressGateway", True,
                                "operator/EgressGateway", printer="crd"))
        reg.append(ResourceType(OPERATOR, "v1", "installations", "Installation", False,
                                "operator/Installation", printer="crd"))
    return [r for r in reg if r.qualified not in without and r.group not in without]


def logical_kind(api_version: str, kind: str) -> str | None:
    """Map an object's apiVersion/kind to the store that holds it."""
    group = api_version.split("/")[0] if "/" in api_version else ""
    if group == "" and kind in ("Namespace", "Node", "Pod"):
        return kind
    if group in ("apps", "extensions") and kind == "Deployment":
        return "Deployment"
    if group in (CALICO_V3, CALICO_V1):
        for _, v3kind, _, v1kind in CALICO_KINDS:
            if kind in (v3kind, v1kind):
                return "calico/" + v3kind
    if group == OPERATOR and kind in ("EgressGateway", "Installation"):
        return "operator/" + kind
    return None


def convert_for(obj: dict, rt: ResourceType) -> dict:
    """The object as the resource type's group/version presents it."""
    if obj.get("apiVersion") == rt.api_version and obj.get("kind") == rt.kind:
        return obj
    out = dict(obj)
    out["apiVersion"] = rt.api_version
    out["kind"] = rt.kind
    if rt.logical == "calico/BlockAffinity" and isinstance(obj.get("spec"), dict):
        spec = dict(obj["spec"])
        deleted = spec.get("deleted")
        if rt.group == CALICO_V3:
            spec["deleted"] = deleted in (True, "true", "True")
        elif deleted is not None:
            spec["deleted"] = "true" if deleted in (True, "true", "True") else "false"
        out["spec"] = spec
    if rt.group == CALICO_V3:
        meta = dict(out.get("metadata") or {})
        ann = meta.get("annotations")
        if isinstance(ann, dict) and "projectcalico.org/metadata" in ann:
            ann = {k: v for k, v in ann.items() if k != "projectcalico.org/metadata"}
            if ann:
                meta["annotations"] = ann
            else:
                meta.pop("annotations", None)
            out["metadata"] = meta
    return out


# --------------------------------------------------------------------------
# Errors and Status objects
# --------------------------------------------------------------------------

REASONS = {
    400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
    405: "MethodNotAllowed", 406: "NotAcceptable", 409: "AlreadyExists", 410: "Expired",
    415: "UnsupportedMediaType", 422: "Invalid", 429: "TooManyRequests",
    500: "InternalError", 503: "ServiceUnavailable", 504: "Timeout",
}


def status_object(code: int, message: str, reason: str | None = None, details: dict | None = None) -> dict:
    st = {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason if reason is not None else REASONS.get(code, ""),
        "code": code,
    }
    if details is not None:
        st["details"] = details
    return st


class ApiError(Exception):
    def __init__(self, code, message, reason=None, details=None, headers=None, status_extra=None):
        super().__init__(message)
        self.code = code
        self.status = status_object(code, message, reason, details)
        if status_extra:
            self.status.update(status_extra)
        self.headers = headers or {}


def expired_error(message: str) -> ApiError:
    return ApiError(410, message, "Expired")


# --------------------------------------------------------------------------
# Selectors
# --------------------------------------------------------------------------

_LABEL_KEY = r"[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?"
_LABEL_VAL = r"([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?"


def _split_top(s: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in s:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def parse_label_selector(s: str):
    """Equality- and set-based label selector -> list of (key, op, values)."""
    reqs = []
    if not s:
        return reqs
    for term in _split_top(s):
        m = re.fullmatch(rf"!\s*({_LABEL_KEY})", term)
        if m:
            reqs.append((m.group(1), "!", None))
            continue
        m = re.fullmatch(rf"({_LABEL_KEY})\s+(in|notin)\s+\(([^)]*)\)", term)
        if m:
            vals = {v.strip() for v in m.group(4).split(",") if v.strip()} if m.group(4) else set()
            reqs.append((m.group(1), m.group(3), vals))
            continue
        m = re.fullmatch(rf"({_LABEL_KEY})\s*(==|=|!=)\s*({_LABEL_VAL})", term)
        if m:
            op = "!=" if m.group(3) == "!=" else "="
            reqs.append((m.group(1), op, {m.group(4)}))
            continue
        m = re.fullmatch(rf"({_LABEL_KEY})", term)
        if m:
            reqs.append((m.group(1), "exists", None))
            continue
        raise ApiError(400, f"unable to parse requirement: invalid label selector: {term!r}")
    return reqs


def label_match(reqs, obj) -> bool:
    labels = ((obj.get("metadata") or {}).get("labels")) or {}
    for key, op, vals in reqs:
        present = key in labels
        val = labels.get(key)
        if op == "exists" and not present:
            return False
        if op == "!" and present:
            return False
        if op in ("=", "in") and (not present or val not in vals):
            return False
        if op in ("!=", "notin") and present and val in vals:
            return False
    return True


FIELD_LABELS = {
    "Pod": {"spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
            "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"},
    "Node": {"spec.unschedulable"},
    "Namespace": {"status.phase"},
}


def parse_field_selector(s: str, logical: str):
    reqs = []
    if not s:
        return reqs
    allowed = {"metadata.name", "metadata.namespace"} | FIELD_LABELS.get(logical, set())
    for term in [t.strip() for t in s.split(",") if t.strip()]:
        m = re.fullmatch(r"([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)", term)
        if not m:
            raise ApiError(400, f"invalid field selector: {term!r}")
        field, op, value = m.group(1), m.group(2), m.group(3)
        if field not in allowed:
            raise ApiError(400, f'field label not supported: {field}')
        reqs.append((field, "!=" if op == "!=" else "=", value))
    return reqs


def field_value(obj, path: str) -> str:
    cur = obj
    for part in path.split("."):
        if not isinstance(cur, dict):
            return ""
        cur = cur.get(part)
    if cur is None:
        return "false" if path in ("spec.hostNetwork", "spec.unschedulable") else ""
    if isinstance(cur, bool):
        return "true" if cur else "false"
    return str(cur)


def field_match(reqs, obj) -> bool:
    for field, op, value in reqs:
        v = field_value(obj, field)
        if (op == "=") != (v == value):
            return False
    return True


# --------------------------------------------------------------------------
# Bundle loading
# --------------------------------------------------------------------------

def _yaml_module():
    try:
        import yaml  # noqa: PLC0415
    except ImportError:
        sys.exit("kube_standin: the bundle holds YAML files; install PyYAML (pip install pyyaml)")
    return yaml


def _yaml_loader():
    yaml = _yaml_module()
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    # kubectl quotes its timestamps, but hand-written files may not: keep them strings.
    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in base.yaml_implicit_resolvers.items()
    }
    return yaml, Loader


def _flatten(doc, out):
    if not isinstance(doc, dict):
        return
    kind = doc.get("kind", "")
    if isinstance(doc.get("items"), list) and (kind == "List" or kind.endswith("List")):
        for item in doc["items"]:
            if isinstance(item, dict):
                if kind.endswith("List") and kind != "List":
                    item.setdefault("kind", kind[:-4])
                    item.setdefault("apiVersion", doc.get("apiVersion", "v1"))
                _flatten(item, out)
        return
    if kind and doc.get("apiVersion"):
        out.append(doc)


def load_bundle(bundle: str, warn) -> list[dict]:
    cluster = os.path.join(bundle, "cluster")
    if not os.path.isdir(cluster):
        cluster = bundle  # allow pointing straight at a cluster/ directory
    objects: list[dict] = []
    for name in sorted(os.listdir(cluster)):
        path = os.path.join(cluster, name)
        if not os.path.isfile(path):
            continue
        lower = name.lower()
        try:
            if lower.endswith(".json"):
                with open(path, encoding="utf-8") as fh:
                    _flatten(json.load(fh), objects)
            elif lower.endswith((".yaml", ".yml")):
                yaml, loader = _yaml_loader()
                with open(path, encoding="utf-8") as fh:
                    for doc in yaml.load_all(fh, Loader=loader):
                        _flatten(doc, objects)
        except Exception as exc:  # malformed input: report and keep going
            warn(f"{path}: {exc}")
    return objects


# --------------------------------------------------------------------------
# Realistic generated pods (--pods N)
# --------------------------------------------------------------------------

def generate_pods(n: int, objects: list[dict], seed: int = 42) -> list[dict]:
    rnd = random.Random(seed)
    namespaces = [o["metadata"]["name"] for o in objects if o.get("kind") == "Namespace"]
    gw_namespaces = {o["metadata"].get("namespace") for o in objects if o.get("kind") == "EgressGateway"}
    app_ns = [ns for ns in namespaces if not ns.startswith(("kube-", "calico-", "tigera-"))
              and ns not in gw_namespaces] or ["default"]
    nodes = [o for o in objects if o.get("kind") == "Node"]
    node_names = [o["metadata"]["name"] for o in nodes] or ["ip-10-0-1-10.ec2.internal"]
    node_ips = {}
    for o in nodes:
        for a in (o.get("status") or {}).get("addresses") or []:
            if a.get("type") == "InternalIP":
                node_ips[o["metadata"]["name"]] = a["address"]
    cidr = "192.168.0.0/16"
    for o in objects:
        if o.get("kind") == "IPPool" and "default" in o["metadata"].get("name", ""):
            cidr = (o.get("spec") or {}).get("cidr", cidr)
    net = ipaddress.ip_network(cidr, strict=False)
    apps = ["api", "worker", "frontend", "ledger", "search", "cache-warmer", "reporter", "ingest"]
    t0 = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    pods = []
    for i in range(n):
        ns = app_ns[i % len(app_ns)]
        app = f"{apps[(i // len(app_ns)) % len(apps)]}-{i % 50:02d}"
        rs_hash = hashlib.sha1(f"{ns}/{app}".encode()).hexdigest()[:9]
        suffix = "".join(rnd.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(5))
        name = f"{app}-{rs_hash}-{suffix}"
        node = node_names[i % len(node_names)]
        ip = str(net.network_address + 2 + (i % max(1, net.num_addresses - 3)))
        created = (t0 + dt.timedelta(seconds=rnd.randint(0, 20 * 86400))).strftime("%Y-%m-%dT%H:%M:%SZ")
        started = created
        cid = hashlib.sha256(name.encode()).hexdigest()
        image = f"registry.corp.example.com/{ns}/{app.rsplit('-', 1)[0]}:1.{i % 17}.{i % 5}"
        sa_vol = f"kube-api-access-{suffix}"
        pod = {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "annotations": {
                    "cni.projectcalico.org/containerID": cid,
                    "cni.projectcalico.org/podIP": f"{ip}/32",
                    "cni.projectcalico.org/podIPs": f"{ip}/32",
                    "kubectl.kubernetes.io/restartedAt": created,
                },
                "creationTimestamp": created,
                "generateName": f"{app}-{rs_hash}-",
                "labels": {"app": app, "pod-template-hash": rs_hash, "tier": "backend",
                           "app.kubernetes.io/part-of": ns},
                "managedFields": [
                    {"apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": {
                        "f:metadata": {"f:generateName": {}, "f:labels": {".": {}, "f:app": {},
                                                                        "f:pod-template-hash": {}},
                                       "f:ownerReferences": {".": {}, f'k:{{"uid":"{uuid.UUID(int=i)}"}}': {}}},
                        "f:spec": {"f:containers": {f'k:{{"name":"{app}"}}': {
                            ".": {}, "f:image": {}, "f:imagePullPolicy": {}, "f:name": {},
                            "f:ports": {}, "f:resources": {}, "f:terminationMessagePath": {},
                            "f:terminationMessagePolicy": {}}},
                            "f:dnsPolicy": {}, "f:enableServiceLinks": {}, "f:restartPolicy": {},
                            "f:schedulerName": {}, "f:securityContext": {},
                            "f:terminationGracePeriodSeconds": {}}},
                     "manager": "kube-controller-manager", "operation": "Update", "time": created},
                    {"apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": {
                        "f:metadata": {"f:annotations": {".": {}, "f:cni.projectcalico.org/containerID": {},
                                                         "f:cni.projectcalico.org/podIP": {},
                                                         "f:cni.projectcalico.org/podIPs": {}}}},
                     "manager": "calico", "operation": "Update", "subresource": "status", "time": created},
                    {"apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": {
                        "f:status": {"f:conditions": {}, "f:containerStatuses": {}, "f:hostIP": {},
                                     "f:hostIPs": {}, "f:phase": {}, "f:podIP": {}, "f:podIPs": {},
                                     "f:startTime": {}}},
                     "manager": "kubelet", "operation": "Update", "subresource": "status", "time": started},
                ],
                "name": name,
                "namespace": ns,
                "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True,
                                     "kind": "ReplicaSet", "name": f"{app}-{rs_hash}",
                                     "uid": str(uuid.UUID(int=i))}],
                "uid": str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
            },
            "spec": {
                "containers": [{
                    "env": [{"name": "LOG_LEVEL", "value": "info"},
                            {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1",
                                                                            "fieldPath": "metadata.name"}}}],
                    "image": image,
                    "imagePullPolicy": "IfNotPresent",
                    "livenessProbe": {"failureThreshold": 3, "httpGet": {"path": "/healthz", "port": 8080,
                                                                         "scheme": "HTTP"},
                                      "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 1},
                    "name": app,
                    "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}],
                    "readinessProbe": {"failureThreshold": 3, "httpGet": {"path": "/ready", "port": 8080,
                                                                          "scheme": "HTTP"},
                                       "periodSeconds": 5, "successThreshold": 1, "timeoutSeconds": 1},
                    "resources": {"limits": {"memory": "512Mi"}, "requests": {"cpu": "250m", "memory": "256Mi"}},
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                    "volumeMounts": [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                                      "name": sa_vol, "readOnly": True}],
                }],
                "dnsPolicy": "ClusterFirst",
                "enableServiceLinks": True,
                "nodeName": node,
                "preemptionPolicy": "PreemptLowerPriority",
                "priority": 0,
                "restartPolicy": "Always",
                "schedulerName": "default-scheduler",
                "securityContext": {},
                "serviceAccount": "default",
                "serviceAccountName": "default",
                "terminationGracePeriodSeconds": 30,
                "tolerations": [
                    {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists",
                     "tolerationSeconds": 300},
                    {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists",
                     "tolerationSeconds": 300},
                ],
                "volumes": [{"name": sa_vol, "projected": {"defaultMode": 420, "sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                    {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"},
                                                "path": "namespace"}]}},
                ]}}],
            },
            "status": {
                "conditions": [
                    {"lastProbeTime": None, "lastTransitionTime": started, "status": "True",
                     "type": t} for t in ("PodReadyToStartContainers", "Initialized", "Ready",
                                          "ContainersReady", "PodScheduled")
                ],
                "containerStatuses": [{
                    "containerID": f"containerd://{cid}",
                    "image": image,
                    "imageID": f"{image.split(':')[0]}@sha256:{hashlib.sha256(image.encode()).hexdigest()}",
                    "lastState": {},
                    "name": app,
                    "ready": True,
                    "restartCount": i % 3 if i % 11 == 0 else 0,
                    "started": True,
                    "state": {"running": {"startedAt": started}},
                    "volumeMounts": [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                                      "name": sa_vol, "readOnly": True, "recursiveReadOnly": "Disabled"}],
                }],
                "hostIP": node_ips.get(node, "10.0.1.10"),
                "hostIPs": [{"ip": node_ips.get(node, "10.0.1.10")}],
                "phase": "Running",
                "podIP": ip,
                "podIPs": [{"ip": ip}],
                "qosClass": "Burstable",
                "startTime": started,
            },
        }
        pods.append(pod)
    return pods


# --------------------------------------------------------------------------
# Server-side printing (Table)
# --------------------------------------------------------------------------

NAME_DESC = ("Name must be unique within a namespace. Is required when creating resources, although some "
             "resources may allow a client to request the generation of an appropriate name automatically. "
             "Name is primarily intended for creation idempotence and configuration definition. Cannot be "
             "updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names")
AGE_DESC = ("CreationTimestamp is a timestamp representing the server time when this object was created. "
            "It is not guaranteed to be set in happens-before order across separate operations. Clients "
            "may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the "
            "system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/"
            "devel/sig-architecture/api-conventions.md#metadata")


def col(name, typ="string", fmt="", desc="", priority=0):
    return {"name": name, "type": typ, "format": fmt, "description": desc, "priority": priority}


def parse_time(s):
    if not s:
        return None
    try:
        return dt.datetime.strptime(s.replace("Z", "+0000")[:19] + "+0000", "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None


def human_duration(seconds: float) -> str:
    """k8s.io/apimachinery/pkg/util/duration.HumanDuration."""
    s = int(seconds)
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 120:
        return f"{s}s"
    minutes = s // 60
    if minutes < 10:
        sec = s % 60
        return f"{minutes}m" if sec == 0 else f"{minutes}m{sec}s"
    if minutes < 180:
        return f"{minutes}m"
    hours = s // 3600
    if hours < 8:
        m = minutes % 60
        return f"{hours}h" if m == 0 else f"{hours}h{m}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        h = hours % 24
        return f"{hours // 24}d" if h == 0 else f"{hours // 24}d{h}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        dy = (hours // 24) % 365
        return f"{hours // 24 // 365}y" if dy == 0 else f"{hours // 24 // 365}y{dy}d"
    return f"{hours // 24 // 365}y"


def age(obj) -> str:
    t = parse_time((obj.get("metadata") or {}).get("creationTimestamp"))
    if t is None:
        return "<unknown>"
    return human_duration((dt.datetime.now(dt.timezone.utc) - t).total_seconds())


def pod_row(pod):
    spec = pod.get("spec") or {}
    st = pod.get("status") or {}
    meta = pod.get("metadata") or {}
    containers = spec.get("containers") or []
    statuses = st.get("containerStatuses") or []
    ready = sum(1 for c in statuses if c.get("ready"))
    restarts = 0
    last_restart = None
    reason = st.get("reason") or st.get("phase") or "Unknown"
    initializing = False
    init_specs = spec.get("initContainers") or []
    for i, c in enumerate(st.get("initContainerStatuses") or []):
        restarts += c.get("restartCount", 0)
        state = c.get("state") or {}
        term = state.get("terminated")
        if term and term.get("exitCode", 0) == 0:
            continue
        if term:
            reason = "Init:" + (term.get("reason") or (f"Signal:{term['signal']}" if term.get("signal")
                                                       else f"ExitCode:{term.get('exitCode')}"))
        elif (state.get("waiting") or {}).get("reason") and state["waiting"]["reason"] != "PodInitializing":
            reason = "Init:" + state["waiting"]["reason"]
        else:
            reason = f"Init:{i}/{len(init_specs)}"
        initializing = True
        break
    if not initializing:
        has_running = False
        for c in reversed(statuses):
            restarts += c.get("restartCount", 0)
            lt = ((c.get("lastState") or {}).get("terminated") or {}).get("finishedAt")
            if lt and (last_restart is None or lt > last_restart):
                last_restart = lt
            state = c.get("state") or {}
            if (state.get("waiting") or {}).get("reason"):
                reason = state["waiting"]["reason"]
            elif state.get("terminated"):
                term = state["terminated"]
                reason = term.get("reason") or (f"Signal:{term['signal']}" if term.get("signal")
                                                else f"ExitCode:{term.get('exitCode')}")
            elif state.get("running") and c.get("ready"):
                has_running = True
        if reason == "Completed" and has_running:
            ready_cond = any(c.get("type") == "Ready" and c.get("status") == "True"
                             for c in st.get("conditions") or [])
            reason = "Running" if ready_cond else "NotReady"
    if meta.get("deletionTimestamp"):
        reason = "Unknown" if st.get("reason") == "NodeLost" else "Terminating"
    restart_cell = restarts
    if last_restart:
        t = parse_time(last_restart)
        if t:
            ago = human_duration((dt.datetime.now(dt.timezone.utc) - t).total_seconds())
            restart_cell = f"{restarts} ({ago} ago)"
    gates = spec.get("readinessGates") or []
    if gates:
        conds = {c.get("type"): c.get("status") for c in st.get("conditions") or []}
        gates_cell = f"{sum(1 for g in gates if conds.get(g.get('conditionType')) == 'True')}/{len(gates)}"
    else:
        gates_cell = "<none>"
    return [meta.get("name", ""), f"{ready}/{len(containers)}", reason, restart_cell, age(pod),
            st.get("podIP") or "<none>", spec.get("nodeName") or "<none>",
            st.get("nominatedNodeName") or "<none>", gates_cell]


def node_row(node):
    spec = node.get("spec") or {}
    st = node.get("status") or {}
    conds = {c.get("type"): c.get("status") for c in st.get("conditions") or []}
    status = {"True": "Ready", "False": "NotReady"}.get(conds.get("Ready"), "Unknown")
    if spec.get("unschedulable"):
        status += ",SchedulingDisabled"
    labels = (node.get("metadata") or {}).get("labels") or {}
    roles = sorted({k.split("/", 1)[1] for k in labels if k.startswith("node-role.kubernetes.io/")
                    and "/" in k and k.split("/", 1)[1]}
                   | ({labels["kubernetes.io/role"]} if labels.get("kubernetes.io/role") else set()))
    info = st.get("nodeInfo") or {}
    addrs = st.get("addresses") or []
    internal = next((a["address"] for a in addrs if a.get("type") == "InternalIP"), "<none>")
    external = next((a["address"] for a in addrs if a.get("type") == "ExternalIP"), "<none>")
    return [node["metadata"]["name"], status, ",".join(roles) or "<none>", age(node),
            info.get("kubeletVersion", ""), internal, external, info.get("osImage", "<unknown>"),
            info.get("kernelVersion", "<unknown>"), info.get("containerRuntimeVersion", "<unknown>")]


def deployment_row(d):
    spec = d.get("spec") or {}
    st = d.get("status") or {}
    containers = ((spec.get("template") or {}).get("spec") or {}).get("containers") or []
    sel = (spec.get("selector") or {}).get("matchLabels") or {}
    return [d["metadata"]["name"], f"{st.get('readyReplicas', 0)}/{spec.get('replicas', 1)}",
            st.get("updatedReplicas", 0), st.get("availableReplicas", 0), age(d),
            ",".join(c.get("name", "") for c in containers), ",".join(c.get("image", "") for c in containers),
            ",".join(f"{k}={v}" for k, v in sorted(sel.items())) or "<none>"]


PRINTERS = {
    "pod": ([col("Name", fmt="name", desc=NAME_DESC),
             col("Ready", desc="The aggregate readiness state of this pod for accepting traffic."),
             col("Status", desc="The aggregate status of the containers in this pod."),
             col("Restarts", desc="The number of times the containers in this pod have been restarted "
                                  "and when the last container in this pod has restarted."),
             col("Age", desc=AGE_DESC),
             col("IP", desc="IP address allocated to the pod. Routable at least within the cluster.", priority=1),
             col("Node", desc="NodeName is a request to schedule this pod onto a specific node.", priority=1),
             col("Nominated Node", desc="nominatedNodeName is set only when this pod preempts other pods on "
                                        "the node.", priority=1),
             col("Readiness Gates", desc="If specified, all readiness gates will be evaluated for pod "
                                         "readiness.", priority=1)], pod_row),
    "node": ([col("Name", fmt="name", desc=NAME_DESC),
              col("Status", desc="The status of the node"),
              col("Roles", desc="The roles of the node"),
              col("Age", desc=AGE_DESC),
              col("Version", desc="Kubelet Version reported by the node."),
              col("Internal-IP", desc="List of addresses reachable to the node.", priority=1),
              col("External-IP", desc="List of addresses reachable to the node.", priority=1),
              col("OS-Image", desc="OS Image reported by the node from /etc/os-release.", priority=1),
              col("Kernel-Version", desc="Kernel Version reported by the node.", priority=1),
              col("Container-Runtime", desc="ContainerRuntime Version reported by the node.", priority=1)],
             node_row),
    "namespace": ([col("Name", fmt="name", desc=NAME_DESC),
                   col("Status", desc="The status of the namespace"),
                   col("Age", desc=AGE_DESC)],
                  lambda o: [o["metadata"]["name"], (o.get("status") or {}).get("phase", "Active"), age(o)]),
    "deployment": ([col("Name", fmt="name", desc=NAME_DESC),
                    col("Ready", desc="Number of the pod with ready state"),
                    col("Up-to-date", typ="integer", desc="Total number of non-terminated pods targeted by "
                                                          "this deployment that have the desired template spec."),
                    col("Available", typ="integer", desc="Total number of available pods (ready for at least "
                                                         "minReadySeconds) targeted by this deployment."),
                    col("Age", desc=AGE_DESC),
                    col("Containers", desc="Names of each container in the template.", priority=1),
                    col("Images", desc="Images referenced by each container in the template.", priority=1),
                    col("Selector", desc="Label selector for pods.", priority=1)], deployment_row),
    "crd": ([col("Name", fmt="name", desc=NAME_DESC), col("Age", typ="date", desc=AGE_DESC)],
            lambda o: [o["metadata"]["name"], age(o)]),
    "aggregated": ([col("Name", fmt="name", desc=NAME_DESC),
                    col("Created At", typ="date", desc="Object creation date and time")],
                   lambda o: [o["metadata"]["name"], (o.get("metadata") or {}).get("creationTimestamp")]),
}


# --------------------------------------------------------------------------
# The store: objects, global resourceVersion, event history, watchers
# --------------------------------------------------------------------------


class Entry:
    __slots__ = ("obj", "rv", "_cache")

    def __init__(self, obj, rv):
        self.obj = obj
        self.rv = rv
        self._cache = {}

    def json_for(self, rt: ResourceType) -> bytes:
        key = rt.api_version + "/" + rt.kind
        b = self._cache.get(key)
        if b is None:
            b = json.dumps(convert_for(self.obj, rt), separators=(",", ":")).encode()
            self._cache[key] = b
        return b


class Event:
    __slots__ = ("rv", "type", "logical", "key", "obj", "prev")

    def __init__(self, rv, typ, logical, key, obj, prev):
        self.rv, self.type, self.logical, self.key, self.obj, self.prev = rv, typ, logical, key, obj, prev


def obj_key(obj) -> str:
    meta = obj.get("metadata") or {}
    ns = meta.get("namespace")
    return f"{ns}/{meta.get('name')}" if ns else meta.get("name", "")


def now_rfc3339():
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def merge_patch(target, patch):
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for k, v in patch.items():
        if v is None:
            result.pop(k, None)
        else:
            result[k] = merge_patch(result.get(k), v)
    return result


class Store:
    def __init__(self, history: int):
        self.lock = threading.RLock()
        self.rv = 0
        self.window_start = 0
        self.history = history
        self.objects: dict[str, dict[str, Entry]] = {}
        self.sorted_keys: dict[str, list[str] | None] = {}
        self.events: deque[Event] = deque()
        self.watchers: set[Watcher] = set()

    # ---- loading
    def load(self, objects, warn):
        with self.lock:
            pending = []
            for obj in objects:
                logical = logical_kind(obj.get("apiVersion", ""), obj.get("kind", ""))
                if logical is None:
                    warn(f"ignoring unsupported kind {obj.get('apiVersion')}/{obj.get('kind')} "
                         f"{obj_key(obj)}")
                    continue
                meta = obj.setdefault("metadata", {})
                if not meta.get("name"):
                    warn(f"ignoring {obj.get('kind')} without metadata.name")
                    continue
                if logical in ("Pod", "Deployment", "operator/EgressGateway"):
                    meta.setdefault("namespace", "default")
                meta.setdefault("uid", str(uuid.uuid4()))
                meta.setdefault("creationTimestamp", now_rfc3339())
                rv = meta.get("resourceVersion")
                rv = int(rv) if isinstance(rv, (str, int)) and str(rv).isdigit() else None
                if rv is not None:
                    self.rv = max(self.rv, rv)
                pending.append((logical, obj, rv))
            for logical, obj, rv in pending:
                if rv is None:
                    self.rv += 1
                    rv = self.rv
                obj["metadata"]["resourceVersion"] = str(rv)
                bucket = self.objects.setdefault(logical, {})
                key = obj_key(obj)
                if key in bucket:
                    warn(f"duplicate {logical} {key}: the later one wins")
                bucket[key] = Entry(obj, rv)
                self.sorted_keys[logical] = None
            self.rv = max(self.rv, 1)
            self.window_start = self.rv

    def count(self):
        with self.lock:
            return {k: len(v) for k, v in self.objects.items()}

    def keys_sorted(self, logical):
        ks = self.sorted_keys.get(logical)
        if ks is None:
            ks = sorted(self.objects.get(logical, {}))
            self.sorted_keys[logical] = ks
        return ks

    # ---- reading
    def snapshot(self, logical, at_rv=None):
        """(rv, [(key, Entry)] sorted) at the given resourceVersion (None: now)."""
        with self.lock:
            if at_rv is None or at_rv == self.rv:
                bucket = self.objects.get(logical, {})
                return self.rv, [(k, bucket[k]) for k in self.keys_sorted(logical)]
            if at_rv > self.rv:
                raise ApiError(504, f"Too large resource version: {at_rv}, current: {self.rv}", "Timeout",
                               {"causes": [{"reason": "ResourceVersionTooLarge",
                                            "message": "Too large resource version"}],
                                "retryAfterSeconds": 1})
            if at_rv < self.window_start:
                raise expired_error(f"too old resource version: {at_rv} ({self.window_start})")
            state = dict(self.objects.get(logical, {}))
            for ev in reversed(self.events):
                if ev.rv <= at_rv:
                    break
                if ev.logical != logical:
                    continue
                if ev.type == "ADDED":
                    state.pop(ev.key, None)
                else:
                    state[ev.key] = ev.prev
            return at_rv, [(k, state[k]) for k in sorted(state)]

    def get(self, logical, key):
        with self.lock:
            return self.objects.get(logical, {}).get(key)

    # ---- writing (admin only)
    def _record(self, ev: Event):
        self.events.append(ev)
        while len(self.events) > self.history:
            old = self.events.popleft()
            self.window_start = old.rv
        for w in list(self.watchers):
            w.offer(ev)

    def apply(self, obj, mode="apply"):
        logical = logical_kind(obj.get("apiVersion", ""), obj.get("kind", ""))
        if logical is None:
            raise ApiError(400, f"unsupported kind {obj.get('apiVersion')}/{obj.get('kind')}")
        obj = copy.deepcopy(obj)
        meta = obj.setdefault("metadata", {})
        if not meta.get("name"):
            raise ApiError(400, "metadata.name is required")
        if logical in ("Pod", "Deployment", "operator/EgressGateway"):
            meta.setdefault("namespace", "default")
        key = obj_key(obj)
        with self.lock:
            bucket = self.objects.setdefault(logical, {})
            prev = bucket.get(key)
            if mode == "add" and prev is not None:
                raise ApiError(409, f'{obj.get("kind")} "{key}" already exists', "AlreadyExists")
            if mode == "modify" and prev is None:
                raise ApiError(404, f'{obj.get("kind")} "{key}" not found')
            if prev is not None:
                pmeta = prev.obj.get("metadata") or {}
                meta.setdefault("uid", pmeta.get("uid"))
                meta.setdefault("creationTimestamp", pmeta.get("creationTimestamp"))
                if prev.obj.get("spec") != obj.get("spec"):
                    meta["generation"] = int(pmeta.get("generation", 1)) + 1
                elif "generation" in pmeta:
                    meta.setdefault("generation", pmeta["generation"])
            else:
                meta.setdefault("uid", str(uuid.uuid4()))
                meta.setdefault("creationTimestamp", now_rfc3339())
            self.rv += 1
            meta["resourceVersion"] = str(self.rv)
            entry = Entry(obj, self.rv)
            bucket[key] = entry
            if prev is None:
                self.sorted_keys[logical] = None
            self._record(Event(self.rv, "MODIFIED" if prev else "ADDED", logical, key, entry, prev))
            return self.rv

    def patch(self, api_version, kind, namespace, name, patch):
        logical = logical_kind(api_version, kind)
        key = f"{namespace}/{name}" if namespace else name
        with self.lock:
            prev = self.objects.get(logical or "", {}).get(key)
            if prev is None:
                raise ApiError(404, f'{kind} "{key}" not found')
            obj = merge_patch(prev.obj, patch)
            obj.get("metadata", {}).pop("resourceVersion", None)
            return self.apply(obj, "modify")

    def delete(self, api_version, kind, namespace, name):
        logical = logical_kind(api_version, kind)
        key = f"{namespace}/{name}" if namespace else name
        with self.lock:
            bucket = self.objects.get(logical or "", {})
            prev = bucket.pop(key, None)
            if prev is None:
                raise ApiError(404, f'{kind} "{key}" not found')
            self.sorted_keys[logical] = None
            self.rv += 1
            gone = copy.deepcopy(prev.obj)
            gone["metadata"]["resourceVersion"] = str(self.rv)
            self._record(Event(self.rv, "DELETED", logical, key, Entry(gone, self.rv), prev))
            return self.rv

    def compact(self, keep=0):
        with self.lock:
            while len(self.events) > keep:
                old = self.events.popleft()
                self.window_start = old.rv
            if keep == 0:
                self.window_start = self.rv
            return self.window_start


# --------------------------------------------------------------------------
# Watchers
# --------------------------------------------------------------------------

DROP, END = object(), object()


class Watcher:
    def __init__(self, rt, namespace, lsel, fsel, name=None):
        self.rt = rt
        self.namespace = namespace
        self.lsel = lsel
        self.fsel = fsel
        self.name = name
        self.q: queue.Queue = queue.Queue()
        self.path = ""
        self.user = ""

    def matches(self, obj) -> bool:
        if obj is None:
            return False
        meta = obj.get("metadata") or {}
        if self.namespace and meta.get("namespace") != self.namespace:
            return False
        return label_match(self.lsel, obj) and field_match(self.fsel, obj)

    def translate(self, ev: Event):
        """The event as this watcher sees it (selector transitions), or None."""
        if ev.logical != self.rt.logical:
            return None
        new_ok = ev.type != "DELETED" and self.matches(ev.obj.obj)
        old_ok = ev.prev is not None and self.matches(ev.prev.obj)
        if ev.type == "ADDED":
            return ("ADDED", ev.obj) if new_ok else None
        if ev.type == "MODIFIED":
            if new_ok and old_ok:
                return ("MODIFIED", ev.obj)
            if new_ok:
                return ("ADDED", ev.obj)
            if old_ok:
                gone = copy.deepcopy(ev.prev.obj)
                gone["metadata"]["resourceVersion"] = str(ev.rv)
                return ("DELETED", Entry(gone, ev.rv))
            return None
        return ("DELETED", ev.obj) if old_ok else None

    def offer(self, ev: Event):
        t = self.translate(ev)
        if t is not None:
            self.q.put(t)


# --------------------------------------------------------------------------
# Faults, tokens, request log
# --------------------------------------------------------------------------


class Faults:
    def __init__(self):
        self.lock = threading.Lock()
        self.fail: list[dict] = []
        self.stall: list[dict] = []

    @staticmethod
    def _applies(rule, path, is_watch):
        if rule.get("match") and rule["match"] not in path:
            return False
        w = rule.get("watch")
        return w is None or bool(w) == is_watch

    def take(self, kind, path, is_watch):
        with self.lock:
            rules = getattr(self, kind)
            for rule in rules:
                if self._applies(rule, path, is_watch):
                    rule["count"] -= 1
                    if rule["count"] <= 0:
                        rules.remove(rule)
                    return dict(rule)
        return None

    def clear(self):
        with self.lock:
            self.fail.clear()
            self.stall.clear()

    def describe(self):
        with self.lock:
            return {"fail": [dict(r) for r in self.fail], "stall": [dict(r) for r in self.stall]}


class Tokens:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_token: dict[str, dict] = {}

    def add(self, token, user, groups=(), forbid=(), ttl=None):
        with self.lock:
            self.by_token[token] = {"user": user, "groups": list(groups) or ["system:authenticated"],
                                    "forbid": set(forbid), "expired": False,
                                    "expiresAt": time.time() + ttl if ttl else None}

    def lookup(self, token):
        with self.lock:
            t = self.by_token.get(token)
            if t is None or t["expired"]:
                return None
            if t["expiresAt"] is not None and time.time() >= t["expiresAt"]:
                t["expired"] = True
                return None
            return t

    def find(self, token=None, user=None):
        with self.lock:
            return [tok for tok, t in self.by_token.items()
                    if (token is not None and tok == token) or (user is not None and t["user"] == user)]

    def set_expired(self, tokens, expired, ttl=None):
        with self.lock:
            for tok in tokens:
                self.by_token[tok]["expired"] = expired
                self.by_token[tok]["expiresAt"] = time.time() + ttl if ttl else None

    def remove(self, tokens):
        with self.lock:
            for tok in tokens:
                self.by_token.pop(tok, None)

    def describe(self):
        with self.lock:
            return [{"user": t["user"], "token": tok[:4] + "…", "expired": t["expired"],
                     "forbid": sorted(t["forbid"])} for tok, t in self.by_token.items()]


# --------------------------------------------------------------------------
# Certificates
# --------------------------------------------------------------------------


def _openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)


def make_certs(d: str) -> dict:
    """A CA, a server cert for 127.0.0.1/localhost, a client cert (same CA), and an
    untrusted CA with its own client cert. EC P-256 keys; openssl CLI."""
    if shutil.which("openssl") is None:
        sys.exit("kube_standin: the openssl command-line tool is required")
    ext = os.path.join(d, "ext.cnf")
    with open(ext, "w") as fh:
        fh.write("[server]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,"
                 "keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,IP:::1,"
                 "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default.svc\n"
                 "[client]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,"
                 "keyEncipherment\nextendedKeyUsage=clientAuth\n")

    def key(name):
        _openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                 "-out", name, cwd=d)
        os.chmod(os.path.join(d, name), 0o600)

    def ca(name, cn):
        key(f"{name}.key")
        _openssl("req", "-x509", "-new", "-key", f"{name}.key", "-sha256", "-days", "3650",
                 "-subj", f"/CN={cn}", "-addext", "basicConstraints=critical,CA:TRUE",
                 "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
                 "-out", f"{name}.crt", cwd=d)

    def leaf(name, subj, ca_name, section):
        key(f"{name}.key")
        _openssl("req", "-new", "-key", f"{name}.key", "-subj", subj, "-out", f"{name}.csr", cwd=d)
        _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca_name}.crt", "-CAkey", f"{ca_name}.key",
                 "-CAcreateserial", "-days", "825", "-sha256", "-extfile", "ext.cnf",
                 "-extensions", section, "-out", f"{name}.crt", cwd=d)
        os.unlink(os.path.join(d, f"{name}.csr"))

    ca("ca", CLUSTER_CA_CN)
    leaf("server", "/CN=kube-apiserver", "ca", "server")
    leaf("client", "/O=system:masters/O=gatewatch-readers/CN=gatewatch-cert-user", "ca", "client")
    ca("untrusted-ca", UNTRUSTED_CA_CN)
    leaf("untrusted-client", "/O=system:masters/CN=gatewatch-untrusted-user", "untrusted-ca", "client")
    p = lambda n: os.path.join(d, n)  # noqa: E731
    return {"ca": p("ca.crt"), "caKey": p("ca.key"), "serverCert": p("server.crt"), "serverKey": p("server.key"),
            "clientCert": p("client.crt"), "clientKey": p("client.key"),
            "untrustedCa": p("untrusted-ca.crt"),
            "untrustedClientCert": p("untrusted-client.crt"), "untrustedClientKey": p("untrusted-client.key")}


def b64file(path):
    with open(path, "rb") as fh:
        return base64.b64encode(fh.read()).decode()


def write_kubeconfig(path, server, certs, token, limited_token, inline=False):
    def q(s):
        return json.dumps(s)

    if inline:
        ca = f"certificate-authority-data: {q(b64file(certs['ca']))}"
        cc = (f"client-certificate-data: {q(b64file(certs['clientCert']))}\n"
              f"    client-key-data: {q(b64file(certs['clientKey']))}")
        uc = (f"client-certificate-data: {q(b64file(certs['untrustedClientCert']))}\n"
              f"    client-key-data: {q(b64file(certs['untrustedClientKey']))}")
    else:
        ca = f"certificate-authority: {q(certs['ca'])}"
        cc = f"client-certificate: {q(certs['clientCert'])}\n    client-key: {q(certs['clientKey'])}"
        uc = (f"client-certificate: {q(certs['untrustedClientCert'])}\n"
              f"    client-key: {q(certs['untrustedClientKey'])}")
    text = f"""apiVersion: v1
kind: Config
preferences: {{}}
current-context: token
clusters:
- name: standin
  cluster:
    server: {q(server)}
    {ca}
users:
- name: token-user
  user:
    token: {q(token)}
- name: cert-user
  user:
    {cc}
- name: limited-user
  user:
    token: {q(limited_token)}
- name: untrusted-cert-user
  user:
    {uc}
contexts:
- name: token
  context:
    cluster: standin
    user: token-user
- name: cert
  context:
    cluster: standin
    user: cert-user
- name: limited
  context:
    cluster: standin
    user: limited-user
- name: untrusted-cert
  context:
    cluster: standin
    user: untrusted-cert-user
"""
    with open(path, "w") as fh:
        fh.write(text)
    os.chmod(path, 0o600)


# --------------------------------------------------------------------------
# Media types
# --------------------------------------------------------------------------


def parse_accept(header: str | None):
    out = []
    for part in (header or "application/json").split(","):
        part = part.strip()
        if not part:
            continue
        bits = [b.strip() for b in part.split(";")]
        params = {}
        for b in bits[1:]:
            if "=" in b:
                k, v = b.split("=", 1)
                params[k.strip()] = v.strip().strip('"')
        out.append((bits[0].lower(), params))
    return out


def negotiate(header, allow_table=True):
    """-> ("json"|"table"|"meta", version) for a resource request."""
    for mt, params in parse_accept(header):
        if mt not in ("application/json", "application/*", "*/*"):
            continue
        as_ = params.get("as")
        if as_ is None:
            return ("json", None)
        if params.get("g") == "meta.k8s.io" and params.get("v") in ("v1", "v1beta1"):
            if as_ == "Table" and allow_table:
                return ("table", params["v"])
            if as_ in ("PartialObjectMetadata", "PartialObjectMetadataList"):
                return ("meta", params["v"])
    raise ApiError(406, f"only the following media types are accepted: application/json, "
                        f"application/json;as=Table;v=v1;g=meta.k8s.io, "
                        f"application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io", "NotAcceptable")


def wants_aggregated(header):
    for mt, params in parse_accept(header):
        if mt not in ("application/json", "application/*", "*/*"):
            continue
        if params.get("as") == "APIGroupDiscoveryList" and params.get("g") == "apidiscovery.k8s.io" \
                and params.get("v") in ("v2", "v2beta1"):
            return params["v"]
        if "as" not in params:
            return None
    return None


# --------------------------------------------------------------------------
# The API server
# --------------------------------------------------------------------------


class Standin:
    def __init__(self, args):
        self.args = args
        self.store = Store(args.history)
        self.faults = Faults()
        self.tokens = Tokens()
        self.registry = build_registry(args.calico_mode, set(args.without or []))
        self.by_gv: dict[str, dict[str, ResourceType]] = {}
        for rt in self.registry:
            self.by_gv.setdefault(rt.group_version, {})[rt.plural] = rt
        self.groups: list[tuple[str, str]] = []
        for rt in self.registry:
            if rt.group and (rt.group, rt.version) not in self.groups:
                self.groups.append((rt.group, rt.version))
        self.requests: deque = deque(maxlen=args.request_log)
        self.req_lock = threading.Lock()
        self.bookmark_interval = args.bookmark_interval
        self.watch_expired_as = "event"
        # "none", "all" (every API request and open watch goes silent: the connection stays open and
        # no byte is sent) or "watch" (open and new watches go silent; everything else answers).
        self.hang = "none"
        self.stopping = threading.Event()
        self.started_at = time.time()

    def warm(self):
        """Serialize every object once for each group/version that serves it, so
        that the first list is as fast as the next (fair client benchmarks)."""
        with self.store.lock:
            for rt in self.registry:
                for entry in self.store.objects.get(rt.logical, {}).values():
                    entry.json_for(rt)

    def log(self, msg):
        if self.args.verbose:
            print(f"kube_standin: {msg}", file=sys.stderr, flush=True)

    def warn(self, msg):
        print(f"kube_standin: warning: {msg}", file=sys.stderr, flush=True)

    def record(self, entry):
        with self.req_lock:
            self.requests.append(entry)

    # ---- discovery documents
    def api_versions(self, host):
        return {"kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": host}]}

    def api_group(self, group):
        versions = [{"groupVersion": f"{g}/{v}", "version": v} for g, v in self.groups if g == group]
        return {"name": group, "versions": versions, "preferredVersion": versions[0]}

    def api_group_list(self):
        seen, groups = set(), []
        for g, _ in self.groups:
            if g not in seen:
                seen.add(g)
                groups.append(self.api_group(g))
        return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}

    def verbs(self):
        return list(READ_VERBS) if self.args.advertise_read_only else list(ALL_VERBS)

    def resource_list(self, gv):
        resources = []
        for rt in self.by_gv.get(gv, {}).values():
            r = {"name": rt.plural, "singularName": rt.singular, "namespaced": rt.namespaced,
                 "kind": rt.kind, "verbs": self.verbs()}
            if rt.short_names:
                r["shortNames"] = rt.short_names
            if rt.categories:
                r["categories"] = rt.categories
            r["storageVersionHash"] = base64.b64encode(hashlib.sha256(rt.qualified.encode()).digest()[:8]).decode()
            resources.append(r)
            for sub in rt.subresources:
                resources.append({"name": f"{rt.plural}/{sub}", "singularName": "", "namespaced": rt.namespaced,
                                  "kind": rt.kind, "verbs": ["get", "patch", "update"]})
        return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources}

    def aggregated(self, core: bool, version: str):
        items = []
        groups = [("", "v1")] if core else self.groups
        for g, v in groups:
            gv = f"{g}/{v}" if g else v
            resources = []
            for rt in self.by_gv.get(gv, {}).values():
                r = {"resource": rt.plural,
                     "responseKind": {"group": rt.group, "version": rt.version, "kind": rt.kind},
                     "scope": "Namespaced" if rt.namespaced else "Cluster",
                     "singularResource": rt.singular, "verbs": self.verbs()}
                if rt.short_names:
                    r["shortNames"] = rt.short_names
                if rt.categories:
                    r["categories"] = rt.categories
                if rt.subresources:
                    r["subresources"] = [{"subresource": s, "responseKind": {"group": rt.group, "version":
                                                                            rt.version, "kind": rt.kind},
                                          "verbs": ["get", "patch", "update"]} for s in rt.subresources]
                resources.append(r)
            items.append({"metadata": {"name": g, "creationTimestamp": None},
                          "versions": [{"version": v, "resources": resources, "freshness": "Current"}]})
        return {"kind": "APIGroupDiscoveryList", "apiVersion": f"apidiscovery.k8s.io/{version}",
                "metadata": {}, "items": items}

    # ---- authentication / authorization
    def authenticate(self, handler):
        cert_user = None
        peer = getattr(handler, "peer_cert", None)
        if peer:
            issuer = dict(x[0] for x in peer.get("issuer", ()))
            if issuer.get("commonName") == CLUSTER_CA_CN:
                subject = [x[0] for x in peer.get("subject", ())]
                cn = next((v for k, v in subject if k == "commonName"), "")
                groups = [v for k, v in subject if k == "organizationName"]
                cert_user = {"user": cn, "groups": groups + ["system:authenticated"], "forbid": set(),
                             "via": "x509"}
        if cert_user:
            return cert_user
        auth = handler.headers.get("Authorization", "")
        if auth.lower().startswith("bearer "):
            t = self.tokens.lookup(auth[7:].strip())
            if t:
                return dict(t, via="token")
        return None

    @staticmethod
    def forbidden(ident, rt: ResourceType):
        f = ident.get("forbid") or ()
        return rt.plural in f or rt.qualified in f or f"{rt.plural}.{rt.group}" in f

    # ---- the request handler body
    def handle(self, h: "ApiHandler"):
        url = urllib.parse.urlsplit(h.path)
        path = url.path
        qs = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        is_watch = qs.get("watch", "") in ("true", "1") or "/watch/" in path
        entry = {"time": round(time.time(), 3), "method": h.command, "path": path, "query": qs,
                 "accept": h.headers.get("Accept", ""), "userAgent": h.headers.get("User-Agent", ""),
                 "watch": is_watch, "status": None, "user": None}
        h.log_entry = entry
        self.record(entry)
        # Faults first: they model a broken server or proxy in front of everything.
        while self.hang == "all" and not self.stopping.is_set():
            time.sleep(0.05)
        stall = self.faults.take("stall", path + ("?" + url.query if url.query else ""), is_watch)
        if stall and stall.get("phase", "headers") == "headers":
            time.sleep(float(stall.get("seconds", 1)))
            stall = None
        h.pending_stall = stall
        fail = self.faults.take("fail", path + ("?" + url.query if url.query else ""), is_watch)
        if fail:
            code = int(fail.get("code", 503))
            headers = {}
            details = None
            if fail.get("retryAfter") is not None:
                headers["Retry-After"] = str(int(fail["retryAfter"]))
                details = {"retryAfterSeconds": int(fail["retryAfter"])}
            msg = fail.get("message") or {500: "Internal error occurred: injected fault",
                                          503: "the server is currently unable to handle the request",
                                          429: "Too many requests, please try again later.",
                                          504: "the server was unable to return a response in the time "
                                               "allotted, but may still be processing the request"
                                          }.get(code, "injected fault")
            raise ApiError(code, msg, details=details, headers=headers)
        if path in ("/healthz", "/livez", "/readyz"):
            return h.send_text(200, "ok")
        if path == "/version":
            return h.send_json(200, SERVER_VERSION)
        ident = self.authenticate(h)
        if ident is None:
            raise ApiError(401, "Unauthorized")
        entry["user"] = ident["user"]
        if h.command != "GET":
            raise ApiError(405, "the server does not allow this method on the requested resource",
                           details={})
        return self.route(h, path, qs, ident, is_watch)

    def route(self, h, path, qs, ident, is_watch):
        parts = [p for p in path.split("/") if p]
        accept = h.headers.get("Accept")
        if path in ("/api", "/api/"):
            v = wants_aggregated(accept) if not self.args.legacy_discovery else None
            if v:
                return h.send_json(200, self.aggregated(True, v), content_type=(
                    f"application/json;g=apidiscovery.k8s.io;v={v};as=APIGroupDiscoveryList"))
            return h.send_json(200, self.api_versions(h.headers.get("Host", "")))
        if path in ("/apis", "/apis/"):
            v = wants_aggregated(accept) if not self.args.legacy_discovery else None
            if v:
                return h.send_json(200, self.aggregated(False, v), content_type=(
                    f"application/json;g=apidiscovery.k8s.io;v={v};as=APIGroupDiscoveryList"))
            return h.send_json(200, self.api_group_list())
        if parts[:1] == ["openapi"]:
            return self.openapi(h, parts)
        if parts[:1] == ["api"] and len(parts) >= 2:
            gv, rest = parts[1], parts[2:]
            if parts[1] != "v1":
                raise self.not_found()
        elif parts[:1] == ["apis"] and len(parts) >= 2:
            if len(parts) == 2:
                if any(g == parts[1] for g, _ in self.groups):
                    return h.send_json(200, dict(self.api_group(parts[1]), kind="APIGroup", apiVersion="v1"))
                raise self.not_found()
            gv, rest = f"{parts[1]}/{parts[2]}", parts[3:]
        else:
            raise self.not_found()
        if gv not in self.by_gv:
            raise self.not_found()
        if not rest:
            return h.send_json(200, self.resource_list(gv))
        if rest[0] == "watch":
            is_watch = True
            rest = rest[1:]
        namespace = None
        if len(rest) >= 3 and rest[0] == "namespaces" and rest[2] in self.by_gv[gv]:
            namespace, rest = rest[1], rest[2:]
        rt = self.by_gv[gv].get(rest[0]) if rest else None
        if rt is None or (namespace is not None and not rt.namespaced) or len(rest) > 3:
            raise self.not_found()
        name = rest[1] if len(rest) >= 2 else None
        sub = rest[2] if len(rest) == 3 else None
        if sub is not None and sub != "status":
            raise self.not_found()
        if name is not None and rt.namespaced and namespace is None:
            raise self.not_found()
        verb = "watch" if is_watch else ("get" if name and not is_watch else "list")
        if self.forbidden(ident, rt):
            where = f'in the namespace "{namespace}"' if namespace else "at the cluster scope"
            raise ApiError(403, f'{rt.plural} is forbidden: User "{ident["user"]}" cannot {verb} resource '
                                f'"{rt.plural}" in API group "{rt.group}" {where}',
                           details={"kind": rt.plural, **({"group": rt.group} if rt.group else {}),
                                    **({"name": name} if name else {})})
        mode = negotiate(accept)
        if is_watch:
            if name:
                fs = qs.get("fieldSelector", "")
                qs["fieldSelector"] = f"metadata.name={name}" + ("," + fs if fs else "")
            return self.serve_watch(h, rt, namespace, qs, mode, ident)
        if name:
            return self.serve_get(h, rt, namespace, name, mode, qs)
        return self.serve_list(h, rt, namespace, qs, mode)

    def not_found(self):
        return ApiError(404, "the server could not find the requested resource", details={})

    # ---- OpenAPI: just enough for kubectl
    def openapi(self, h, parts):
        if parts == ["openapi", "v3"]:
            paths = {}
            for gv in self.by_gv:
                p = f"api/{gv}" if "/" not in gv else f"apis/{gv}"
                paths[p] = {"serverRelativeURL": f"/openapi/v3/{p}?hash=" +
                            hashlib.sha512(p.encode()).hexdigest()[:32].upper()}
            return h.send_json(200, {"paths": paths})
        if len(parts) >= 3 and parts[:2] == ["openapi", "v3"]:
            p = "/".join(parts[2:])
            gv = p[4:] if p.startswith("api/") else p[5:] if p.startswith("apis/") else None
            if gv in self.by_gv:
                return h.send_json(200, self.openapi_v3_doc(gv))
        raise self.not_found()

    def openapi_v3_doc(self, gv):
        """A minimal OpenAPI v3 document for one group/version: the read paths,
        with list/watch parameters; schemas are open objects (preserve unknown fields)."""
        paths = {}
        for rt in self.by_gv[gv].values():
            base = f"/api/{gv}" if "/" not in gv else f"/apis/{gv}"
            gvk = {"group": rt.group, "version": rt.version, "kind": rt.kind}
            ref = {"$ref": f"#/components/schemas/{rt.kind}"}
            params = [{"name": n, "in": "query", "schema": {"type": t}} for n, t in
                      (("labelSelector", "string"), ("fieldSelector", "string"), ("limit", "integer"),
                       ("continue", "string"), ("resourceVersion", "string"),
                       ("resourceVersionMatch", "string"), ("watch", "boolean"),
                       ("allowWatchBookmarks", "boolean"), ("timeoutSeconds", "integer"),
                       ("sendInitialEvents", "boolean"))]
            op = {"responses": {"200": {"description": "OK", "content": {"application/json": {"schema": ref}}}},
                  "parameters": params, "x-kubernetes-action": "list", "x-kubernetes-group-version-kind": gvk}
            list_path = f"{base}/namespaces/{{namespace}}/{rt.plural}" if rt.namespaced else f"{base}/{rt.plural}"
            # Write operations are described as on a real cluster (kubectl's apply/create
            # look for the fieldValidation parameter here to choose server-side field
            # validation); the stand-in answers them all with 405.
            write_params = [{"name": n, "in": "query", "schema": {"type": "string"}}
                            for n in ("dryRun", "fieldManager", "fieldValidation")]

            def write_op(action):
                return {"responses": {"200": {"description": "OK", "content": {"application/json":
                                                                                  {"schema": ref}}}},
                        "parameters": write_params, "x-kubernetes-action": action,
                        "x-kubernetes-group-version-kind": gvk}

            paths[list_path] = {"get": op, "post": write_op("post")}
            paths[list_path + "/{name}"] = {"get": dict(op, **{"x-kubernetes-action": "get", "parameters": []}),
                                            "put": write_op("put"), "patch": write_op("patch"),
                                            "delete": write_op("delete")}
        schemas = {rt.kind: {"type": "object", "x-kubernetes-preserve-unknown-fields": True,
                             "x-kubernetes-group-version-kind": [{"group": rt.group, "version": rt.version,
                                                                  "kind": rt.kind}]}
                   for rt in self.by_gv[gv].values()}
        return {"openapi": "3.0.0", "info": {"title": "Kubernetes (gatewatch stand-in)", "version": "v1.32.3"},
                "paths": paths, "components": {"schemas": schemas}}

    # ---- get
    def serve_get(self, h, rt, namespace, name, mode, qs):
        key = f"{namespace}/{name}" if rt.namespaced else name
        entry = self.store.get(rt.logical, key)
        if entry is None:
            raise ApiError(404, f'{rt.qualified} "{name}" not found',
                           details={"name": name, "kind": rt.plural, **({"group": rt.group} if rt.group else {})})
        if mode[0] == "json":
            return h.send_bytes(200, entry.json_for(rt))
        if mode[0] == "meta":
            return h.send_json(200, self.partial(entry, rt, mode[1]))
        return h.send_json(200, self.table([entry], rt, mode[1], qs, {"resourceVersion": str(entry.rv)}))

    # ---- list
    def selectors(self, rt, qs):
        return parse_label_selector(qs.get("labelSelector", "")), parse_field_selector(qs.get("fieldSelector", ""),
                                                                                        rt.logical)

    def serve_list(self, h, rt, namespace, qs, mode):
        lsel, fsel = self.selectors(rt, qs)
        limit = qs.get("limit", "")
        try:
            limit = int(limit) if limit else 0
        except ValueError:
            raise ApiError(400, f"invalid limit: {limit!r}")
        cont = qs.get("continue", "")
        rv_param = qs.get("resourceVersion", "")
        rv_match = qs.get("resourceVersionMatch", "")
        start = None
        if rv_match and not rv_param:
            raise ApiError(422, "resourceVersionMatch is forbidden unless resourceVersion is provided", "Invalid")
        if cont:
            if rv_param:
                raise ApiError(400, "specifying resource version is not allowed when using continue")
            try:
                tok = json.loads(base64.urlsafe_b64decode(cont + "=" * (-len(cont) % 4)))
                at_rv, start = int(tok["rv"]), tok["start"]
                if tok.get("v") != "meta.k8s.io/v1":
                    raise ValueError("version")
            except Exception:
                raise ApiError(400, f"continue key is not valid: {cont}")
            try:
                at_rv, items = self.store.snapshot(rt.logical, at_rv)
            except ApiError as e:
                if e.code == 410:
                    msg = ("The provided continue parameter is too old to display a consistent list result. "
                           "You can start a new list without the continue parameter, or use the continue "
                           "token in this response to retrieve the remainder of the results. Continuing "
                           "with the provided token results in an inconsistent list - objects that were "
                           "created, modified, or deleted between the time the first chunk was returned "
                           "and now may show up in the list.")
                    newtok = self.continue_token(self.store.rv, start)
                    raise ApiError(410, msg, "Expired", status_extra={"metadata": {"continue": newtok}})
                raise
        else:
            at = None
            if rv_param and rv_param != "0":
                try:
                    req_rv = int(rv_param)
                except ValueError:
                    raise ApiError(400, f"invalid resource version: {rv_param}")
                if rv_match == "Exact":
                    at = req_rv
                else:  # NotOlderThan (explicit or legacy)
                    deadline = time.time() + 3
                    while self.store.rv < req_rv and time.time() < deadline:
                        time.sleep(0.05)
                    if self.store.rv < req_rv:
                        at = req_rv  # raises the 504 "Too large resource version"
            at_rv, items = self.store.snapshot(rt.logical, at)
        prefix = f"{namespace}/" if namespace else None
        selected = []
        remaining = 0
        next_start = None
        has_sel = bool(lsel or fsel)
        for key, entry in items:
            if start is not None and key < start:
                continue
            if prefix and not key.startswith(prefix):
                continue
            if has_sel and not (label_match(lsel, entry.obj) and field_match(fsel, entry.obj)):
                continue
            if limit and len(selected) >= limit:
                if next_start is None:
                    next_start = key
                remaining += 1
                if has_sel:
                    break  # like etcd paging with selectors: no remainingItemCount
                continue
            selected.append(entry)
        meta = {"resourceVersion": str(at_rv)}
        if next_start is not None:
            meta["continue"] = self.continue_token(at_rv, next_start)
            if not has_sel:
                meta["remainingItemCount"] = remaining
        if mode[0] == "table":
            return h.send_json(200, self.table(selected, rt, mode[1], qs, meta))
        if mode[0] == "meta":
            return h.send_json(200, {"kind": "PartialObjectMetadataList", "apiVersion": f"meta.k8s.io/{mode[1]}",
                                     "metadata": meta, "items": [self.partial(e, rt, mode[1]) for e in selected]})
        head = json.dumps({"apiVersion": rt.api_version, "items": []}, separators=(",", ":"))[:-2].encode()
        body = b"".join([head, b",".join(e.json_for(rt) for e in selected), b'],"kind":',
                         json.dumps(rt.kind + "List").encode(), b',"metadata":',
                         json.dumps(meta, separators=(",", ":")).encode(), b"}"])
        return h.send_bytes(200, body)

    @staticmethod
    def continue_token(rv, start_key):
        raw = json.dumps({"v": "meta.k8s.io/v1", "rv": rv, "start": start_key}, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @staticmethod
    def partial(entry, rt, version):
        return {"kind": "PartialObjectMetadata", "apiVersion": f"meta.k8s.io/{version}",
                "metadata": entry.obj.get("metadata", {})}

    def table(self, entries, rt, version, qs, meta, headers=True):
        columns, fn = PRINTERS[rt.printer]
        include = qs.get("includeObject", "Metadata") or "Metadata"
        rows = []
        for e in entries:
            row = {"cells": fn(e.obj)}
            if include == "Metadata":
                row["object"] = self.partial(e, rt, version)
            elif include == "Object":
                row["object"] = convert_for(e.obj, rt)
            rows.append(row)
        t = {"kind": "Table", "apiVersion": f"meta.k8s.io/{version}", "metadata": meta}
        if headers:
            t["columnDefinitions"] = columns
        t["rows"] = rows
        return t

    # ---- watch
    def serve_watch(self, h, rt, namespace, qs, mode, ident):
        lsel, fsel = self.selectors(rt, qs)
        rv_param = qs.get("resourceVersion", "")
        bookmarks = qs.get("allowWatchBookmarks", "") in ("true", "1")
        send_initial = qs.get("sendInitialEvents", "") in ("true", "1")
        if send_initial and (qs.get("resourceVersionMatch") != "NotOlderThan" or not bookmarks):
            raise ApiError(422, "sendInitialEvents requires resourceVersionMatch=NotOlderThan and "
                                "allowWatchBookmarks=true", "Invalid")
        timeout = qs.get("timeoutSeconds", "")
        deadline = time.time() + float(timeout) if timeout else None
        w = Watcher(rt, namespace, lsel, fsel)
        w.path, w.user = h.path, ident["user"]
        initial: list[tuple[str, Entry]] = []
        error_status = None
        req_rv = None
        if rv_param not in ("", "0"):
            try:
                req_rv = int(rv_param)
            except ValueError:
                raise ApiError(400, f"invalid resource version: {rv_param}")
            wait_until = time.time() + 3
            while self.store.rv < req_rv and time.time() < wait_until:
                time.sleep(0.05)
        with self.store.lock:
            cur = self.store.rv
            if req_rv is not None and not send_initial:
                if req_rv < self.store.window_start:
                    error_status = status_object(410, f"too old resource version: {req_rv} "
                                                      f"({self.store.window_start})", "Expired")
                elif req_rv > cur:
                    error_status = status_object(504, f"Too large resource version: {req_rv}, current: {cur}",
                                                 "Timeout", {"causes": [{"reason": "ResourceVersionTooLarge",
                                                                         "message": "Too large resource version"}],
                                                             "retryAfterSeconds": 1})
                else:
                    for ev in self.store.events:
                        if ev.rv > req_rv:
                            t = w.translate(ev)
                            if t:
                                initial.append(t)
            else:
                _, items = self.store.snapshot(rt.logical)
                initial = [("ADDED", e) for _, e in items if w.matches(e.obj)]
            if error_status is None:
                self.store.watchers.add(w)
            start_rv = cur
        if error_status is not None and self.watch_expired_as == "http":
            raise ApiError(error_status["code"], error_status["message"], error_status["reason"],
                           error_status.get("details"))
        try:
            h.start_chunked(200)
            first = [True]

            def emit(typ, obj_bytes_or_dict):
                if isinstance(obj_bytes_or_dict, Entry):
                    e = obj_bytes_or_dict
                    if mode[0] == "json":
                        ob = e.json_for(rt)
                    elif mode[0] == "meta":
                        ob = json.dumps(self.partial(e, rt, mode[1]), separators=(",", ":")).encode()
                    else:
                        ob = json.dumps(self.table([e], rt, mode[1], qs, {"resourceVersion": str(e.rv)},
                                                   headers=first[0]), separators=(",", ":")).encode()
                        first[0] = False
                else:
                    ob = json.dumps(obj_bytes_or_dict, separators=(",", ":")).encode()
                h.write_chunk(b'{"type":' + json.dumps(typ).encode() + b',"object":' + ob + b"}\n")

            def bookmark(rv, initial_end=False):
                meta = {"resourceVersion": str(rv)}
                if initial_end:
                    meta["annotations"] = {"k8s.io/initial-events-end": "true"}
                emit("BOOKMARK", {"kind": rt.kind, "apiVersion": rt.api_version, "metadata": meta})

            if error_status is not None:
                emit("ERROR", error_status)
                h.end_chunked()
                return
            for typ, e in initial:
                emit(typ, e)
            if send_initial:
                bookmark(start_rv, initial_end=True)
            last_bookmark = time.time()
            while not self.stopping.is_set():
                if self.hang != "none":
                    # Silent: nothing is sent, the deadline is not honoured, events wait in the queue.
                    time.sleep(0.05)
                    continue
                wait = 0.5
                if bookmarks and self.bookmark_interval > 0:
                    wait = min(wait, max(0.01, last_bookmark + self.bookmark_interval - time.time()))
                if deadline is not None:
                    wait = min(wait, max(0.0, deadline - time.time()))
                    if time.time() >= deadline:
                        break
                try:
                    item = w.q.get(timeout=wait)
                except queue.Empty:
                    item = None
                if item is DROP:
                    h.abort(getattr(w, "drop_mode", "close"))
                    return
                if item is END:
                    break
                if isinstance(item, tuple) and item[0] == "BOOKMARK":
                    if bookmarks:
                        bookmark(self.store.rv if item[1] is None else item[1])
                        last_bookmark = time.time()
                    continue
                if isinstance(item, tuple) and item[0] == "ERROR":
                    emit("ERROR", item[1])
                    break
                if item is not None:
                    emit(item[0], item[1])
                    continue
                if bookmarks and self.bookmark_interval > 0 and time.time() - last_bookmark >= self.bookmark_interval:
                    with self.store.lock:
                        rv = self.store.rv if w.q.empty() else None
                    if rv is not None:
                        bookmark(rv)
                        last_bookmark = time.time()
            h.end_chunked()
        finally:
            with self.store.lock:
                self.store.watchers.discard(w)

    # ---- admin operations
    def admin(self, method, path, body, query):
        st = self.store
        if method == "GET" and path == "/state":
            with st.lock:
                return {"resourceVersion": st.rv, "windowStart": st.window_start, "events": len(st.events),
                        "objects": {k: len(v) for k, v in st.objects.items()},
                        "watchers": [{"path": w.path, "user": w.user} for w in st.watchers],
                        "faults": self.faults.describe(), "tokens": self.tokens.describe(),
                        "bookmarkInterval": self.bookmark_interval, "watchExpiredAs": self.watch_expired_as,
                        "hang": self.hang}
        if method == "GET" and path == "/requests":
            with self.req_lock:
                out = list(self.requests)
                if query.get("clear") in ("1", "true"):
                    self.requests.clear()
            return {"requests": out}
        if method == "DELETE" and path == "/requests":
            with self.req_lock:
                self.requests.clear()
            return {"ok": True}
        if method != "POST":
            raise ApiError(405, "admin: use GET /state, GET /requests or POST")
        if path == "/drop-watches":
            mode = body.get("mode", "close")
            match = body.get("match", "")
            n = 0
            with st.lock:
                for w in list(st.watchers):
                    if match in w.path:
                        w.drop_mode = mode
                        w.q.put(DROP if mode in ("close", "reset") else END)
                        n += 1
            return {"dropped": n}
        if path == "/stall":
            rule = {"seconds": float(body.get("seconds", 1)), "count": int(body.get("count", 1)),
                    "match": body.get("match", ""), "watch": body.get("watch"),
                    "phase": body.get("phase", "headers")}
            with self.faults.lock:
                self.faults.stall.append(rule)
            return {"ok": True, "rule": rule}
        if path == "/fail":
            rule = {"code": int(body.get("code", 503)), "count": int(body.get("count", 1)),
                    "match": body.get("match", ""), "watch": body.get("watch"),
                    "retryAfter": body.get("retryAfter"), "message": body.get("message")}
            with self.faults.lock:
                self.faults.fail.append(rule)
            return {"ok": True, "rule": rule}
        if path == "/hang":
            mode = body.get("mode", "all")
            if mode not in ("none", "all", "watch"):
                raise ApiError(400, "admin: mode must be none|all|watch")
            self.hang = mode
            return {"hang": mode}
        if path == "/clear-faults":
            self.hang = "none"
            self.faults.clear()
            return {"ok": True}
        if path == "/tokens":
            action = body.get("action")
            if action == "add":
                self.tokens.add(body["token"], body.get("user", "gatewatch-extra"), body.get("groups", ()),
                                body.get("forbid", ()), body.get("ttl"))
                return {"ok": True}
            toks = self.tokens.find(body.get("token"), body.get("user"))
            if not toks:
                raise ApiError(404, "admin: no such token/user")
            if action == "expire":
                self.tokens.set_expired(toks, True)
            elif action == "refresh":
                self.tokens.set_expired(toks, False, body.get("ttl"))
            elif action == "remove":
                self.tokens.remove(toks)
            elif action == "forbid":
                with self.tokens.lock:
                    for t in toks:
                        self.tokens.by_token[t]["forbid"] = set(body.get("resources", []))
            else:
                raise ApiError(400, "admin: action must be add|expire|refresh|remove|forbid")
            return {"ok": True, "tokens": len(toks)}
        if path == "/mutate":
            ops = body.get("ops") or [body]
            interval = float(body.get("interval", 0))
            if body.get("background") or interval > 0:
                threading.Thread(target=self.run_script, args=(ops, interval), daemon=True).start()
                return {"scheduled": len(ops)}
            return {"results": self.run_script(ops, 0)}
        if path == "/churn":
            kind = body.get("kind", "Pod")
            api_version = body.get("apiVersion", "v1")
            count = int(body.get("count", 100))
            rate = float(body.get("rate", 100))
            threading.Thread(target=self.churn, args=(api_version, kind, count, rate, body.get("namespace")),
                             daemon=True).start()
            return {"scheduled": count}
        if path == "/compact":
            ws = st.compact(int(body.get("keep", 0)))
            return {"windowStart": ws, "resourceVersion": st.rv}
        if path == "/bookmark":
            n = 0
            with st.lock:
                for w in st.watchers:
                    w.q.put(("BOOKMARK", st.rv))
                    n += 1
            return {"watchers": n}
        if path == "/watch-error":
            code = int(body.get("code", 410))
            status = status_object(code, body.get("message", "injected watch error"), body.get("reason"))
            n = 0
            with st.lock:
                for w in st.watchers:
                    if body.get("match", "") in w.path:
                        w.q.put(("ERROR", status))
                        n += 1
            return {"watchers": n}
        if path == "/config":
            if "bookmarkInterval" in body:
                self.bookmark_interval = float(body["bookmarkInterval"])
            if "watchExpiredAs" in body:
                if body["watchExpiredAs"] not in ("event", "http"):
                    raise ApiError(400, "watchExpiredAs must be event|http")
                self.watch_expired_as = body["watchExpiredAs"]
            if "history" in body:
                st.history = int(body["history"])
            return {"bookmarkInterval": self.bookmark_interval, "watchExpiredAs": self.watch_expired_as,
                    "history": st.history}
        raise ApiError(404, f"admin: unknown endpoint {path}")

    def run_script(self, ops, interval):
        results = []
        for i, op in enumerate(ops):
            if i and interval:
                time.sleep(interval)
            try:
                results.append({"resourceVersion": self.apply_op(op)})
            except ApiError as e:
                results.append({"error": e.status["message"], "code": e.code})
                if not interval:
                    raise
        return results

    def apply_op(self, op):
        kind = op.get("op", "apply")
        st = self.store
        if kind == "sleep":
            time.sleep(float(op.get("seconds", 0)))
            return st.rv
        if kind in ("add", "apply", "modify", "replace"):
            return st.apply(op["object"], {"replace": "modify"}.get(kind, kind))
        ref = op.get("object", {})
        api_version = op.get("apiVersion") or ref.get("apiVersion", "v1")
        k = op.get("kind") or ref.get("kind")
        meta = ref.get("metadata", {})
        ns = op.get("namespace", meta.get("namespace"))
        name = op.get("name", meta.get("name"))
        if kind == "patch":
            return st.patch(api_version, k, ns, name, op["patch"])
        if kind == "delete":
            return st.delete(api_version, k, ns, name)
        raise ApiError(400, f"admin: unknown op {kind}")

    def churn(self, api_version, kind, count, rate, namespace):
        logical = logical_kind(api_version, kind)
        with self.store.lock:
            keys = [k for k in self.store.keys_sorted(logical)
                    if namespace is None or k.startswith(namespace + "/")]
        if not keys:
            return
        t0 = time.time()
        for i in range(count):
            if self.stopping.is_set():
                return
            key = keys[i % len(keys)]
            ns, _, name = key.rpartition("/")
            try:
                self.store.patch(api_version, kind, ns or None, name,
                                 {"metadata": {"annotations": {"standin.gatewatch/churn": str(i)}}})
            except ApiError:
                pass
            delay = t0 + (i + 1) / rate - time.time()
            if delay > 0:
                time.sleep(delay)

    def shutdown(self):
        self.stopping.set()
        with self.store.lock:
            for w in list(self.store.watchers):
                w.q.put(END)


# --------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------


class ApiHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kube-standin"
    sys_version = ""
    standin: Standin = None  # set on the subclass
    tls = True

    def setup(self):
        self.peer_cert = None
        if self.tls:
            self.request.settimeout(10)
            self.request.do_handshake()
            self.peer_cert = self.request.getpeercert() or None
        self.request.settimeout(300)
        super().setup()

    def log_message(self, fmt, *args):  # quiet; use --verbose for a log
        self.standin.log(f"{self.address_string()} {fmt % args}")

    def __getattr__(self, name):
        if name.startswith("do_"):
            return self.dispatch
        raise AttributeError(name)

    def dispatch(self):
        self.log_entry = None
        self.pending_stall = None
        self.chunked = False
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True  # a chunked request body is never read: do not reuse
        try:
            self.standin.handle(self)
        except ApiError as e:
            self.send_json(e.code, e.status, extra_headers=e.headers)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, socket.timeout, OSError):
            self.close_connection = True
        except Exception as exc:  # noqa: BLE001
            traceback.print_exc()
            if not self.chunked:
                self.send_json(500, status_object(500, f"Internal error occurred: {exc}"))
            self.close_connection = True

    def _common_headers(self, code, content_type, length=None):
        self.send_response(code)
        self.send_header("Audit-Id", str(uuid.uuid4()))
        self.send_header("Cache-Control", "no-cache, private")
        self.send_header("Content-Type", content_type)
        self.send_header("X-Kubernetes-Pf-Flowschema-Uid", "00000000-0000-0000-0000-000000000001")
        self.send_header("X-Kubernetes-Pf-Prioritylevel-Uid", "00000000-0000-0000-0000-000000000002")
        if length is not None:
            self.send_header("Content-Length", str(length))
        if self.log_entry is not None:
            self.log_entry["status"] = code

    def send_bytes(self, code, body: bytes, content_type="application/json", extra_headers=None):
        encoding = None
        if (len(body) > 128 * 1024 and "gzip" in (self.headers.get("Accept-Encoding") or "")
                and not self.standin.args.no_gzip):
            body = gzip.compress(body, compresslevel=1)
            encoding = "gzip"
        self._common_headers(code, content_type, len(body))
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        for k, v in (extra_headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command == "HEAD":
            return
        stall = self.pending_stall
        if stall and len(body) > 1:
            half = len(body) // 2
            self.wfile.write(body[:half])
            self.wfile.flush()
            time.sleep(float(stall.get("seconds", 1)))
            self.wfile.write(body[half:])
        else:
            self.wfile.write(body)

    def send_json(self, code, obj, content_type="application/json", extra_headers=None):
        self.send_bytes(code, json.dumps(obj, separators=(",", ":")).encode(), content_type, extra_headers)

    def send_text(self, code, text):
        self.send_bytes(code, text.encode(), "text/plain; charset=utf-8")

    def start_chunked(self, code):
        self._common_headers(code, "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()
        self.chunked = True

    def write_chunk(self, data: bytes):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def end_chunked(self):
        self.wfile.write(b"0\r\n\r\n")
        self.chunked = False

    def abort(self, mode):
        """Drop the connection mid-stream: 'close' sends FIN (a truncated chunked
        body, no TLS close_notify), 'reset' sends a TCP RST."""
        self.close_connection = True
        sock = self.request
        try:
            if mode == "reset":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.standin_reset = True  # ApiServer.shutdown_request skips the FIN
            else:
                sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        raise ConnectionResetError("watch dropped by fault injection")


class ApiServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, addr, handler, ssl_ctx):
        super().__init__(addr, handler)
        self.ssl_ctx = ssl_ctx

    def get_request(self):
        sock, addr = self.socket.accept()
        if self.ssl_ctx is not None:
            sock = self.ssl_ctx.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def shutdown_request(self, request):
        if getattr(request, "standin_reset", False):
            self.close_request(request)  # close with SO_LINGER 0: RST, no FIN first
            return
        super().shutdown_request(request)

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ssl.SSLError, ConnectionError, socket.timeout, OSError)):
            return  # failed handshakes, untrusted certs, clients going away
        super().handle_error(request, client_address)


class AdminHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    standin: Standin = None

    def log_message(self, fmt, *args):
        self.standin.log(f"admin {fmt % args}")

    def _do(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw.strip() else {}
            out, code = self.standin.admin(self.command, url.path, body, query), 200
        except ApiError as e:
            out, code = e.status, e.code
        except (KeyError, ValueError, TypeError) as e:
            out, code = status_object(400, f"admin: bad request: {e}"), 400
        data = json.dumps(out).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = _do


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--bundle", required=True, help="bundle directory (its cluster/ files are served)")
    p.add_argument("--port", type=int, default=0, help="API port on 127.0.0.1 (0: any free port)")
    p.add_argument("--admin-port", type=int, default=0, help="admin HTTP port on 127.0.0.1 (0: any)")
    p.add_argument("--token", default=None, help="bearer token of user gatewatch-token (default: random)")
    p.add_argument("--limited-token", default=None, help="token of user gatewatch-limited (default: random)")
    p.add_argument("--forbid", action="append", default=None,
                   help="resource (plural or plural.group) the limited token may not read; repeatable "
                        "(default: nodes)")
    p.add_argument("--state-dir", default=None, help="where certs and kubeconfigs go (default: a temp dir, "
                                                     "removed on exit)")
    p.add_argument("--pods", type=int, default=0, help="generate N realistic pods in addition to the bundle's")
    p.add_argument("--calico-mode", choices=["apiserver", "native", "crd"], default="apiserver",
                   help="apiserver: projectcalico.org/v3 (no ipamblocks) + crd.projectcalico.org/v1; "
                        "native: v3 only (with ipamblocks); crd: crd.projectcalico.org/v1 only")
    p.add_argument("--without", action="append", default=[],
                   help="do not serve this API group or resource (e.g. operator.tigera.io, "
                        "ipamblocks.crd.projectcalico.org); repeatable")
    p.add_argument("--history", type=int, default=10000, help="watch events retained (older rv -> 410)")
    p.add_argument("--bookmark-interval", type=float, default=5.0,
                   help="seconds between BOOKMARK events on watches that allow them (0: never)")
    p.add_argument("--legacy-discovery", action="store_true",
                   help="never answer with aggregated discovery (APIGroupDiscoveryList)")
    p.add_argument("--advertise-read-only", action="store_true",
                   help="advertise only get/list/watch verbs in discovery (default: the real verb set)")
    p.add_argument("--no-tls", action="store_true", help="plain HTTP (token auth only)")
    p.add_argument("--no-gzip", action="store_true", help="never gzip responses")
    p.add_argument("--request-log", type=int, default=5000, help="requests kept for GET /requests")
    p.add_argument("--verbose", "-v", action="store_true", help="log requests to stderr")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    created_state = args.state_dir is None
    state = args.state_dir or tempfile.mkdtemp(prefix="kube-standin-")
    os.makedirs(state, exist_ok=True)
    state = os.path.abspath(state)
    standin = Standin(args)

    objects = load_bundle(args.bundle, standin.warn)
    if args.pods:
        objects += generate_pods(args.pods, objects)
    standin.store.load(objects, standin.warn)
    standin.warm()

    token = args.token or secrets.token_hex(24)
    limited = args.limited_token or secrets.token_hex(24)
    standin.tokens.add(token, "gatewatch-token", ["gatewatch-readers"])
    standin.tokens.add(limited, "gatewatch-limited", ["gatewatch-readers"],
                       forbid=args.forbid if args.forbid is not None else ["nodes"])

    certs = {}
    ssl_ctx = None
    if not args.no_tls:
        certs = make_certs(state)
        ssl_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ssl_ctx.load_cert_chain(certs["serverCert"], certs["serverKey"])
        ssl_ctx.verify_mode = ssl.CERT_OPTIONAL
        ssl_ctx.load_verify_locations(certs["ca"])
        # The untrusted CA passes the handshake so that its client cert reaches the
        # authenticator and gets a 401, as kube-apiserver does (it requests client
        # certs and verifies them itself). A cert from a CA nobody knows fails the
        # TLS handshake.
        ssl_ctx.load_verify_locations(certs["untrustedCa"])
        ssl_ctx.set_alpn_protocols(["http/1.1"])

    handler = type("Handler", (ApiHandler,), {"standin": standin, "tls": not args.no_tls})
    api = ApiServer(("127.0.0.1", args.port), handler, ssl_ctx)
    admin_handler = type("Admin", (AdminHandler,), {"standin": standin})
    admin = ThreadingHTTPServer(("127.0.0.1", args.admin_port), admin_handler)
    admin.daemon_threads = True
    port = api.server_address[1]
    scheme = "http" if args.no_tls else "https"
    server_url = f"{scheme}://127.0.0.1:{port}"

    kubeconfig = os.path.join(state, "kubeconfig")
    inline = os.path.join(state, "kubeconfig-inline")
    if not args.no_tls:
        write_kubeconfig(kubeconfig, server_url, certs, token, limited)
        write_kubeconfig(inline, server_url, certs, token, limited, inline=True)
    else:
        with open(kubeconfig, "w") as fh:
            fh.write(f"apiVersion: v1\nkind: Config\ncurrent-context: token\nclusters:\n- name: standin\n"
                     f"  cluster:\n    server: {json.dumps(server_url)}\nusers:\n- name: token-user\n  user:\n"
                     f"    token: {json.dumps(token)}\n- name: limited-user\n  user:\n    token: "
                     f"{json.dumps(limited)}\ncontexts:\n- name: token\n  context:\n    cluster: standin\n"
                     f"    user: token-user\n- name: limited\n  context:\n    cluster: standin\n"
                     f"    user: limited-user\n")
        inline = None

    threads = [threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
               for s in (api, admin)]
    for t in threads:
        t.start()

    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    ready = {
        "ready": True, "pid": os.getpid(), "url": server_url, "port": port,
        "adminUrl": f"http://127.0.0.1:{admin.server_address[1]}", "adminPort": admin.server_address[1],
        "stateDir": state, "kubeconfig": kubeconfig, "kubeconfigInline": inline,
        "token": token, "limitedToken": limited, "limitedForbid": args.forbid or ["nodes"],
        "resourceVersion": standin.store.rv, "objects": standin.store.count(),
        "calicoMode": args.calico_mode, **certs,
    }
    print(json.dumps(ready), flush=True)

    stop.wait()
    standin.shutdown()
    deadline = time.time() + 2  # let open watches write their terminating chunk
    while standin.store.watchers and time.time() < deadline:
        time.sleep(0.02)
    api.shutdown()
    admin.shutdown()
    api.server_close()
    admin.server_close()
    if created_state:
        shutil.rmtree(state, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
