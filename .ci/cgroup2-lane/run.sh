#!/bin/bash
# .ci/cgroup2-lane/run.sh - the pure cgroup v2 test lane (see docs/cgroup2-lane.md).
#
# Boots a small QEMU VM with Debian's kernel and cgroup v2 as its only hierarchy
# (cgroup_no_v1=all), twice, and runs the cgroup-tagged tests of lit-linux in it with
# classes built on this host:
#   root  the test JVM starts in the root cgroup
#   leaf  the test JVM starts alone in /ci.slice/run.scope, as systemd starts a service or a
#         CI job: Lit must move itself into a supervisor leaf (no-internal-process rule). This
#         run takes the tests of dev.lit.linux.cgroup less StartLatencyTest and
#         CgroupV2DelegationTest, which do not depend on where the test JVM sits.
#   hybrid (not run by default) the same VM and kernel booted with cgroup v1 controllers
#         (systemd's hybrid layout): Lit's v1 path on the same kernel, for comparisons such
#         as the start latency in docs/cgroup2-lane.md.
# Reports land in lit-linux/target/cgroup2-lane/<run>/ (JUnit XML); the last line reads
# "cgroup2-lane: N passed, N failed, N skipped". Exits non-zero when a test failed, a run did
# not finish, or no test ran.
#
# Usage, as root from anywhere (a fresh Debian 12 is fine; it installs what it needs):
#   mvn -B -pl lit-core,lit-linux,lit-config test-compile   # or mvn install: the caller builds
#   .ci/cgroup2-lane/run.sh
# Settings: LANE_RUNS="root leaf" (which runs, in order), LANE_TIMEOUT (seconds per VM: 300 for
#   root and hybrid, 180 for leaf),
#   LANE_TESTS="dev.lit.linux.cgroup.CgroupLimitsTest ..." (only these classes, for debugging),
#   LANE_PARALLEL=0 (1 boots both VMs at once), LANE_MEM=3072 (MiB per VM).
set -euo pipefail
lane=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
repo=$(cd "$lane/../.." && pwd)
cd "$repo"
start=$(date +%s)
say() { echo "cgroup2-lane: $*"; }

if [ "$(id -u)" != 0 ]; then
  say "needs root (QEMU shares / with security_model=none, Lit's containers run as root)"
  if [ "${CI:-}" = true ]; then exit 1; fi
  say "skipped"; exit 0
fi

# ------------------------------------------------------------------ packages ---
kernel_ok() {
  local k v
  for k in /boot/vmlinuz-*; do
    v=${k#/boot/vmlinuz-}
    [ -n "$(find "/lib/modules/$v" -name '9pnet_virtio.ko*' 2>/dev/null | head -1)" ] && return 0
  done
  return 1
}
need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
kernel_ok || need+=(linux-image-amd64)
# (here-strings, not pipes into grep -q: under pipefail the writer may die of SIGPIPE)
grep -q 'ok installed' <<< "$(dpkg-query -W -f='${Status}' busybox-static 2>/dev/null)" || need+=(busybox-static)
command -v cpio >/dev/null || need+=(cpio)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --------------------------------------------------------- classes and tools ---
source .ci/find-java.sh
for f in lit-core/target/classes lit-linux/target/classes/dev/lit/linux/helper/lit-helper lit-linux/target/test-classes/dev/lit/linux/cgroup; do
  if [ ! -e "$f" ]; then
    say "$f is missing: build first, for example: mvn -B -pl lit-core,lit-linux,lit-config test-compile"
    exit 2
  fi
done
out=lit-linux/target/cgroup2-lane
mkdir -p "$out"
mvn_q() { mvn -q -B -ntp "$@" 2> >(grep -v '^WARNING: .*\(Unsafe\|sun.misc\|terminally deprecated\)' >&2); }

junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml); junit=${junit%%$'\n'*}
jar=$repo/$out/junit-platform-console-standalone-$junit.jar
if [ ! -s "$jar" ]; then
  mvn_q -N dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit" \
    -DoutputDirectory="$out" -Dmdep.overWriteReleases=true
fi
[ -s "$jar" ] || { say "could not fetch $jar"; exit 2; }

# The test class path: this checkout's classes, then lit-linux's third-party test dependencies
# (JUnit itself comes with the console launcher, so its jars are left out).
cpfile=lit-linux/target/test-classpath.txt
if ! mvn_q -pl lit-linux dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test; then
  say "lit-core is not in the local Maven repository; resolving through the reactor"
  mvn_q -pl lit-core,lit-config,lit-linux test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
fi
# The classes are staged (copied) first: the VM then reads a snapshot that a concurrent build
# in this checkout cannot change under it.
stage=$out/classes
rm -rf "$stage"; mkdir -p "$stage"
cp=
for d in lit-linux/target/test-classes lit-linux/target/classes lit-core/target/classes lit-config/target/classes; do
  [ -d "$d" ] || continue
  name=${d%%/*}-${d##*/}
  cp -a "$d" "$stage/$name"
  cp=${cp:+$cp:}$repo/$stage/$name
