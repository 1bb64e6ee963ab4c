#!/bin/bash
# guest.sh LABEL RESULTS_DIR ARGFILE - runs INSIDE the lane's VM (run.sh starts it through
# vm.sh): the cgroup-tagged tests of lit-linux with the JUnit console launcher, on classes
# built on the host. ARGFILE holds the launcher's options (class path, selectors, tag).
# The JVM execs in place of this shell, so on the leaf run (VM_CGROUP) it is the only process
# of its cgroup, as a systemd service would be.
set -euo pipefail
label=$1 results=$2 argfile=$3
mkdir -p "$results"
echo "guest[$label]: kernel $(uname -r), cgroup $(cut -d: -f3 /proc/self/cgroup), uptime $(cut -d' ' -f1 /proc/uptime)s"
export LIT_TEST_METRICS=$results/metrics.txt
# The host's root is shared read-only: Lit's store (volumes, images) goes to the guest's tmpfs
export LIT_ROOT=/run/lit-store
# Tests that start a second JVM need the class path the launcher was given, not its own jar
LIT_TEST_CLASSPATH=$(awk 'prev == "--class-path" { print; exit } { prev = $0 }' "$argfile" | tr -d '"')
export LIT_TEST_CLASSPATH
# C1 only: under TCG emulation the C2 compiler costs more than it gives back in a short run
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -jar "$LANE_LAUNCHER_JAR" execute @"$argfile" --reports-dir "$results"
