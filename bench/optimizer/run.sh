#!/bin/sh
# Optimizer benchmark (cgroup v1 host): three workloads, static limit vs auto_memory_tune under the
# same 256M ceiling, interleaved rounds, medians. Uses the reactor's compiled classes (no install).
# Usage: sh bench/optimizer/run.sh [ROUNDS]   (root; about 1 minute per round)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=$REPO/bench/out/optimizer; mkdir -p "$OUT"
cd "$REPO"
mvn -B -ntp -q -pl lit-linux -am compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP=$REPO/lit-core/target/classes:$REPO/lit-linux/target/classes:$(cat "$OUT/cp.txt")
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" "$HERE/OptimizerBench.java" "${1:-3}" | tee "$OUT/table.md"
