#!/bin/sh
# Builds the post-clone helper as a static binary: it must run without the host's (or
# the container's) shared libraries, since it keeps running after pivot_root.
set -eu
out=$1
here=$(dirname "$0")
mkdir -p "$(dirname "$out")"
${CC:-cc} -std=gnu11 -static -Os -Wall -Wextra -Werror -o "$out" "$here"/*.c
strip "$out" 2>/dev/null || true