done
while IFS= read -r entry; do
  case "$entry" in
    */dev/lit/*|*/org/junit/*|*/org/opentest4j/*|*/org/apiguardian/*|"") ;;
    *) cp=$cp:$entry;;
  esac
done < <(tr ':' '\n' < "$cpfile")

# ---------------------------------------------------------------------- runs ---
runs=${LANE_RUNS:-root leaf}
for run in $runs; do
  case "$run" in root|leaf|hybrid) ;; *) say "LANE_RUNS: unknown run '$run' (root, leaf, hybrid)"; exit 2;; esac
done
for run in $runs; do
  rm -rf "${out:?}/$run"; mkdir -p "$out/$run"
  printf '%s\n' --disable-banner --disable-ansi-colors --details=testfeed --fail-if-no-tests \
    --class-path "$cp" --include-tag cgroup > "$out/$run/launcher.args"
  if [ -n "${LANE_TESTS:-}" ]; then
    for t in $LANE_TESTS; do printf '%s\n' --select-class "$t"; done
  elif [ "$run" = leaf ]; then
    # Lit's own placement in a leaf: the cgroup package's tests, less the two whose results do
    # not depend on where this JVM sits (their child JVMs place themselves; a measurement)
    printf '%s\n' --select-package dev.lit.linux.cgroup --exclude-classname '.*[.](StartLatencyTest|CgroupV2DelegationTest)'
  else
    printf '%s\n' --select-package dev.lit.linux
  fi >> "$out/$run/launcher.args"
done
export JAVA_HOME LANE_LAUNCHER_JAR=$jar

run_vm() { # run_vm NAME: one VM, its console kept in <run>/console.log
  local run=$1 leaf= layout=v2 rc=0
  case "$run" in
    root) ;;
    leaf) leaf=/ci.slice/run.scope;;
    hybrid) layout=hybrid;;
  esac
  # The guest sees the host's / read-only, but with fresh tmpfs at /tmp, /var/tmp, /run and
  # /dev/shm: a checkout below one of those (CI may clone there) is shared with the VM itself.
  local share="$repo/$out/$run"
  case "$repo/" in /tmp/*|/var/tmp/*|/run/*|/dev/shm/*) share=$repo;; esac
  ( export LIT_TEST_CGROUP_LEAF=$leaf VM_CGROUP=$leaf VM_CGROUP_LAYOUT=$layout
    VM_RW_DIRS="$share" VM_MEM=${LANE_MEM:-3072} VM_TIMEOUT=${LANE_TIMEOUT:-$([ "$run" = leaf ] && echo 180 || echo 300)} \
    VM_ENV="JAVA_HOME LANE_LAUNCHER_JAR LIT_TEST_CGROUP_LEAF" \
      "$lane/vm.sh" "exec $lane/guest.sh $run $repo/$out/$run $repo/$out/$run/launcher.args" ) \
    > "$out/$run/console.log" 2>&1 || rc=$?
  echo "$rc" > "$out/$run/vm.rc"
}
for run in $runs; do
  if [ "${LANE_PARALLEL:-0}" = 1 ]; then
    run_vm "$run" &
  else
    say "[$run] booting the VM"
    run_vm "$run"
    sed "s/^/[$run] /" "$out/$run/console.log"
  fi
done
if [ "${LANE_PARALLEL:-0}" = 1 ]; then
  wait
  for run in $runs; do sed "s/^/[$run] /" "$out/$run/console.log"; done
fi

# ------------------------------------------------------------------- summary ---
# Counts from each run's JUnit XML; a run without one failed as a whole.
total_pass=0 total_fail=0 total_skip=0 bad=0
for run in $runs; do
  xml=$out/$run/TEST-junit-jupiter.xml rc=$(cat "$out/$run/vm.rc" 2>/dev/null || echo 125)
  if [ ! -s "$xml" ]; then
    say "[$run] no test report (VM exit status $rc: 124 is a timeout, 125 a VM failure); see $out/$run/console.log"
    total_fail=$((total_fail + 1)); bad=1; continue
  fi
  suite=$(grep -m1 '<testsuite ' "$xml")
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<< "$suite"; }
  tests=$(attr tests) skipped=$(attr skipped) failures=$(attr failures) errors=$(attr errors)
  failed=$((failures + errors)) passed=$((tests - skipped - failures - errors))
  say "[$run] $passed passed, $failed failed, $skipped skipped (VM exit status $rc)"
  awk '/<testcase /{match($0, /name="[^"]*"/); n=substr($0, RSTART+6, RLENGTH-7); match($0, /classname="[^"]*"/); c=substr($0, RSTART+11, RLENGTH-12)}
       /<(failure|error)[ >]/{print "cgroup2-lane:   FAILED " c "." n}' "$xml"
  [ "$failed" -gt 0 ] && bad=1
  [ $((tests - skipped)) -gt 0 ] || { say "[$run] no test ran"; bad=1; }
  [ "$rc" = 0 ] || [ "$failed" -gt 0 ] || { say "[$run] the test JVM ended with status $rc"; bad=1; }
  [ -s "$out/$run/metrics.txt" ] && sed "s/^/cgroup2-lane: [$run] /" "$out/$run/metrics.txt"
  total_pass=$((total_pass + passed)) total_fail=$((total_fail + failed)) total_skip=$((total_skip + skipped))
done
say "wall time $(( $(date +%s) - start )) s; reports in $out/"
echo "cgroup2-lane: $total_pass passed, $total_fail failed, $total_skip skipped"
exit $bad
