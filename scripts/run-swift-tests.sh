#!/usr/bin/env bash
# Builds the tests once, then runs each test target on its own. Within a target, tests run in
# parallel; targets run one after another, so the suites that start loopback peers (Kubernetes
# stand-ins, moto, HTTP echo servers, tmux) never all start them at once on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
# Nothing in the tests may reach an address outside the loopback: EC2 instance metadata
# (169.254.169.254) stays off unless a test points it at its own stand-in.
export AWS_EC2_METADATA_DISABLED=true

$SWIFT build --build-tests
targets=(LPMTests InventoryTests HistoryTests FirewallTests SimulatorTests TrafficTests SystemLibraryTests HTTPTests
         KubeTests EC2Tests LogsTests LiveTests FleetMetricsTests ConsoleTests GatewatchTests)
# Every test target must be listed: a new one left out would silently never run.
for directory in Tests/*Tests; do
    name=$(basename "$directory")
    [[ " ${targets[*]} " == *" $name "* ]] || { echo "run-swift-tests.sh: add $name to targets" >&2; exit 2; }
done
for target in "${targets[@]}"; do
    echo "== $target"
    $SWIFT test --skip-build --filter "^$target\\."
done
