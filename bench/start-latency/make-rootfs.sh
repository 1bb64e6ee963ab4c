#!/bin/sh
# Makes a busybox-static root filesystem in DIR (replacing what is there): /bin/busybox and a
# few applets, /etc/passwd, and the usual empty mount points.
#   usage: make-rootfs.sh DIR
set -eu
dir=$1
busybox=
for b in /bin/busybox /usr/bin/busybox; do
  if [ -x "$b" ] && LC_ALL=C ldd "$b" 2>&1 | grep -q 'not a dynamic'; then busybox=$b; break; fi
done
if [ -z "$busybox" ]; then
  echo "make-rootfs.sh: needs a static busybox (apt-get install busybox-static)" >&2
  exit 1
fi
rm -rf "$dir"
mkdir -p "$dir/bin" "$dir/etc" "$dir/tmp" "$dir/proc" "$dir/dev" "$dir/sys" "$dir/root"
cp "$busybox" "$dir/bin/busybox"
for applet in sh true false echo cat ls; do ln -s busybox "$dir/bin/$applet"; done
echo 'root:x:0:0:root:/root:/bin/sh' > "$dir/etc/passwd"
