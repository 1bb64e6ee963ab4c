#!/bin/sh
# Image pull benchmark: pull and unpack a ~100 MB, 5-layer image from a registry on loopback.
#   Lit:      a small Java main calling Images.pull (download, verify, unpack into Lit's store)
#   peers:    skopeo copy docker://... oci:DIR  followed by  umoci unpack
# One run: interleaved rounds of hyperfine timing both, fresh stores each time (--prepare), medians and ratio printed.
# Needs: docker-registry skopeo umoci hyperfine (apt-get install docker-registry skopeo umoci hyperfine),
# lit-linux installed in ~/.m2 (mvn -pl lit-core,lit-linux install -DskipTests), root (whiteouts need mknod).
set -eu
RUNS=${RUNS:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-/tmp/lit-bench-pull}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
JAVAC=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/javac
mkdir -p "$WORK"

# 1. the image: five gzip layers of real files from this host, built once and cached
LAYOUT=$WORK/layout
if [ ! -f "$LAYOUT/index.json" ]; then
  rm -rf "$LAYOUT"; mkdir -p "$LAYOUT/blobs/sha256"
  echo '{"imageLayoutVersion":"1.0.0"}' > "$LAYOUT/oci-layout"
  layers=""; diffs=""
  for d in usr/lib/python3.11 usr/lib/python3 usr/libexec usr/lib/jvm/java-17-openjdk-amd64/lib usr/share/perl; do
    [ -d "/$d" ] || continue
    tar -C / -cf "$WORK/layer.tar" "$d"
    diff=$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)
    gzip -n -6 -c "$WORK/layer.tar" > "$WORK/layer.tgz"
    dig=$(sha256sum "$WORK/layer.tgz" | cut -d' ' -f1)
    size=$(stat -c %s "$WORK/layer.tgz")
    mv "$WORK/layer.tgz" "$LAYOUT/blobs/sha256/$dig"
    layers="$layers${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$dig\",\"size\":$size}"
    diffs="$diffs${diffs:+,}\"sha256:$diff\""
  done
  rm -f "$WORK/layer.tar"
  printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["/bin/sh"]},"rootfs":{"type":"layers","diff_ids":[%s]}}' "$diffs" > "$WORK/config.json"
  cdig=$(sha256sum "$WORK/config.json" | cut -d' ' -f1); csize=$(stat -c %s "$WORK/config.json")
  mv "$WORK/config.json" "$LAYOUT/blobs/sha256/$cdig"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' "$cdig" "$csize" "$layers" > "$WORK/manifest.json"
  mdig=$(sha256sum "$WORK/manifest.json" | cut -d' ' -f1); msize=$(stat -c %s "$WORK/manifest.json")
  mv "$WORK/manifest.json" "$LAYOUT/blobs/sha256/$mdig"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bench"}}]}' "$mdig" "$msize" > "$LAYOUT/index.json"
fi
IMAGE_MB=$(du -sm "$LAYOUT/blobs" | cut -f1)

# 2. the registry, on a free loopback port
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
REG=$WORK/registry; rm -rf "$REG"; mkdir -p "$REG"
cat > "$REG/config.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $REG/data}}
http: {addr: 127.0.0.1:$PORT, secret: bench}
YML
docker-registry serve "$REG/config.yml" > "$REG/log" 2>&1 &
REGPID=$!
trap 'kill $REGPID 2>/dev/null; wait $REGPID 2>/dev/null || true' EXIT
for i in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/v2/" >/dev/null && break; sleep 0.1; done
REF=127.0.0.1:$PORT/bench/img:1
skopeo copy -q --dest-tls-verify=false "oci:$LAYOUT:bench" "docker://$REF"

# 3. Lit's side: a tiny main on lit-linux's class path
CP=$(cd "$REPO" && mvn -q -o -pl lit-linux dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime 2>/dev/null)
LIT_JAR=${LIT_JAR:-$HOME/.m2/repository/dev/lit/lit-linux/0.1.0-SNAPSHOT/lit-linux-0.1.0-SNAPSHOT.jar}
mkdir -p "$WORK/lib"; cp "$LIT_JAR" "$WORK/lib/lit-linux.jar"   # a private copy: concurrent builds replace the one in ~/.m2
CP="$WORK/lib/lit-linux.jar:$CP"
mkdir -p "$WORK/classes"
"$JAVAC" -d "$WORK/classes" -cp "$CP" "$HERE/PullBench.java"
LIT="$JAVA --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp $WORK/classes:$CP PullBench $WORK/lit-root $REF"

# 4. one run: ROUNDS rounds, each a hyperfine invocation timing both commands once (lit, then the peers),
#    so that both see the same machine load; medians over the rounds
ROUNDS=$RUNS
i=0
while [ $i -lt "$ROUNDS" ]; do
  i=$((i + 1))
  hyperfine --runs 1 --style basic --export-json "$WORK/round-$i.json" \
    --prepare "rm -rf $WORK/lit-root $WORK/oci $WORK/bundle; sync" \
    -n lit "$LIT" \
    -n skopeo+umoci "skopeo copy -q --src-tls-verify=false docker://$REF oci:$WORK/oci:img && umoci unpack --image $WORK/oci:img $WORK/bundle" \
    > "$WORK/round-$i.txt"
done

python3 - "$WORK" "$ROUNDS" "$IMAGE_MB" <<'PY'
import json, statistics, sys, os
work, rounds, mb = sys.argv[1], int(sys.argv[2]), sys.argv[3]
times = {"lit": [], "skopeo+umoci": []}
for i in range(1, rounds + 1):
    for r in json.load(open(os.path.join(work, f"round-{i}.json")))["results"]:
        times[r["command"]].append(r["times"][0])
lit = statistics.median(times["lit"]); peer = statistics.median(times["skopeo+umoci"])
print(f"image: {mb} MB compressed, 5 gzip layers; {rounds} interleaved rounds; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
print("lit runs (s):          " + " ".join(f"{t:.2f}" for t in times["lit"]))
print("skopeo+umoci runs (s): " + " ".join(f"{t:.2f}" for t in times["skopeo+umoci"]))
print(f"lit median:            {lit*1000:.0f} ms")
print(f"skopeo+umoci median:   {peer*1000:.0f} ms")
print(f"ratio (peer/lit):      {peer/lit:.2f}x")
PY
