#!/usr/bin/env bash
# Start-latency benchmark: start to exit of /bin/true in a busybox-static rootfs, for embedded
# Lit (JMH, warm JVM), the lit command, crun, runc and bwrap, in one run; prints medians and
# ratios against crun measured in the same run. See BENCHMARKS.md.
#
#   bench/start-latency/run.sh [--quick] [--rounds N] [--no-build] [--no-idle]
#
#   --quick     one short round: a smoke test, not figures to record
#   --rounds N  repeat every case N times in turn and pool the samples (default 3)
#   --no-build  do not rebuild Lit: use the Lit artifacts already in ~/.m2
#   --no-idle   only the back-to-back ("hot") cases
#
# Needs root (the containers are rootful), Debian's crun, runc, bubblewrap, busybox-static,
# hyperfine and jq (installed with apt-get when missing), and a JDK 25. Everything it makes is
# under bench/out/start-latency/; each run's raw data and table go to results/<time>/ there.
set -euo pipefail

quick=0 build=1 idle=1 rounds=3
while [ $# -gt 0 ]; do
  arg=$1; shift
  case $arg in
    --quick) quick=1 rounds=1 ;;
    --rounds) rounds=${1:?--rounds needs a number}; shift ;;
    --no-build) build=0 ;;
    --no-idle) idle=0 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done
[ "$rounds" -ge 1 ] 2>/dev/null || { echo "run.sh: --rounds needs a number of 1 or more" >&2; exit 2; }

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=$repo/bench/out/start-latency
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results=$out/results/$stamp
rootfs=$out/rootfs
bundles=$out/bundles
jmh=$repo/bench/jmh
crun_id=lit-bench-crun-$$
tmpfs_state=
runc_id=lit-bench-runc-$$

if [ "$(id -u)" != 0 ]; then
  echo "run.sh: run as root: the containers measured here (Lit's, crun's, runc's) are rootful" >&2
  exit 1
fi
source "$repo/.ci/find-java.sh"

# ---------------------------------------------------------------- tools
need=()
for pair in crun:crun runc:runc bwrap:bubblewrap hyperfine:hyperfine jq:jq unshare:util-linux findmnt:util-linux; do
  command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
done
static_busybox() {
  local b
  for b in /bin/busybox /usr/bin/busybox; do
    [ -x "$b" ] && case $(LC_ALL=C ldd "$b" 2>&1 || true) in *"not a dynamic"*) return 0 ;; esac
  done
  return 1
}
static_busybox || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing missing packages: ${need[*]}" >&2
  apt-get -o DPkg::Lock::Timeout=300 install -y -q "${need[@]}" >&2 \
    || { apt-get -o DPkg::Lock::Timeout=300 update -q >&2 && apt-get -o DPkg::Lock::Timeout=300 install -y -q "${need[@]}" >&2; }
fi

# ---------------------------------------------------------------- build
if [ $build = 1 ]; then
  echo "== building Lit (mvn -DskipTests install)" >&2
  (cd "$repo" && mvn -q -B -DskipTests install >&2)
fi
# The JMH project against the Lit artifacts in the local repository (its target/lib is refreshed).
echo "== building the JMH project (bench/jmh)" >&2
(cd "$jmh" && mvn -q -B package >&2)
cp_jmh="$jmh/target/classes:$jmh/target/lib/*"

# ---------------------------------------------------------------- rootfs and bundles
echo "== preparing $rootfs and the crun/runc bundles" >&2
mkdir -p "$out" "$results"
rm -rf "$bundles"
"$here/make-rootfs.sh" "$rootfs"

# Each runtime's own default config, with the command, no terminal, a writable root, and a
# cgroup namespace added so that both have exactly Lit's namespaces: pid, mount, uts, ipc,
# network and cgroup.
for rt in crun runc; do
  mkdir -p "$bundles/$rt"
  (cd "$bundles/$rt" && "$rt" spec)
  jq --arg root "$rootfs" '
      .root = {path: $root, readonly: false}
    | .process.terminal = false
    | .process.args = ["/bin/true"]
    | .linux.namespaces |= (if any(.[]; .type == "cgroup") then . else . + [{type: "cgroup"}] end)
    ' "$bundles/$rt/config.json" > "$bundles/$rt/config.json.new"
  mv "$bundles/$rt/config.json.new" "$bundles/$rt/config.json"
done

