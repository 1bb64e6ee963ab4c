#!/usr/bin/env bash
# Exec latency: exec of /bin/true into a running container, to its exit, for embedded Lit
# (JMH, warm JVM: Container.exec + waitFor) against `runc exec` and `crun exec` (hyperfine) on
# the same busybox-static rootfs, in one run; prints medians and ratios. See BENCHMARKS.md.
#
#   bench/exec-latency/run.sh [--quick]
#
# Needs root, runc, crun, hyperfine, jq, busybox-static and a JDK 25. Builds Lit with
# `mvn package` (no install) and compiles the JMH benchmark against target/ directly; JMH
# itself comes from Maven Central through `mvn dependency:get`. Output under
# bench/out/exec-latency/results/<time>/.
set -euo pipefail
quick=0
[ "${1:-}" = --quick ] && quick=1
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=$repo/bench/out/exec-latency
results=$out/results/$(date -u +%Y%m%dT%H%M%SZ)
rootfs=$out/rootfs
bundles=$out/bundles
runc_id=lit-bench-exec-runc-$$
crun_id=lit-bench-exec-crun-$$
[ "$(id -u)" = 0 ] || { echo "run.sh: run as root" >&2; exit 1; }
source "$repo/.ci/find-java.sh"
mkdir -p "$results"

echo "== building Lit (mvn package, no install) and the benchmark" >&2
mkdir -p "$out"
# in the reactor, so that lit-core resolves to this checkout's build (nothing is installed);
# the last module (lit-linux) writes the file last
(cd "$repo" && mvn -q -B -ntp -pl lit-linux -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$out/deps.txt" -Dmdep.includeScope=runtime >&2)
jmh_jars=""
for a in org.openjdk.jmh:jmh-core:1.37 org.openjdk.jmh:jmh-generator-annprocess:1.37 net.sf.jopt-simple:jopt-simple:5.0.4 org.apache.commons:commons-math3:3.6.1; do
  mvn -q -B -ntp dependency:get -Dartifact="$a" -Dtransitive=false >&2
  IFS=: read -r g art v <<<"$a"
  jmh_jars="$jmh_jars:$HOME/.m2/repository/${g//.//}/$art/$v/$art-$v.jar"
done
lit_cp="$repo/lit-core/target/classes:$repo/lit-linux/target/classes:$(cat "$out/deps.txt")"
rm -rf "$out/classes" && mkdir -p "$out/classes"
"$JAVA_HOME/bin/javac" -proc:full -d "$out/classes" -cp "$lit_cp$jmh_jars" -processorpath "${jmh_jars#:}" \
  "$repo/bench/jmh/src/main/java/dev/lit/bench/ExecLatency.java"

echo "== rootfs and the runc/crun containers (sleeping, for exec)" >&2
"$repo/bench/start-latency/make-rootfs.sh" "$rootfs"
v1view=$repo/bench/start-latency/in-cgroup-v1-view.sh
rm -rf "$bundles"
for rt in runc crun; do
  mkdir -p "$bundles/$rt"
  (cd "$bundles/$rt" && "$rt" spec)
  jq --arg root "$rootfs" '.root = {path: $root, readonly: false} | .process.terminal = false
      | .process.args = ["/bin/busybox", "sleep", "100000"]
      | .linux.namespaces |= (if any(.[]; .type == "cgroup") then . else . + [{type: "cgroup"}] end)' \
    "$bundles/$rt/config.json" > "$bundles/$rt/c.json" && mv "$bundles/$rt/c.json" "$bundles/$rt/config.json"
done
cleanup() { runc delete -f "$runc_id" >/dev/null 2>&1 || true; }
trap cleanup EXIT
runc run -d --bundle "$bundles/runc" "$runc_id" </dev/null >/dev/null 2>&1
runc exec "$runc_id" /bin/true

if [ $quick = 1 ]; then runs=20 jmh=(-wi 1 -w 1 -i 2 -r 1); else runs=200 jmh=(-wi 3 -w 1 -i 5 -r 2); fi
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "host: $(uname -srm), $(nproc) CPUs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p); runc: $(runc --version | head -1); crun: $(crun --version | head -1)"
  echo "lit: $(cd "$repo" && git rev-parse --short HEAD)"
} | tee "$results/environment.txt" >&2

echo "== runc exec (hyperfine)" >&2
hyperfine -N --style basic --warmup 10 --runs $runs --export-json "$results/runc.json" -n "runc exec" "runc exec $runc_id /bin/true" >&2
runc delete -f "$runc_id"

# crun runs only in a mount namespace whose /sys/fs/cgroup is v1-only (see start-latency);
# its container, its execs and its removal all happen inside that one namespace.
echo "== crun exec (hyperfine, in a v1-only cgroup view)" >&2
"$v1view" sh -c "crun run -d --bundle '$bundles/crun' $crun_id </dev/null >/dev/null 2>&1 && crun exec $crun_id /bin/true \
  && hyperfine -N --style basic --warmup 10 --runs $runs --export-json '$results/crun.json' -n 'crun exec' 'crun exec $crun_id /bin/true'; \
  rc=\$?; crun delete -f $crun_id; exit \$rc" >&2

echo "== Lit exec (JMH)" >&2
LIT_BENCH_ROOTFS=$rootfs "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$out/classes:$lit_cp$jmh_jars" \
  org.openjdk.jmh.Main 'ExecLatency.execTrue' -f 1 "${jmh[@]}" -rf json -rff "$results/lit.json" > "$results/lit.log" 2>&1 \
  || { tail -30 "$results/lit.log" >&2; exit 1; }

lit=$(jq '.[0].primaryMetric.scorePercentiles["50.0"]' "$results/lit.json")
runc=$(jq '.results[0].median * 1000' "$results/runc.json")
crun=$(jq '.results[0].median * 1000' "$results/crun.json")
{
  echo "| exec of /bin/true into a running container | median ms | vs crun |"
  echo "| --- | --- | --- |"
  for row in "Lit (Container.exec + waitFor, warm JVM)|$lit" "crun exec|$crun" "runc exec|$runc"; do
    awk -F'|' -v c="$crun" '{ printf "| %s | %.2f | %.2fx |\n", $1, $2, $2 / c }' <<<"$row"
  done
} | tee "$results/table.md"
