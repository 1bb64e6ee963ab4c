#!/bin/sh
# shrink_image benchmark: an OCI image of busybox plus this host's apt lists and apt binary caches
# (real package-manager leftovers) and a duplicated directory; start-to-exit with shrink_image off
# and on, interleaved, then the sizes the slim job recorded. Root. Usage: sh bench/optimizer/shrink.sh [ROUNDS]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=$REPO/bench/out/optimizer; WORK=$OUT/shrink; rm -rf "$WORK"; mkdir -p "$WORK/rootfs/bin" "$WORK/layout/blobs/sha256"
cd "$REPO"
mvn -B -ntp -q -pl lit-linux -am compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
R=$WORK/rootfs
cp "$(command -v busybox)" "$R/bin/busybox"; for a in sh true cat ls; do ln -s busybox "$R/bin/$a"; done
mkdir -p "$R/etc" "$R/tmp" "$R/proc" "$R/dev" "$R/sys" "$R/var/lib/apt" "$R/var/cache/apt" "$R/usr/share"
echo 'root:x:0:0:root:/root:/bin/sh' > "$R/etc/passwd"
cp -a /var/lib/apt/lists "$R/var/lib/apt/"; cp -a /var/cache/apt/*.bin "$R/var/cache/apt/" 2>/dev/null || true
cp -a /usr/share/perl "$R/usr/share/perl-a" 2>/dev/null || true; cp -a /usr/share/perl "$R/usr/share/perl-b" 2>/dev/null || true
tar -C "$R" -cf "$WORK/layer.tar" .
diff=$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1); gzip -n -1 -c "$WORK/layer.tar" > "$WORK/layer.tgz"
dig=$(sha256sum "$WORK/layer.tgz" | cut -d' ' -f1); size=$(stat -c %s "$WORK/layer.tgz"); L=$WORK/layout
mv "$WORK/layer.tgz" "$L/blobs/sha256/$dig"; echo '{"imageLayoutVersion":"1.0.0"}' > "$L/oci-layout"
printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["/bin/true"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$diff" > "$WORK/c.json"
cdig=$(sha256sum "$WORK/c.json" | cut -d' ' -f1); csize=$(stat -c %s "$WORK/c.json"); mv "$WORK/c.json" "$L/blobs/sha256/$cdig"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' "$cdig" "$csize" "$dig" "$size" > "$WORK/m.json"
mdig=$(sha256sum "$WORK/m.json" | cut -d' ' -f1); msize=$(stat -c %s "$WORK/m.json"); mv "$WORK/m.json" "$L/blobs/sha256/$mdig"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bench"}}]}' "$mdig" "$msize" > "$L/index.json"
rm -f "$WORK/layer.tar"; rm -rf "$R"
CP=$REPO/lit-core/target/classes:$REPO/lit-linux/target/classes:$(cat "$OUT/cp.txt")
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dlit.root="$WORK/root" -cp "$CP" "$HERE/ShrinkBench.java" "oci:$L:bench" "${1:-15}" | tee "$OUT/shrink.md"
# the aggressive level on the same image (after the standard figures: same store)
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dlit.root="$WORK/root" -cp "$CP" "$HERE/AggressiveShrinkBench.java" "oci:$L:bench" | tee -a "$OUT/shrink.md"