v1view=$here/in-cgroup-v1-view.sh
cleanup() {
  runc delete -f "$runc_id" >/dev/null 2>&1 || true
  "$v1view" crun delete -f "$crun_id" >/dev/null 2>&1 || true
  [ -z "${tmpfs_state:-}" ] || rm -rf "$tmpfs_state"
}
trap cleanup EXIT

crun_cmd="crun run --bundle $bundles/crun $crun_id"
runc_cmd="runc run --bundle $bundles/runc $runc_id"
bwrap_cmd="bwrap --unshare-all --ro-bind $rootfs / --proc /proc --dev /dev /bin/true"
lit_cmd="$repo/lit run --rm dir:$rootfs /bin/true"
# What ./lit executes once it has found Java and checked that its build is current.
jvm_flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
# Run from a copy of the CLI's jars, so that a rebuild by someone else during the run cannot
# change or break what is measured.
cli_lib=$out/lit-cli-lib
rm -rf "$cli_lib"
[ -d "$repo/lit-cli/target/lib" ] && cp -r "$repo/lit-cli/target/lib" "$cli_lib"
lit_java_cmd="$JAVA_HOME/bin/java --enable-native-access=dev.lit.linux $jvm_flags -p $cli_lib -m dev.lit.cli/dev.lit.cli.Main run --rm dir:$rootfs /bin/true"
jvm_cmd="$JAVA_HOME/bin/java $jvm_flags -cp $jmh/target/classes dev.lit.bench.Noop"
grep -q -- "$jvm_flags" "$repo/lit" || echo "== note: ./lit no longer uses '$jvm_flags': update lit_java_cmd in $0" >&2

# Check every command once before timing anything.
"$rootfs/bin/true"
$bwrap_cmd
$runc_cmd
"$v1view" $crun_cmd
lit_ok=1
if ! lit_err=$($lit_java_cmd 2>&1); then
  lit_ok=0
  echo "== the lit command does not work yet, so it is not measured in this run:" >&2
  printf '%s\n' "$lit_err" | tail -5 | sed 's/^/   /' >&2
fi

# ---------------------------------------------------------------- environment
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "host: $(uname -srm), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "cgroups: $(findmnt -rn -t cgroup -o TARGET | wc -l) v1 hierarchies, cgroup2 at $(findmnt -rn -t cgroup2 -o TARGET | tr '\n' ' ')"
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)"
  echo "crun: $(crun --version | head -1); runc: $(runc --version | head -1); $(bwrap --version); hyperfine: $(hyperfine --version)"
  echo "lit: $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null)$(cd "$repo" && [ -n "$(git status --porcelain -- lit-core lit-linux lit-cli 2>/dev/null)" ] && echo ' (with uncommitted changes)')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$results/environment.txt"
cat "$results/environment.txt" >&2
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "== warning: load average $load on $(nproc) CPUs: other work competes with the benchmark; expect noisy figures" >&2
fi

# ---------------------------------------------------------------- measure
# The cases run in rounds, each round all of them in turn, and the table pools the rounds: on
# a shared machine the background load drifts, and rounds spread that drift over all cases.
if [ $quick = 1 ]; then
  hot_runs=30 idle_runs=10 cmd_runs=10 warm=5
  jmh_hot=(-wi 2 -w 1 -i 2 -r 1) jmh_idle=(-wi 1 -w 1 -i 1 -r 2)
else
  hot_runs=100 idle_runs=35 cmd_runs=40 warm=10
  jmh_hot=(-wi 3 -w 1 -i 4 -r 1) jmh_idle=(-wi 1 -w 2 -i 2 -r 3)
fi

hf() { # hf NAME [hyperfine options and commands]: results to $results/NAME.json
  local name=$1; shift
  hyperfine -N --style basic --export-json "$results/$name.json" "$@" >&2
}
hf_v1() { # the same in the private mount namespace with a v1-only /sys/fs/cgroup (for crun)
  local name=$1; shift
  "$v1view" hyperfine -N --style basic --export-json "$results/$name.json" "$@" >&2
}
jmh_run() { # jmh_run NAME REGEX [JMH options]
  local name=$1 regex=$2; shift 2
  LIT_BENCH_ROOTFS=$rootfs "$JAVA_HOME/bin/java" -cp "$cp_jmh" org.openjdk.jmh.Main "$regex" \
    -rf json -rff "$results/$name.json" "$@" > "$results/$name.log" 2>&1 \
    || { tail -40 "$results/$name.log" >&2; echo "run.sh: JMH failed (log: $results/$name.log)" >&2; exit 1; }
  sed -n '/^Benchmark /,$p' "$results/$name.log" | grep -E '^Benchmark |p0\.50' >&2 || true
}

