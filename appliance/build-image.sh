#!/usr/bin/env bash
# Builds the virtual kiosk PC's disk image from Debian's packages and the project's own installer:
#   appliance/build-image.sh OUT_DIR BASE_DIR WHEELHOUSE
# 1. BASE_DIR (cached by the caller): debootstrap --variant=minbase bookworm + the Debian kernel +
#    systemd + the kiosk's Debian packages (packaging/debian-packages.txt) + the test rig's guest
#    tools (appliance/guest-packages.txt).
# 2. A copy of it where packaging/install.sh runs inside a chroot (offline, from WHEELHOUSE), plus
#    the rig's guest files (appliance/guest/): the result is OUT_DIR/{disk.raw,vmlinuz,initrd.img}.
# Runs as root (debootstrap, chroot). The guest has no network; only this build uses the mirror.
set -euo pipefail
OUT="$1" BASE="$2" WHEELHOUSE="$3"
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIRROR="${APPLIANCE_MIRROR:-http://deb.debian.org/debian}"
say() { echo "build-image: $*"; }

packages() { grep -hv '^\s*#' "$@" | grep -v '^\s*$' | tr '\n' ' '; }

in_chroot() {
  local dir="$1"; shift
  mount --bind /proc "$dir/proc"; mount --bind /sys "$dir/sys"; mount --bind /dev "$dir/dev"
  local rc=0
  chroot "$dir" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@" || rc=$?
  umount "$dir/dev" "$dir/sys" "$dir/proc"
  return "$rc"
}

if [ ! -e "$BASE/.complete" ]; then
  rm -rf "$BASE"
  say "debootstrap minbase bookworm → $BASE"
  debootstrap --variant=minbase bookworm "$BASE" "$MIRROR"
  cp /etc/resolv.conf "$BASE/etc/resolv.conf"
  # Kernel + initramfs without recommends; /usr/sbin/policy-rc.d keeps services from starting
  # in the chroot.
  printf '#!/bin/sh\nexit 101\n' > "$BASE/usr/sbin/policy-rc.d"; chmod +x "$BASE/usr/sbin/policy-rc.d"
  # shellcheck disable=SC2046
  in_chroot "$BASE" apt-get install -y -q --no-install-recommends \
    $(packages "$SRC/packaging/debian-packages.txt" "$SRC/appliance/guest-packages.txt")
  in_chroot "$BASE" apt-get clean
  touch "$BASE/.complete"
fi
# "-" as WHEELHOUSE: the cached base system only.
if [ "$WHEELHOUSE" = - ]; then exit 0; fi

WORK="$OUT/root"
rm -rf "$WORK"; mkdir -p "$OUT"
say "copy the base system → $WORK"
cp -a "$BASE" "$WORK"; rm -f "$WORK/.complete"
# The source tree and the wheels, visible to the chroot for install.sh.
mkdir -p "$WORK/tmp/src" "$WORK/tmp/wheelhouse"
git -C "$SRC" ls-files -z | (cd "$SRC" && xargs -0 cp --parents -t "$WORK/tmp/src")
cp -r "$SRC/resources/voice" "$WORK/tmp/src/resources/"
cp "$WHEELHOUSE"/*.whl "$WORK/tmp/wheelhouse/"
echo kiosk-vm > "$WORK/etc/hostname"
# What Debian's installer writes and debootstrap does not: without it "localhost" does not
# resolve, and the kiosk cannot reach CUPS (cups:QUEUE is ipp://localhost:631/...).
printf '127.0.0.1\tlocalhost\n127.0.1.1\tkiosk-vm\n::1\tlocalhost ip6-localhost ip6-loopback\n' \
  > "$WORK/etc/hosts"
# The rig's guest side (serial agent, ippeveprinter unit, fstab) before install.sh so its
# --a4-uri queue can point at the guest's own IPP printer.
cp -a "$SRC/appliance/guest/." "$WORK/"
say "packaging/install.sh in the chroot"
# Every step of the kiosk role (the queue step waits for the first boot: no cupsd runs here).
wheel="$(cd "$WORK/tmp/wheelhouse" && ls shomei_kiosk-*.whl)"
in_chroot "$WORK" bash /tmp/src/packaging/install.sh --wheelhouse /tmp/wheelhouse \
  --wheel "/tmp/wheelhouse/$wheel" --kiosk-id kiosk-vm \
  --coin-usb 0403:6001:KIOSKCOIN --receipt-usb 0403:6001:KIOSKRCPT
# The site's settings for this rig: no network, so the municipality server is the embedded one.
# ui_scale = 1.0: screens drawn at the size of docs/screens (the rig taps where those show buttons).
sed -i -e 's|^url = "https://.*"|url = "embedded:"|' -e '/^client_certificate\|^client_key\|^server_ca/d' \
  -e '/^\[kiosk\]$/a ui_scale = 1.0' "$WORK/etc/shomei-kiosk/kiosk.toml"
# [timeouts] server = 120 (the most it allows): the embedded server renders the certificate on
# the emulated CPU, many times slower than a kiosk PC (over the default 15 s here: the order
# failed as "server unreachable").
printf '\n[timeouts]\nserver = 120.0\n' >> "$WORK/etc/shomei-kiosk/kiosk.toml"
install -D -m 0755 "$SRC/packaging/install.sh" "$WORK/usr/local/lib/shomei-rig/packaging/install.sh"
in_chroot "$WORK" systemctl enable shomei-rig-agent.service shomei-rig-printer.service \
  shomei-rig-queue.service
rm -rf "$WORK/tmp/src" "$WORK/tmp/wheelhouse" "$WORK/usr/sbin/policy-rc.d" "$WORK/etc/resolv.conf"
cp -L "$WORK/vmlinuz" "$OUT/vmlinuz"; cp -L "$WORK/initrd.img" "$OUT/initrd.img"
say "ext4 image $OUT/disk.raw"
rm -f "$OUT/disk.raw"
mkfs.ext4 -q -L kiosk-root -d "$WORK" "$OUT/disk.raw" 6G
rm -rf "$WORK"
say "done"
