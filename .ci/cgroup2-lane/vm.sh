#!/bin/bash
# vm.sh - run one command as root inside a throw-away QEMU VM whose only cgroup hierarchy is
# cgroup v2 (cgroup_no_v1=all), with the host's / shared read-only over virtio-9p. Prints the
# command's output (stdout+stderr merged, streamed from a serial port) and exits with its status.
#
#   .ci/cgroup2-lane/vm.sh 'cat /sys/fs/cgroup/cgroup.controllers'
#   VM_CGROUP=/ci.slice/run.scope .ci/cgroup2-lane/vm.sh 'cat /proc/self/cgroup'
#
# Exit status: the command's; 124 when VM_TIMEOUT ran out; 125 on a setup failure or a guest
# panic (the kernel console's tail is printed on stderr).
# Needs (Debian 12): qemu-system-x86 linux-image-amd64 busybox-static cpio; run.sh installs them.
# (linux-image-cloud-amd64 does not work: it is built without 9p.)
#
# Settings (environment, all optional):
#   VM_RW_DIRS   colon-separated host dirs shared read-write, mounted at the same path in the guest
#   VM_CGROUP    cgroup (such as /ci.slice/run.scope) to start the command in, as systemd starts a
#                service in a leaf; every ancestor delegates all controllers. Default: the root.
#   VM_CGROUP_LAYOUT  v2 (default: cgroup v2 only, cgroup_no_v1=all) or hybrid (v1 cpu,cpuacct,
#                memory and pids hierarchies plus cgroup2 at /sys/fs/cgroup/unified, as systemd's
#                hybrid mode; for comparing the v1 path on the same kernel; VM_CGROUP is ignored)
#   VM_ENV       space-separated names of host variables to pass to the command
#   VM_MEM       guest RAM in MiB (default 2048)      VM_CPUS  vCPUs (default: host cores, at most 4)
#   VM_TIMEOUT   seconds before the VM is killed (default 900)
#   VM_ACCEL     auto|kvm|tcg (default auto: kvm when /dev/kvm works and is not a PVM host)
#   VM_KERNEL    a vmlinuz (default: the newest /boot/vmlinuz-* whose modules have 9pnet_virtio)
#   VM_CMDLINE   extra kernel command line            VM_DEBUG=1  print the kernel console after
#   VM_CACHE     where the initramfs and unpacked vmlinux are cached (default /var/tmp/lit-cgroup2-lane)
#
# Inside the guest: / is the host's / (9p, read-only); /tmp, /var/tmp, /run and /dev/shm are
# fresh tmpfs (the host's /tmp is not visible); tracefs is at /sys/kernel/tracing; the command
# starts in the host's $PWD with PATH, HOME=/root, LANG=C.UTF-8. PID 1 is a busybox sh that stays
# in the root cgroup, so a command started in VM_CGROUP is alone there once it execs.
# Derived from shared/tools/cgroup2-vm/run-in-vm.sh, whose README records how it was measured.
set -euo pipefail