# Lit's state directory (writable layers, state files) lives in /run, usually a tmpfs; on
# this kind of host /run is on the ext4 root. If so, the default cases run a second time with
# every runtime's state on tmpfs (LIT_STATE_DIR, crun --root, runc --root).
fstype() { findmnt -rn -o FSTYPE -T "$1" 2>/dev/null | tail -1; }
tmpfs_state=
if [ "$(fstype /run)" != tmpfs ]; then
  for d in /dev/shm /run/shm; do
    if [ "$(fstype "$d")" = tmpfs ]; then tmpfs_state=$d/lit-bench-state-$$; break; fi
  done
fi

for round in $(seq 1 "$rounds"); do
  echo "== round $round of $rounds: back to back (hot)" >&2
  hf_v1 crun-hot-r$round --warmup $warm --runs $hot_runs -n "crun run" "$crun_cmd"
  jmh_run jmh-hot-r$round 'dev.lit.bench.StartLatency.hot$' "${jmh_hot[@]}"
  hf peers-hot-r$round --warmup $warm --runs $hot_runs \
    -n "spawn /bin/true (no container)" "$rootfs/bin/true" \
    -n "bwrap" "$bwrap_cmd" \
    -n "runc run" "$runc_cmd"
  if [ -n "$tmpfs_state" ]; then
    echo "== round $round of $rounds: state on tmpfs, hot" >&2
    mkdir -p "$tmpfs_state/lit" "$tmpfs_state/crun" "$tmpfs_state/runc"
    hf_v1 crun-tmpfs-r$round --warmup $warm --runs $hot_runs \
      -n "crun run, state on tmpfs" "crun --root $tmpfs_state/crun run --bundle $bundles/crun $crun_id"
    LIT_STATE_DIR=$tmpfs_state/lit jmh_run jmh-tmpfs-r$round 'dev.lit.bench.StartLatency.hot$' \
      -p init=true,false -p stdio=discard "${jmh_hot[@]}"
    hf peers-tmpfs-r$round --warmup $warm --runs $hot_runs \
      -n "runc run, state on tmpfs" "runc --root $tmpfs_state/runc run --bundle $bundles/runc $runc_id"
    rm -rf "$tmpfs_state"
  fi
  if [ $idle = 1 ]; then
    echo "== round $round of $rounds: 100 ms idle before each start" >&2
    hf_v1 crun-idle-r$round --prepare "sleep 0.1" --runs $idle_runs -n "crun run" "$crun_cmd"
    jmh_run jmh-idle-r$round 'dev.lit.bench.StartLatency.afterIdle$' "${jmh_idle[@]}"
    hf peers-idle-r$round --prepare "sleep 0.1" --runs $idle_runs \
      -n "bwrap" "$bwrap_cmd" \
      -n "runc run" "$runc_cmd"
  fi
done

echo "== the lit command and a bare JVM" >&2
lit_cases=(-n "java, empty main (lit's JVM flags)" "$jvm_cmd")
[ $lit_ok = 1 ] && lit_cases+=(-n "lit run --rm (java -m, as ./lit runs it)" "$lit_java_cmd")
if ! hf commands-r1 --warmup 3 --runs $cmd_runs "${lit_cases[@]}"; then
  rm -f "$results/commands-r1.json"
  lit_ok=0
  echo "== the lit command failed during the run: not measured" >&2
fi
# The ./lit script itself: it also finds Java and checks that its build is current. It
# rebuilds when a source file changed, so while someone edits the tree this one can fail.
wrapper_note=
if [ $lit_ok = 1 ] && ! hf wrapper-r1 --warmup 3 --runs $cmd_runs -n "lit run --rm (./lit script)" "$lit_cmd"; then
  rm -f "$results/wrapper-r1.json"
  wrapper_note="(./lit was not measured: it failed or rebuilt during the run, as it does when sources change under it)"
  echo "== $wrapper_note" >&2
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/environment.txt"

# ---------------------------------------------------------------- table
echo "rounds: $rounds" >> "$results/environment.txt"
echo
"$here/table.sh" "$results"
[ $lit_ok = 1 ] || echo "(the lit command was not measured: it did not work in this tree)"
[ -z "$wrapper_note" ] || echo "$wrapper_note"
