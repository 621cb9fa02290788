#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test Gatewatch.
# Does nothing (and prints nothing) when everything is already present.
set -euo pipefail

missing=()
pkg-config --exists ncursesw 2>/dev/null || missing+=(libncurses-dev)
pkg-config --exists libcurl 2>/dev/null || missing+=(libcurl4-openssl-dev)
pkg-config --exists sqlite3 2>/dev/null || missing+=(libsqlite3-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ "${GATEWATCH_TEST_TOOLS:-0}" = 1 ]; then
  # The test suite drives the console in tmux, the Kubernetes stand-in makes certificates with
  # openssl and is checked with kubectl (on the machine image), and the peers run on Python 3.
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  # util-linux logger (bsdutils on Debian) sends real RFC 3164/5424 syslog to the listener tests;
  # --octet-count needs util-linux ≥ 2.29.
  logger --help 2>/dev/null | grep -q -- --octet-count || missing+=(bsdutils)
  command -v pip3 >/dev/null 2>&1 || python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
  # The metrics tests check the served page and the example alerts with promtool and scrape
  # Gatewatch with a real Prometheus server on loopback.
  { command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; } || missing+=(prometheus)
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}" >&2
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "bootstrap: need root to install: apt-get install ${missing[*]}" >&2; exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "bootstrap: no Swift toolchain on PATH (expected Swift 6.x, e.g. /opt/swift/usr/bin)" >&2
  exit 1
fi
