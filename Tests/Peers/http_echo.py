#!/usr/bin/env python3
"""A loopback HTTP peer for the Gatewatch HTTP module tests (standard library only).

It runs three servers on 127.0.0.1 and prints one JSON ready line:
{"ready": true, "pid": N, "url": "http://127.0.0.1:P", "proxyUrl": "http://127.0.0.1:Q",
 "refusingProxyUrl": "http://127.0.0.1:R"[, "tlsUrl": "https://127.0.0.1:S"]}

Origin server (`url`):
  ANY  /echo                 200, JSON {"method", "path", "headers": [[name, value]...], "body": base64}
  GET  /status?code=N        that status, body "status N"
  GET  /bytes?n=N            N bytes (a repeating pattern); gzip when the client accepts it
  GET  /hold?id=X            200 chunked: "first\n", then waits until /release?id=X, then "second\n"
  GET  /release?id=X         releases the hold X
  GET  /stall?seconds=S      waits S seconds before the status line
  GET  /stall-body?seconds=S headers and half of a 64-byte body, then waits S seconds
  GET  /reset                Content-Length 1000, 10 bytes, then the connection closes
  GET  /stats                JSON {"holdsOpen": n, "holdsClosedByClient": n, "proxied": n, "tunnels": n,
                             "connections": n (TCP connections the origin servers accepted)}
With --tls-cert CERT --tls-key KEY the same origin is also served over HTTPS (`tlsUrl`).
Proxy (`proxyUrl`): absolute-form requests are forwarded (with `Via: 1.1 gatewatch-test-proxy`);
  CONNECT opens a tunnel. Counts land in /stats of the origin server.
Refusing proxy (`refusingProxyUrl`): 403 to everything, CONNECT included.
Stops on SIGTERM/SIGINT.
"""
import argparse
import base64
import gzip
import json
import os
import select
import signal
import socket
import ssl
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATS = {"holdsOpen": 0, "holdsClosedByClient": 0, "proxied": 0, "tunnels": 0, "connections": 0}
LOCK = threading.Lock()
HOLDS = {}


def bump(key, delta=1):
    with LOCK:
        STATS[key] += delta


def hold_event(name):
    with LOCK:
        return HOLDS.setdefault(name, threading.Event())


class Origin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        bump("connections")

    def log_message(self, *args):
        pass

    def reply(self, code, body, content_type="text/plain", extra=()):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = url.path
        if path == "/echo":
            document = {"method": self.command, "path": self.path, "headers": [[k, v] for k, v in self.headers.items()],
                        "body": base64.b64encode(body).decode()}
            self.reply(200, json.dumps(document).encode(), "application/json")
        elif path == "/status":
            code = int(query.get("code", "200"))
            self.reply(code, f"status {code}".encode())
        elif path == "/bytes":
            n = int(query.get("n", "0"))
            data = bytes((i * 7 + i // 251) % 256 for i in range(n))
            if "gzip" in (self.headers.get("Accept-Encoding") or ""):
                self.reply(200, gzip.compress(data, 1), "application/octet-stream", [("Content-Encoding", "gzip")])
            else:
                self.reply(200, data, "application/octet-stream")
        elif path == "/hold":
            self.hold(query.get("id", ""))
        elif path == "/release":
            hold_event(query.get("id", "")).set()
            self.reply(200, b"released")
        elif path == "/stall":
            time.sleep(float(query.get("seconds", "1")))
            self.reply(200, b"late")
        elif path == "/stall-body":
            self.send_response(200)
            self.send_header("Content-Length", "64")
            self.end_headers()
            self.wfile.write(b"x" * 32)
            self.wfile.flush()
            time.sleep(float(query.get("seconds", "1")))
            try:
                self.wfile.write(b"y" * 32)
            except OSError:
                pass
        elif path == "/reset":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"z" * 10)
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        elif path == "/stats":
            with LOCK:
                body = json.dumps(STATS).encode()
            self.reply(200, body, "application/json")
        else:
            self.reply(404, b"not found")

    def hold(self, name):
        event = hold_event(name)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.write_chunk(b"first\n")
        bump("holdsOpen")
        try:
            while not event.wait(0.05):
                readable, _, _ = select.select([self.connection], [], [], 0)
                if readable and not peek(self.connection):
                    bump("holdsClosedByClient")
                    self.close_connection = True
                    return
            self.write_chunk(b"second\n")
            self.wfile.write(b"0\r\n\r\n")
        finally:
            bump("holdsOpen", -1)

    def write_chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = do_PATCH = handle_any


def peek(connection):
    """The next byte the client sent, or b"" once it closed (FIN or RST)."""
    try:
        return connection.recv(1, socket.MSG_PEEK)
    except OSError:
        return b""


def pipe(a, b):
    try:
        while True:
            readable, _, _ = select.select([a, b], [], [], 60)
            if not readable:
                return
            for sock in readable:
                data = sock.recv(65536)
                if not data:
                    return
                (b if sock is a else a).sendall(data)
    except OSError:
        return
    finally:
        for sock in (a, b):
            try:
                sock.close()
            except OSError:
                pass


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_CONNECT(self):
        host, _, port = self.path.rpartition(":")
        try:
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
        except OSError:
            self.send_error(502)
            return
        bump("tunnels")
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        pipe(self.connection, upstream)

    def forward(self):
        bump("proxied")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        request = urllib.request.Request(self.path, data=body, method=self.command,
                                         headers={k: v for k, v in self.headers.items() if k.lower() != "proxy-connection"})
        try:
            with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=30) as response:
                status, headers, data = response.status, response.getheaders(), response.read()
        except urllib.error.HTTPError as error:
            status, headers, data = error.code, error.headers.items(), error.read()
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        self.send_header("Via", "1.1 gatewatch-test-proxy")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = forward


class RefusingProxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def refuse(self):
        body = b"proxy access denied"
        self.send_response(403)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_CONNECT = do_GET = do_POST = do_PUT = refuse


def serve(handler, tls=None):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    parser = argparse.ArgumentParser(description="loopback HTTP peer for the Gatewatch HTTP tests")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    args = parser.parse_args()
    origin, proxy, refusing = serve(Origin), serve(Proxy), serve(RefusingProxy)
    servers = [origin, proxy, refusing]
    extra = {}
    if args.tls_cert and args.tls_key:
        secure = serve(Origin, (args.tls_cert, args.tls_key))
        servers.append(secure)
        extra["tlsUrl"] = f"https://127.0.0.1:{secure.server_address[1]}"
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(json.dumps({"ready": True, "pid": os.getpid(),
                      "url": f"http://127.0.0.1:{origin.server_address[1]}",
                      "proxyUrl": f"http://127.0.0.1:{proxy.server_address[1]}",
                      "refusingProxyUrl": f"http://127.0.0.1:{refusing.server_address[1]}", **extra}), flush=True)
    while not stop.wait(0.2):
        pass
    for server in servers:
        server.shutdown()
    sys.exit(0)


if __name__ == "__main__":
    main()
