#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer through the Swift toolchain, -sanitize=fuzzer,address).
#
#   scripts/fuzz.sh build            compile the parser modules instrumented, link one binary per target
#   scripts/fuzz.sh run [SECONDS]    run every target for SECONDS (FUZZ_SECONDS, default 60) from its seeds
#   scripts/fuzz.sh list             the targets
#
# The modules under test (LPM, Inventory, Firewall, Simulator, Traffic, History, Spawn, HTTP, Kube, EC2,
# Console) are compiled with swiftc from Sources/ with fuzzer coverage and AddressSanitizer; their
# package dependencies (Yams, swift-crypto, GRDB, swift-log) are linked from the ordinary debug build, which must
# exist (`swift build` first). Each target is Fuzz/Targets/NAME.swift with its
# LLVMFuzzerTestOneInput; its seeds are Fuzz/Corpus/NAME/. A finding (crash, leak, invariant,
# time or memory bound) leaves crash-* / timeout-* / oom-* files in .build/fuzz/findings/NAME/ and
# the run fails. A summary line per target (executions, coverage) goes to .build/fuzz/summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH

OUT=.build/fuzz
DEBUG=$(swift build --show-bin-path 2>/dev/null)
TARGETS=$(cd Fuzz/Targets && ls *.swift | sed 's/\.swift$//')
SAN=(-sanitize=fuzzer,address)
YAMS_MAP=.build/checkouts/Yams/Sources/CYaml/include/module.modulemap
COMMON=(-swift-version 6 -parse-as-library -Onone -g -I "$OUT/modules" -I "$DEBUG/Modules"
        -Xcc "-fmodule-map-file=$YAMS_MAP" -Xcc "-fmodule-map-file=Sources/CCurl/module.modulemap"
        -Xcc "-fmodule-map-file=Sources/CNCurses/module.modulemap"
        -Xcc "-fmodule-map-file=.build/checkouts/GRDB.swift/Sources/GRDBSQLite/module.modulemap")

module() {  # NAME [extra sources…]: one instrumented module object and its swiftmodule
    local name=$1; shift
    mkdir -p "$OUT/modules" "$OUT/objects"
    # Up to date: the object is newer than every source of the module and every module built before it.
    if [ -f "$OUT/objects/$name.o" ] && [ -z "$(find "Sources/$name" "$OUT/modules" -newer "$OUT/objects/$name.o" \
            \( -name '*.swift' -o -name '*.swiftmodule' \) -print -quit)" ]; then
        return
    fi
    swiftc "${COMMON[@]}" "${SAN[@]}" -enable-testing -module-name "$name" -wmo -num-threads 0 \
        -emit-module -emit-module-path "$OUT/modules/$name.swiftmodule" \
        -c -o "$OUT/objects/$name.o" $(find "Sources/$name" -name '*.swift' | sort) "$@"
}

build() {
    [ -d "$DEBUG/Modules" ] || { echo "fuzz: build the package first (swift build)" >&2; exit 2; }
    local started=$SECONDS
    module LPM
    module Inventory "$DEBUG/Inventory.build/DerivedSources/embedded_resources.swift"
    module Firewall
    module Simulator
    module Traffic
    module History
    module Spawn
    module HTTP
    module Kube
    module EC2
    module Console
    # The Console reads the journal: History (instrumented) links GRDB, swift-log and SQLite uninstrumented.
    local deps=("$DEBUG"/Yams.build/*.o "$DEBUG"/CYaml.build/src/*.o "$DEBUG"/GRDB.build/*.o "$DEBUG"/Logging.build/*.o)
    local crypto=("$DEBUG"/Crypto.build/*.o "$DEBUG"/CryptoBoringWrapper.build/*.o "$DEBUG"/CCryptoBoringSSLShims.build/*.o)
    mapfile -t boring < <(find "$DEBUG/CCryptoBoringSSL.build" "$DEBUG/CXKCP.build" "$DEBUG/CXKCPShims.build" -name '*.o')
    mkdir -p "$OUT/bin"
    for target in $TARGETS; do
        swiftc "${COMMON[@]}" "${SAN[@]}" -module-name "fuzz_${target//-/_}" \
            Fuzz/Support/FuzzSupport.swift "Fuzz/Targets/$target.swift" "$OUT"/objects/*.o "${deps[@]}" \
            "${crypto[@]}" "${boring[@]}" -lcurl -lncursesw -lsqlite3 -lstdc++ -o "$OUT/bin/$target"
    done
    echo "fuzz: built $(echo $TARGETS | wc -w) targets in $((SECONDS - started)) s" >&2
}

run() {
    local seconds=${1:-${FUZZ_SECONDS:-60}} failed=0
    mkdir -p "$OUT"
    : > "$OUT/summary.txt"
    for target in $TARGETS; do
        local corpus="$OUT/corpus/$target" findings="$OUT/findings/$target"
        mkdir -p "$corpus" "$findings"
        local status=0
        SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 "$OUT/bin/$target" "$corpus" "Fuzz/Corpus/$target" \
            -max_total_time="$seconds" -max_len=4096 -timeout=5 -rss_limit_mb=1024 -malloc_limit_mb=512 \
            -artifact_prefix="$findings/" -print_final_stats=1 > "$OUT/$target.log" 2>&1 || status=$?
        local runs cov
        runs=$(grep -a -o 'stat::number_of_executed_units: *[0-9]*' "$OUT/$target.log" | grep -o '[0-9]*$' || echo 0)
        cov=$(grep -a -o 'cov: [0-9]*' "$OUT/$target.log" | tail -1 | grep -o '[0-9]*' || echo 0)
        local line
        line=$(printf '%-18s %10s executions  %6s coverage points  %s' "$target" "$runs" "$cov" \
            "$([ $status -eq 0 ] && echo ok || echo "FINDING (see $OUT/$target.log)")")
        echo "$line" | tee -a "$OUT/summary.txt"
        [ $status -eq 0 ] || failed=1
    done
    return $failed
}

case "${1:-}" in
    build) build ;;
    run) run "${2:-}" ;;
    list) echo "$TARGETS" ;;
    *) echo "usage: scripts/fuzz.sh build | run [SECONDS] | list" >&2; exit 2 ;;
esac
