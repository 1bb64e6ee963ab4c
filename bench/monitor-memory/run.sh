#!/bin/sh
# Host memory of the process that supervises a detached container: Lit's monitor (lit-helper in
# monitor mode) against Podman's conmon, both holding a "sleep 600" container on the same busybox
# rootfs, measured in the same run. Prints Rss and Pss (proportional set size: shared pages
# divided among their users) per supervisor, the medians of N containers each. As root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
n=${N:-5}
out=$repo/bench/out/monitor-memory
mkdir -p "$out"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH=$JAVA_HOME/bin:$PATH
export LIT_STATE_DIR=$out/state

if [ ! -x "$out/rootfs/bin/busybox" ]; then
    rm -rf "$out/rootfs"
    mkdir -p "$out/rootfs/bin" "$out/rootfs/etc" "$out/rootfs/proc" "$out/rootfs/dev" "$out/rootfs/sys" "$out/rootfs/tmp"
    cp /bin/busybox "$out/rootfs/bin/busybox"
    for a in sh sleep true; do ln -sf busybox "$out/rootfs/bin/$a"; done
    echo "root:x:0:0:root:/root:/bin/sh" > "$out/rootfs/etc/passwd"
fi
(cd "$repo" && mvn -B -ntp -q -pl lit-linux -am compile dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" >/dev/null)
cp="$repo/lit-core/target/classes:$repo/lit-linux/target/classes:$(cat "$out/cp.txt")"

# Rss and Pss in KiB of one process, from smaps_rollup
mem() { awk '/^Rss:/{r=$2} /^Pss:/{p=$2} END{print r, p}' "/proc/$1/smaps_rollup"; }
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

ids=""
pods=""
cleanup() {
    [ -z "$ids" ] || java --enable-native-access=ALL-UNNAMED -cp "$cp" "$here/DetachMany.java" rm $ids
    [ -z "$pods" ] || podman $podman_flags rm -f -t 0 $pods >/dev/null
    rm -rf "$LIT_STATE_DIR"
}
trap cleanup EXIT
# crun refuses this hybrid cgroup host (see host-facts): Podman runs runc here
podman_flags="--cgroup-manager cgroupfs --events-backend file --runtime runc"

ids=$(java --enable-native-access=ALL-UNNAMED -cp "$cp" "$here/DetachMany.java" "$n" "$out/rootfs")
: > "$out/lit.txt"
for pid in $(pgrep -x lit-monitor); do
    if ls -l "/proc/$pid/fd" 2>/dev/null | grep -q "$LIT_STATE_DIR"; then mem "$pid" >> "$out/lit.txt"; fi
done

run_flags="--network none --ulimit nofile=1024:1024 --ulimit nproc=4096:4096"
for i in $(seq "$n"); do
    pods="$pods $(podman $podman_flags run -d $run_flags --rootfs "$out/rootfs" /bin/sleep 600)"
done
: > "$out/conmon.txt"
for c in $pods; do
    pid=$(podman $podman_flags inspect --format '{{.State.ConmonPid}}' "$c")
    mem "$pid" >> "$out/conmon.txt"
done

cleanup
ids=""
pods=""

# Start latency, same run: Lit embedded (warm JVM) and podman run -d, each until the command runs.
java --enable-native-access=ALL-UNNAMED -cp "$cp" "$here/StartTimes.java" "$out/rootfs" 20 > "$out/lit-start.txt"
: > "$out/podman-start.txt"
for i in $(seq 10); do
    t0=$(date +%s%N)
    pods="$pods $(podman $podman_flags run -d $run_flags --rootfs "$out/rootfs" /bin/sleep 600)"
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) >> "$out/podman-start.txt"
done
cleanup
pods=""

printf '| start until the command runs | median ms |\n| --- | --- |\n'
awk '{printf "| Lit.%s (embedded, warm JVM) | %s |\n", ($1 == "detached" ? "startDetached" : "start (attached)"), $2}' "$out/lit-start.txt"
awk -v m="$(median < "$out/podman-start.txt")" 'BEGIN{printf "| podman run -d (runc) | %.1f |\n\n", m/1000}'
printf '| supervisor | Rss MiB (median of %s) | Pss MiB (median) |\n| --- | --- | --- |\n' "$n"
for who in lit conmon; do
    r=$(cut -d' ' -f1 "$out/$who.txt" | median)
    p=$(cut -d' ' -f2 "$out/$who.txt" | median)
    name=$([ "$who" = lit ] && echo "Lit monitor (lit-helper)" || echo "Podman conmon $(conmon --version | head -1 | awk '{print $3}')")
    awk -v n="$name" -v r="$r" -v p="$p" 'BEGIN{printf "| %s | %.2f | %.2f |\n", n, r/1024, p/1024}'
done
