#!/bin/sh
# Published-port benchmark (bulk TCP and request/response), one run, three paths:
#   Lit's published port (127.0.0.1, the JVM proxy), the Lit container's own bridge address,
#   and Podman's published port (podman run --network bridge -p, runc, same busybox rootfs).
# Needs: root, busybox-static, podman + runc; the reactor built (mvn -pl lit-linux -am package -DskipTests
# or test-compile; no install). ROUNDS=5 by default.
set -eu
ROUNDS=${ROUNDS:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-/tmp/lit-bench-net}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
ROOTFS=$WORK/rootfs
rm -rf "$ROOTFS"; mkdir -p "$ROOTFS/bin" "$ROOTFS/etc" "$ROOTFS/proc" "$ROOTFS/dev" "$ROOTFS/sys" "$ROOTFS/tmp"
cp /bin/busybox "$ROOTFS/bin/busybox"; ln -s busybox "$ROOTFS/bin/sh"
CP=$REPO/lit-core/target/classes:$REPO/lit-linux/target/classes:$(find ~/.m2/repository/org/jspecify -name '*.jar' | head -1)

PODMAN="podman --cgroup-manager cgroupfs --events-backend file --runtime runc"
PB=${PODMAN_BULK_PORT:-25001}; PR=${PODMAN_RR_PORT:-27000}
SERVERS="busybox nc -ll -p 5001 -e busybox dd if=/dev/zero bs=65536 count=16384 2>/dev/null & exec busybox nc -ll -p 7000 -e busybox cat"
CID=$($PODMAN run -d --rm --network bridge -p 127.0.0.1:$PB:5001 -p 127.0.0.1:$PR:7000 \
  --ulimit nofile=1024:1024 --ulimit nproc=4096:4096 --rootfs "$ROOTFS:O" /bin/sh -c "$SERVERS")
trap '$PODMAN rm -f -t 0 "$CID" >/dev/null 2>&1 || true' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" "$HERE/NetBench.java" "$ROOTFS" "$ROUNDS" "$PB" "$PR"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
