#!/usr/bin/env bash
# Where embedded Lit's start time goes. Runs /bin/true containers back to back (or with idle
# time before each) in one warm JVM, prints the start / wait / close split, and times Lit's
# internal steps with JFR method timing (JDK 25, JEP 520), which instruments the named methods
# without changing Lit's code. Run bench/start-latency/run.sh first (it builds what this uses).
#
#   bench/start-latency/phases.sh [RUNS] [init|direct] [IDLE-MS]     defaults: 500 init 0
#
# The method list names Lit's internal classes; a method that no longer exists shows 0 calls.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=$repo/bench/out/start-latency
jmh=$repo/bench/jmh
runs=${1:-500} mode=${2:-init} idle=${3:-0}
source "$repo/.ci/find-java.sh"
[ "$(id -u)" = 0 ] || { echo "phases.sh: run as root" >&2; exit 1; }
[ -d "$jmh/target/lib" ] || (cd "$jmh" && mvn -q -B package >&2)
[ -x "$out/rootfs/bin/true" ] || "$here/make-rootfs.sh" "$out/rootfs"

methods=(
  dev.lit.linux.Launcher::launch
  dev.lit.linux.state.StateRoot::newContainer
  dev.lit.linux.state.ContainerDirectory::save
  dev.lit.linux.rootfs.RootfsLayout::createIn
  dev.lit.linux.rootfs.RootfsPlanner::'<init>'
  dev.lit.linux.cgroup.CgroupManager::create
  dev.lit.linux.ContainerPlanner::plan
  dev.lit.linux.stdio.StdioConnection::open
  dev.lit.linux.Launcher::spawn
  dev.lit.linux.process.Spawner::spawn
  dev.lit.linux.ffm.Libc::posixSpawn
  dev.lit.linux.process.ReportReader::next
  dev.lit.linux.ffm.Libc::waitpid
  dev.lit.linux.ffm.Libc::pidfdOpen
  dev.lit.linux.state.ProcessIdentity::of
  dev.lit.linux.stdio.StdioConnection::startPumps
  dev.lit.linux.LinuxContainer::waitFor
  dev.lit.linux.LinuxContainer::close
  dev.lit.linux.stdio.StdioConnection::awaitDrained
  dev.lit.linux.cgroup.ContainerCgroup::remove
  dev.lit.linux.state.ContainerDirectory::delete
  dev.lit.linux.cgroup.CgroupManager::removeEmptyParents
)
filter=$(IFS=';'; echo "${methods[*]}")
mkdir -p "$out"
jfr=$out/phases-$mode-idle$idle.jfr
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  "-XX:StartFlightRecording:method-timing=$filter,filename=$jfr" -Xlog:jfr+startup=error \
  -cp "$jmh/target/classes:$jmh/target/lib/*" dev.lit.bench.StartPhases "$out/rootfs" "$runs" "$mode" "$idle"
echo
echo "JFR method timing over all runs, warm-up included (averages include outliers; compare minimums too):"
"$JAVA_HOME/bin/jfr" view --width 160 method-timing "$jfr" | sed -e 's/dev\.lit\.linux\.//' | grep -v '^ *$'