die() { echo "vm.sh: $*" >&2; exit 125; }
[ $# -ge 1 ] || die "usage: $0 'command string' | $0 cmd arg..."
if [ $# -eq 1 ]; then CMD=$1; else CMD=$(printf '%q ' "$@"); fi

[ "$(id -u)" = 0 ] || die "must run as root (qemu exports / with security_model=none)"
QEMU=$(command -v qemu-system-x86_64) || die "apt-get install qemu-system-x86"
BUSYBOX=/bin/busybox
# (a here-string, not a pipe: under pipefail, grep -q may end busybox with SIGPIPE)
[ -x "$BUSYBOX" ] && grep -qx insmod <<< "$("$BUSYBOX" --list)" || die "apt-get install busybox-static"
command -v cpio >/dev/null || die "apt-get install cpio"

# ---------------------------------------------------------------- kernel ---
if [ -n "${VM_KERNEL:-}" ]; then
  KERNEL=$VM_KERNEL; KVER=${KERNEL##*/vmlinuz-}
else
  KERNEL=
  for k in $(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V -r); do
    v=${k##*/vmlinuz-}
    if [ -n "$(find "/lib/modules/$v" -name '9pnet_virtio.ko*' 2>/dev/null)" ]; then KERNEL=$k; KVER=$v; break; fi
  done
  [ -n "$KERNEL" ] || die "no kernel with 9p modules in /boot; apt-get install linux-image-amd64"
fi
[ -r "$KERNEL" ] && [ -d "/lib/modules/$KVER" ] || die "kernel $KERNEL or /lib/modules/$KVER missing"

# ------------------------------------------------------------- initramfs ---
# busybox, the 9p/overlay/virtio modules (with dependencies, in load order) and the init below.
VM_CACHE=${VM_CACHE:-/var/tmp/lit-cgroup2-lane}
SUM=$(sed -n '/^#BEGIN-INIT$/,/^#END-INIT$/p' "$0" | cat - "$BUSYBOX" | md5sum | cut -c1-12)
INITRD=$VM_CACHE/initramfs-$KVER-$SUM.cpio.gz
build_initramfs() {
  local root order=() seen=" " m f
  root=$(mktemp -d)
  mkdir -p "$root"/{bin,dev,proc,sys,newroot,vmctl,mod}
  cp "$BUSYBOX" "$root/bin/busybox"; ln -s busybox "$root/bin/sh"
  add_mod() {
    local m=$1 d
    case "$seen" in *" $m "*) return;; esac
    seen="$seen$m "
    for d in $(modinfo -k "$KVER" -F depends "$m" 2>/dev/null | tr ',' ' '); do add_mod "$d"; done
    order+=("$m")
  }
  for m in virtio_pci 9pnet_virtio 9p overlay virtio_rng; do add_mod "$m"; done
  : > "$root/mod/order"
  for m in "${order[@]}"; do
    f=$(modinfo -k "$KVER" -F filename "$m" 2>/dev/null) || continue
    case "$f" in
      *.ko)     cp "$f" "$root/mod/$m.ko";;
      *.ko.xz)  xz -dc "$f" > "$root/mod/$m.ko";;
      *.ko.zst) zstd -qdc "$f" > "$root/mod/$m.ko";;
      *.ko.gz)  gzip -dc "$f" > "$root/mod/$m.ko";;
      *) continue;;   # built in
    esac
    echo "$m" >> "$root/mod/order"
  done
  sed -n '/^#BEGIN-INIT$/,/^#END-INIT$/p' "$0" | sed '1d;$d' > "$root/init"
  chmod 755 "$root/init"
  mkdir -p "$VM_CACHE"
  (cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$INITRD.tmp"
  mv "$INITRD.tmp" "$INITRD"
  rm -rf "$root"
}
[ -s "$INITRD" ] || build_initramfs

# Boot the uncompressed ELF vmlinux through its PVH entry when the kernel has CONFIG_PVH: it
# skips the bzImage decompressor, which takes seconds under TCG. Falls back to the bzImage.
BOOT_KERNEL=$KERNEL
VMLINUX=$VM_CACHE/vmlinux-$KVER
if [ ! -s "$VMLINUX" ] && grep -qs '^CONFIG_PVH=y' "/boot/config-$KVER"; then ( set +e +o pipefail
  mkdir -p "$VM_CACHE"
  for fmt in 'xz:\xfd7zXZ\x00' 'zstd:\x28\xb5\x2f\xfd' 'gzip:\x1f\x8b\x08'; do
    tool=${fmt%%:*}; magic=${fmt#*:}
    for off in $(LC_ALL=C grep -obUaP "$magic" "$KERNEL" 2>/dev/null | cut -d: -f1 | head -3); do
      case $tool in
        xz)   tail -c +$((off+1)) "$KERNEL" | xz -dc --single-stream > "$VMLINUX.tmp" 2>/dev/null;;
        zstd) tail -c +$((off+1)) "$KERNEL" | zstd -qdc > "$VMLINUX.tmp" 2>/dev/null;;
        gzip) tail -c +$((off+1)) "$KERNEL" | gzip -dc > "$VMLINUX.tmp" 2>/dev/null;;
      esac
      if [ "$(head -c 4 "$VMLINUX.tmp" 2>/dev/null | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then
        mv "$VMLINUX.tmp" "$VMLINUX"; break 2
      fi
    done
  done
  rm -f "$VMLINUX.tmp" ) || true
fi
[ -s "$VMLINUX" ] && grep -qs '^CONFIG_PVH=y' "/boot/config-$KVER" && BOOT_KERNEL=$VMLINUX

# ---------------------------------------------------------------- accel ---
# /dev/kvm on a PVM host (kvm_pvm) cannot run a stock kernel at a usable speed: use TCG there.
ACCEL=${VM_ACCEL:-auto}
if [ "$ACCEL" = auto ]; then
  if [ -r /dev/kvm ] && [ -w /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ]; then ACCEL=kvm; else ACCEL=tcg; fi
fi
case "$ACCEL" in
  kvm) ACCEL_OPT=(-accel kvm -cpu host);;
  tcg) ACCEL_OPT=(-accel tcg,thread=multi,tb-size=256 -cpu max);;
  *) die "VM_ACCEL must be auto, kvm or tcg";;
