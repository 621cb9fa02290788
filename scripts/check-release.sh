#!/usr/bin/env bash
# Checks that a release binary runs without a Swift toolchain: no libswift*/Foundation shared
# libraries, only what a Debian 12 / Ubuntu 22.04 host has; prints its size and glibc floor.
set -euo pipefail
binary=${1:?usage: check-release.sh BINARY}

if ldd "$binary" | grep -E 'libswift|libFoundation|lib_FoundationICU|libdispatch|libBlocksRuntime'; then
  echo "check-release: $binary links Swift runtime libraries dynamically" >&2
  exit 1
fi
# Run it with the toolchain hidden.
env -i PATH=/usr/bin:/bin "$binary" --version >/dev/null
glibc=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sort -Vu | tail -1)
size=$(du -h "$binary" | cut -f1)
echo "check-release: $binary OK — $size, needs $glibc, shared libs: $(ldd "$binary" | awk '{print $1}' | tr '\n' ' ')"
