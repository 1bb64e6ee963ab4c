#!/bin/sh
# Runs a command in a private mount namespace whose /sys/fs/cgroup holds only the host's
# cgroup v1 hierarchies, re-bound on a small tmpfs, so that crun 1.8 (which refuses a
# hybrid v1/v2 layout) runs. Nothing changes outside this namespace: the new namespace is
# created with private propagation, so no mount made here reaches the host, and all of
# them vanish with the namespace when the command exits.
#   usage: in-cgroup-v1-view.sh COMMAND [ARG...]
set -eu
if [ "${LIT_BENCH_IN_PRIVATE_NS:-}" != 1 ]; then
  LIT_BENCH_IN_PRIVATE_NS=1 exec unshare --mount --propagation private -- "$0" "$@"
fi
unset LIT_BENCH_IN_PRIVATE_NS
view=$(mktemp -d /tmp/lit-bench-cgroup-view.XXXXXX)
# On failure, remove the temporary directory (the mounts go with the namespace).
trap 'umount -R "$view" 2>/dev/null || true; rmdir "$view" 2>/dev/null || true' EXIT
mount -t tmpfs -o size=64k,mode=755 lit-bench-cgroups "$view"
findmnt -rn -t cgroup -o TARGET | while read -r target; do
  name=${target#/sys/fs/cgroup/}
  mkdir -p "$view/$name"
  mount --bind "$target" "$view/$name"
done
mount --move "$view" /sys/fs/cgroup
rmdir "$view"
trap - EXIT
exec "$@"