esac
NCPU=${VM_CPUS:-$(nproc)}; [ "$NCPU" -le 4 ] || NCPU=4

# ---------------------------------------------------------- shared dirs ---
CTL=$(mktemp -d /tmp/lit-vm.XXXXXX)
trap 'rm -rf "$CTL"' EXIT
trap 'exit 130' INT TERM
SHARES=(-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
        -virtfs "local,path=$CTL,mount_tag=vmctl,security_model=none")
: > "$CTL/mounts"
i=0
IFS=: read -r -a RW <<< "${VM_RW_DIRS:-}"
for d in "${RW[@]}"; do
  [ -n "$d" ] || continue
  [ -d "$d" ] || die "VM_RW_DIRS: $d is not a directory"
  d=$(cd "$d" && pwd -P)
  SHARES+=(-virtfs "local,path=$d,mount_tag=rw$i,security_model=none")
  printf 'rw%d %s\n' "$i" "$d" >> "$CTL/mounts"
  i=$((i+1))
done
{
  echo 'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  echo 'export HOME=/root LANG=C.UTF-8 TERM=dumb'
  for n in ${VM_ENV:-}; do [ -n "${!n+x}" ] && printf 'export %s=%q\n' "$n" "${!n}"; done
  printf 'cd %q 2>/dev/null || cd /\n' "$PWD"
  printf '%s\n' "$CMD"
} > "$CTL/cmd.sh"
LAYOUT=${VM_CGROUP_LAYOUT:-v2}
case "$LAYOUT" in
  v2) CGROUP_ARGS="cgroup_no_v1=all systemd.unified_cgroup_hierarchy=1";;
  hybrid) CGROUP_ARGS=""; VM_CGROUP=;;
  *) die "VM_CGROUP_LAYOUT must be v2 or hybrid";;
esac
printf 'VM_CGROUP=%s\nVM_CGROUP_LAYOUT=%s\n' "${VM_CGROUP:-}" "$LAYOUT" > "$CTL/conf"

# ------------------------------------------------------------------ run ---
APPEND="console=ttyS0 loglevel=4 panic=-1 rdinit=/init $CGROUP_ARGS random.trust_cpu=on tsc=reliable no_timer_check ${VM_CMDLINE:-}"
T0=$(date +%s.%N)
set +e
timeout --kill-after=10 "${VM_TIMEOUT:-900}" "$QEMU" -nodefaults -no-user-config -nographic -no-reboot \
  -M pc "${ACCEL_OPT[@]}" -smp "$NCPU" -m "${VM_MEM:-2048}" \
  -kernel "$BOOT_KERNEL" -initrd "$INITRD" -append "$APPEND" \
  -serial "file:$CTL/console.log" -chardev stdio,id=out,signal=off -serial chardev:out \
  -device virtio-rng-pci "${SHARES[@]}" < /dev/null
QRC=$?
set -e
if [ "${VM_DEBUG:-0}" = 1 ]; then
  echo "---- vm.sh: kernel=$BOOT_KERNEL accel=$ACCEL cpus=$NCPU wall=$(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $T0}")s qemu_rc=$QRC" >&2
  tr -d '\r' < "$CTL/console.log" >&2 || true
fi
[ -s "$CTL/rc" ] && exit "$(cat "$CTL/rc")"
WHY="qemu rc=$QRC"; [ "$QRC" = 124 ] && WHY="timed out after ${VM_TIMEOUT:-900}s"
echo "vm.sh: no exit status from the guest ($WHY); console tail:" >&2
tr -d '\r' < "$CTL/console.log" | tail -n 30 >&2 || true
[ "$QRC" = 124 ] && exit 124
exit 125

