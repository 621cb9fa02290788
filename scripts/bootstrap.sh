#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test Gatewatch.
# Does nothing (and prints nothing) when everything is already present.
set -euo pipefail

missing=()
pkg-config --exists ncursesw 2>/dev/null || missing+=(libncurses-dev)
pkg-config --exists libcurl 2>/dev/null || missing+=(libcurl4-openssl-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ "${GATEWATCH_TEST_TOOLS:-0}" = 1 ]; then
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)
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
