# Sourced by ./lit and ./run-tests: sets JAVA_HOME to a JDK 25 or newer and puts it first on PATH.
# Lit's API needs Java 22+ (FFM); the build targets release 25. The version comes from the JDK's
# release file: starting a JVM just to ask would cost every ./lit call ~60 ms.
lit_java_version() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}
lit_find_java() {
  local candidate v
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    v=$(lit_java_version "$candidate")
    if [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}
if ! JAVA_HOME=$(lit_find_java); then
  echo "lit: no JDK 25 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "     Install one (for example Temurin 25) or point JAVA_HOME at it." >&2
  exit 125
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