# The guest's /init (busybox sh), between the markers; the initramfs cache key includes it.
# Stage 1 runs in the initramfs; stage 2 after switch_root onto the 9p root. switch_root, not
# chroot: a chrooted process may not create user namespaces (unshare(CLONE_NEWUSER): EPERM).
#BEGIN-INIT
#!/bin/sh
NR=/newroot
if [ "$1" != stage2 ]; then
  export PATH=/bin
  /bin/busybox --install -s /bin
  mount -t proc proc /proc
  mount -t sysfs sysfs /sys
  mount -t devtmpfs devtmpfs /dev
  log() { echo "init[$(cut -d' ' -f1 /proc/uptime)]: $*" > /dev/ttyS0; }
  fail() { log "FATAL: $*"; echo 125 > /vmctl/rc 2>/dev/null; sync; poweroff -f; sleep 5; reboot -f; }
  while read -r m; do insmod "/mod/$m.ko" 2>/dev/null || log "insmod $m failed"; done < /mod/order
  O9P=trans=virtio,version=9p2000.L,msize=512000
  mount -t 9p -o $O9P,cache=none vmctl /vmctl || fail "mount vmctl"
  mount -t 9p -o $O9P,cache=loose,ro hostroot $NR || fail "mount hostroot"
  mount -t proc proc $NR/proc
  mount -t sysfs sysfs $NR/sys
  mount -t tracefs tracefs $NR/sys/kernel/tracing 2>/dev/null || log "no tracefs"
  . /vmctl/conf
  if [ "$VM_CGROUP_LAYOUT" = hybrid ]; then
    # as systemd's hybrid mode mounts them
    mount -t tmpfs -o mode=755 tmpfs $NR/sys/fs/cgroup
    for h in cpu,cpuacct memory pids; do
      mkdir -p $NR/sys/fs/cgroup/$h
      mount -t cgroup -o $h cgroup $NR/sys/fs/cgroup/$h || fail "mount cgroup $h"
    done
    ln -s cpu,cpuacct $NR/sys/fs/cgroup/cpu; ln -s cpu,cpuacct $NR/sys/fs/cgroup/cpuacct
    mkdir -p $NR/sys/fs/cgroup/unified
    mount -t cgroup2 -o nsdelegate cgroup2 $NR/sys/fs/cgroup/unified || fail "mount cgroup2"
    mount -o remount,ro $NR/sys/fs/cgroup
  else
    # as systemd mounts it
    mount -t cgroup2 -o nsdelegate,memory_recursiveprot cgroup2 $NR/sys/fs/cgroup || fail "mount cgroup2"
  fi
  mount -t devtmpfs devtmpfs $NR/dev
  mkdir -p $NR/dev/pts $NR/dev/shm 2>/dev/null
  mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 devpts $NR/dev/pts
  ln -sf pts/ptmx $NR/dev/ptmx 2>/dev/null
  mount -t tmpfs -o mode=1777 tmpfs $NR/dev/shm
  mount -t tmpfs -o mode=755 tmpfs $NR/run
  # 9p cannot be an overlayfs upper dir, tmpfs can
  for d in tmp var/tmp; do mount -t tmpfs -o mode=1777 tmpfs $NR/$d; done
  mkdir -p $NR/run/vmctl $NR/run/vm
  mount --bind /vmctl $NR/run/vmctl
  cp /bin/busybox /init $NR/run/vm/
  while read -r tag path; do
    mkdir -p "$NR$path" 2>/dev/null
    mount -t 9p -o $O9P,cache=none "$tag" "$NR$path" || fail "mount $tag at $path"
  done < /vmctl/mounts
  umount /vmctl
  exec switch_root $NR /run/vm/busybox sh /run/vm/init stage2
  fail "switch_root failed"
fi
# ---- stage 2: / is the host root (9p), this is PID 1
BB=/run/vm/busybox
log() { echo "init[$($BB cut -d' ' -f1 /proc/uptime)]: $*" > /dev/ttyS0; }
fin() { echo "$1" > /run/vmctl/rc; $BB sync; $BB poweroff -f; $BB sleep 5; $BB reboot -f; }
. /run/vmctl/conf
$BB ip link set lo up 2>/dev/null
$BB hostname vm
# delegate every controller from the root down to VM_CGROUP, as systemd does with Delegate=yes
CG=/sys/fs/cgroup
[ "$VM_CGROUP_LAYOUT" = hybrid ] && CG=/sys/fs/cgroup/unified
ctrl=""; for c in $($BB cat $CG/cgroup.controllers); do ctrl="$ctrl +$c"; done
[ -z "$ctrl" ] || echo "$ctrl" > $CG/cgroup.subtree_control || log "subtree_control at the root failed"
target=$CG
if [ -n "$VM_CGROUP" ]; then
  for part in $(echo "$VM_CGROUP" | $BB tr '/' ' '); do
    [ "$target" != $CG ] && { echo "$ctrl" > "$target/cgroup.subtree_control" || log "subtree_control at $target failed"; }
    target=$target/$part; $BB mkdir -p "$target"
  done
fi
$BB stty -F /dev/ttyS1 raw -echo 2>/dev/null
log "running command in ${VM_CGROUP:-/}"
# PID 1 stays in the root cgroup; the command enters its cgroup before it starts
$BB sh -c 'echo $$ > "$1/cgroup.procs" && exec /bin/bash /run/vmctl/cmd.sh' sh "$target" < /dev/null > /dev/ttyS1 2>&1
rc=$?
log "command exited rc=$rc"
fin $rc
#END-INIT
