#!/usr/bin/env bash
# Runs lit-linux's tests tagged "rootless" as an unprivileged user (created if missing, with
# /etc/subuid and /etc/subgid ranges from useradd), with classes the caller built as root.
# Needs root. Exits non-zero when a test fails or when none ran.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/find-java.sh
user=${LIT_ROOTLESS_USER:-litci}
[ "$(id -u)" = 0 ] || { echo "rootless-lane: needs root (it creates the test user)" >&2; exit 2; }
id "$user" >/dev/null 2>&1 || useradd -m "$user"
if ! command -v newuidmap >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends uidmap >/dev/null
fi

# The user cannot read root's Maven repository or maybe this checkout: copy what it needs.
lane=$(mktemp -d /tmp/lit-rootless-lane.XXXXXX)
trap 'rm -rf "$lane"' EXIT
mkdir -p "$lane/lib"
mvn -q -B -ntp -pl lit-linux dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$lane/lib"
mvn -q -B -ntp dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:6.1.3 -DoutputDirectory="$lane"
cp -r lit-core/target/classes "$lane/core"
cp -r lit-linux/target/classes "$lane/linux"
cp -r lit-linux/target/test-classes "$lane/tests"
chmod -R a+rX "$lane"

echo "rootless-lane: running the rootless tests as $user"
runuser -u "$user" -- env HOME="/home/$user" XDG_RUNTIME_DIR= "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -jar "$lane"/junit-platform-console-standalone-*.jar execute --disable-banner --details=summary --fail-if-no-tests \
  --class-path "$lane/core:$lane/linux:$lane/tests:$(ls "$lane"/lib/*.jar | tr '\n' ':')" \
  --select-package dev.lit.linux --include-tag rootless
