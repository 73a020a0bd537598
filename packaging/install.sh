#!/usr/bin/env bash
# Turns a Debian 12 PC into a shomei kiosk (or the city's issuance server). Run as root from the
# source tree: packaging/install.sh [options]. Idempotent: a second run upgrades the application
# and leaves an edited configuration alone.
#
# With --root DIR every file goes under DIR instead of / (a throw-away root for tests); the Debian
# packages step is skipped there and nothing is started or reloaded. The venv made there works in
# place (its scripts name DIR/opt/...): an image build should run install.sh inside its chroot.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: install.sh [--root DIR] [--role kiosk|server] [--steps LIST] [--wheel FILE]
                  [--wheelhouse DIR] [--kiosk-id ID] [--coin-usb VID:PID[:SERIAL]]
                  [--receipt-usb VID:PID[:SERIAL]] [--a4-uri URI] [--cups-server HOST:PORT]
                  [--time-zone ZONE]

  --root DIR        install under DIR (DESTDIR works too); no apt-get, no service (re)starts
  --role ROLE       kiosk (default) or server (shomei-server for the municipality)
  --steps LIST      comma-separated subset of: packages,user,venv,resources,config,data,units,
                    udev,pcscd,cups,queue,logs,clock (default: all of the role's steps)
  --wheel FILE      the project's wheel (default: built here with `pip wheel --no-deps .`)
  --wheelhouse DIR  install the dependencies offline from DIR (pip --no-index --find-links)
  --kiosk-id ID     kiosk.id in the new kiosk.toml (default: the short host name)
  --coin-usb, --receipt-usb
                    USB ids of the coin mech's and receipt printer's serial adapters, from
                    `udevadm info -a /dev/ttyUSB0` → udev rules for /dev/kiosk-coin, /dev/kiosk-receipt
  --a4-uri URI      the A4 printer (ipp://HOST/ipp/print) → CUPS queue kiosk-a4 (IPP Everywhere)
  --cups-server H:P the CUPS scheduler for the queue step (default: the local one)
  --time-zone ZONE  the system's time zone (default Asia/Tokyo, as kiosk.time_zone); the clock
                    step also turns on NTP synchronisation (systemd-timesyncd)
USAGE
}

ROOT="${DESTDIR:-}"
ROLE=kiosk
STEPS=""
WHEEL=""
WHEELHOUSE=""
KIOSK_ID="$(hostname -s 2>/dev/null || echo kiosk)"
COIN_USB=""
RECEIPT_USB=""
A4_URI=""
CUPS_SERVER=""
TIME_ZONE=Asia/Tokyo
PYTHON="${PYTHON:-/usr/bin/python3}"

while [ $# -gt 0 ]; do
  case "$1" in
    --root) ROOT="$2"; shift 2 ;;
    --role) ROLE="$2"; shift 2 ;;
    --steps) STEPS="$2"; shift 2 ;;
    --wheel) WHEEL="$2"; shift 2 ;;
    --wheelhouse) WHEELHOUSE="$2"; shift 2 ;;
    --kiosk-id) KIOSK_ID="$2"; shift 2 ;;
    --coin-usb) COIN_USB="$2"; shift 2 ;;
    --receipt-usb) RECEIPT_USB="$2"; shift 2 ;;
    --a4-uri) A4_URI="$2"; shift 2 ;;
    --cups-server) CUPS_SERVER="$2"; shift 2 ;;
    --time-zone) TIME_ZONE="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$SRC/packaging"
PREFIX=/opt/shomei-kiosk
USER_NAME=shomei
GROUPS_KIOSK="dialout,lp,audio"
ROOT="${ROOT%/}"
LIVE=yes
if [ -n "$ROOT" ]; then LIVE=no; fi
# Services are reloaded and restarted only under a running systemd: in a chroot (an image
# build, debootstrap) the files are installed and enabled, and the first boot starts them.
RUNNING=no
if [ "$LIVE" = yes ] && [ -d /run/systemd/system ]; then RUNNING=yes; fi

case "$ROLE" in
  kiosk) ALL_STEPS="packages,user,venv,resources,config,data,units,udev,pcscd,cups,queue,logs,clock" ;;
  server) ALL_STEPS="packages,user,venv,config,data,units,logs,clock" ;;
  *) echo "install.sh: --role must be kiosk or server" >&2; exit 2 ;;
esac
STEPS="${STEPS:-$ALL_STEPS}"
if ! [[ "$KIOSK_ID" =~ ^[A-Za-z0-9-]{1,32}$ ]]; then
  echo "install.sh: --kiosk-id must match [A-Za-z0-9-]{1,32}" >&2; exit 2
fi

say() { echo "install.sh: $*"; }
die() { echo "install.sh: $*" >&2; exit 1; }
want() { [[ ",$STEPS," == *",$1,"* ]]; }

# Numeric ids from the target's own account files (in --root mode the host's may differ).
uid_of() { awk -F: -v n="$1" '$1 == n { print $3 }' "$ROOT/etc/passwd"; }
gid_of() { awk -F: -v n="$1" '$1 == n { print $3 }' "$ROOT/etc/group"; }

# install -d/-m with the target's owner: DIR MODE OWNER GROUP
make_dir() {
  install -d -m "$2" "$ROOT$1"
  chown "$(uid_of "$3"):$(gid_of "$4")" "$ROOT$1"
}
# put_file SOURCE DEST MODE OWNER GROUP
put_file() {
  install -D -m "$3" "$1" "$ROOT$2"
  chown "$(uid_of "$4"):$(gid_of "$5")" "$ROOT$2"
}

# set_line FILE REGEX LINE: replace the lines matching REGEX (ERE) with LINE, or append LINE.
set_line() {
  local file="$1" regex="$2" line="$3" tmp
  tmp="$(mktemp)"
  awk -v re="$regex" -v line="$line" \
    '$0 ~ re { if (!done) print line; done = 1; next } { print } END { if (!done) print line }' \
    "$file" > "$tmp"
  cat "$tmp" > "$file"
  rm -f "$tmp"
}

step_packages() {
  local list="$PKG/debian-packages.txt"
  [ "$ROLE" = server ] && list="$PKG/debian-packages-server.txt"
  if [ "$LIVE" = no ]; then
    say "packages: skipped under --root (apt-get into a foreign root needs debootstrap/chroot)"
    return
  fi
  mapfile -t pkgs < <(grep -v '^\s*#' "$list" | grep -v '^\s*$')
  say "packages: ${pkgs[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}"
}

step_user() {
  local prefix=()
  [ "$LIVE" = no ] && prefix=(--prefix "$ROOT")
  local home=/var/lib/shomei-kiosk
  [ "$ROLE" = server ] && home=/var/lib/shomei-server
  local groups="$GROUPS_KIOSK"
  [ "$ROLE" = server ] && groups=""
  if [ -z "$(uid_of "$USER_NAME")" ]; then
    useradd "${prefix[@]}" --system --user-group ${groups:+--groups "$groups"} \
      --home-dir "$home" --no-create-home --shell /usr/sbin/nologin \
      --comment "shomei kiosk" "$USER_NAME"
    say "user: created system user $USER_NAME ${groups:+in $groups}"
  elif [ -n "$groups" ]; then
    usermod "${prefix[@]}" --append --groups "$groups" "$USER_NAME"
    say "user: $USER_NAME exists; groups $groups ensured"
  fi
}

step_venv() {
  local venv="$ROOT$PREFIX/venv"
  if [ ! -x "$venv/bin/python" ]; then
    "$PYTHON" -m venv "$venv"
    say "venv: created $PREFIX/venv"
  fi
  local pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)
  local offline=()
  [ -n "$WHEELHOUSE" ] && offline=(--no-index --find-links "$WHEELHOUSE")
  local wheel="$WHEEL" built=""
  if [ -z "$wheel" ]; then
    built="$(mktemp -d)"
    "${pip[@]}" wheel "${offline[@]}" --no-deps "$SRC" -w "$built"
    wheel="$(ls "$built"/shomei_kiosk-*.whl)"
  fi
  # Dependencies pinned by the lock (the kiosk's, and the server's for the embedded: demo), then
  # the application itself (reinstalled on every run).
  "${pip[@]}" install "${offline[@]}" -c "$SRC/requirements.lock" "$wheel[kiosk,server]"
  "${pip[@]}" install --no-deps --force-reinstall "$wheel"
  if [ -n "$built" ]; then rm -rf "$built"; fi
  install -m 0644 "$SRC/README.md" "$ROOT$PREFIX/README.md"
  say "venv: installed $(basename "$wheel") with requirements.lock"
}

step_resources() {
  local dest="$ROOT$PREFIX/resources"
  # The voice prompts are build output (scripts/make_voice.py, run by `make voice`): a kiosk
  # without them would stay silent, so refuse to install from a checkout that lacks them.
  if ! compgen -G "$SRC/resources/voice/ja/*.wav" >/dev/null; then
    die "resources: no voice prompts in $SRC/resources/voice; run 'make voice' in the checkout first"
  fi
  rm -rf "$dest"
  cp -r "$SRC/resources" "$dest"
  find "$dest" -name '*.qm' -delete
  local sources=("$dest"/i18n/*.ts)
  if [ -e "${sources[0]}" ]; then
    # One lrelease run writes each .qm beside its .ts.
    "$ROOT$PREFIX/venv/bin/python" -c \
      'import sys; from PySide6.scripts.pyside_tool import lrelease; sys.exit(lrelease())' \
      -silent "${sources[@]}"
  fi
  chmod -R u=rwX,go=rX "$dest"
  say "resources: $PREFIX/resources (translations compiled, voice prompts included)"
}

step_config() {
  if [ "$ROLE" = server ]; then
    make_dir /etc/shomei-server 0750 root "$USER_NAME"
    make_dir /etc/shomei-server/tls 0750 root "$USER_NAME"
    if [ -e "$ROOT/etc/shomei-server/server.toml" ]; then
      say "config: /etc/shomei-server/server.toml exists; left as it is"
    else
      put_file "$PKG/config/server.toml.in" /etc/shomei-server/server.toml 0640 root "$USER_NAME"
      say "config: wrote /etc/shomei-server/server.toml (edit the city, kiosks, TLS and JPKI files)"
    fi
    return
  fi
  make_dir /etc/shomei-kiosk 0750 root "$USER_NAME"
  make_dir /etc/shomei-kiosk/tls 0750 root "$USER_NAME"
  # The staff PIN of maintenance mode (set with kiosk_app.maintenance.staff_pin) must be
  # readable by the kiosk user only.
  if [ -e "$ROOT/etc/shomei-kiosk/staff-pin" ]; then
    chown "0:$(gid_of "$USER_NAME")" "$ROOT/etc/shomei-kiosk/staff-pin"
    chmod 0640 "$ROOT/etc/shomei-kiosk/staff-pin"
  fi
  local conf=/etc/shomei-kiosk/kiosk.toml
  if [ -e "$ROOT$conf" ]; then
    say "config: $conf exists; left as it is"
    return
  fi
  local tmp
  tmp="$(mktemp)"
  sed "s/@KIOSK_ID@/$KIOSK_ID/" "$PKG/config/kiosk.toml.in" > "$tmp"
  put_file "$tmp" "$conf" 0640 root "$USER_NAME"
  rm -f "$tmp"
  say "config: wrote $conf for kiosk $KIOSK_ID (edit the municipality and devices)"
}

step_data() {
  if [ "$ROLE" = server ]; then
    make_dir /var/lib/shomei-server 0750 "$USER_NAME" "$USER_NAME"
    say "data: /var/lib/shomei-server"
    return
  fi
  make_dir /var/lib/shomei-kiosk 0750 "$USER_NAME" "$USER_NAME"
  make_dir /var/log/shomei-kiosk 0750 "$USER_NAME" "$USER_NAME"
  make_dir /var/cache/shomei-kiosk 0750 "$USER_NAME" "$USER_NAME"
  say "data: /var/lib/shomei-kiosk, /var/log/shomei-kiosk, /var/cache/shomei-kiosk"
}

systemctl_target() {
  if [ "$LIVE" = yes ]; then systemctl "$@"; else systemctl --root="$ROOT" "$@"; fi
}

# The kiosk user's systemd --user manager runs from boot (lingering, what `loginctl enable-linger`
# records): it keeps /run/user/UID, where cage puts its Wayland socket, and socket-activates the
# sound server there. The kiosk unit has no logind session of its own (see shomei-kiosk.service).
user_runtime() {
  local uid unit tmp
  uid="$(uid_of "$USER_NAME")"
  [ -n "$uid" ] || die "units: no user $USER_NAME (run the user step first)"
  make_dir /var/lib/systemd/linger 0755 root root
  : > "$ROOT/var/lib/systemd/linger/$USER_NAME"
  tmp="$(mktemp)"
  printf '# Written by install.sh (units step): the lingering user manager of %s (uid %s).\n[Unit]\nWants=user@%s.service\nAfter=user@%s.service\n\n[Service]\nEnvironment=XDG_RUNTIME_DIR=/run/user/%s\n' \
    "$USER_NAME" "$uid" "$uid" "$uid" "$uid" > "$tmp"
  # The kiosk speaks through the user's sound server; the self-test lists its outputs.
  for unit in shomei-kiosk.service shomei-selftest.service; do
    put_file "$tmp" "/etc/systemd/system/$unit.d/40-user-runtime.conf" 0644 root root
  done
  rm -f "$tmp"
  if [ "$RUNNING" = yes ]; then loginctl enable-linger "$USER_NAME"; fi
}

step_units() {
  local units=(shomei-kiosk.service shomei-selftest.service shomei-selftest.timer)
  local enable=(shomei-kiosk.service shomei-selftest.timer)
  if [ "$ROLE" = server ]; then
    units=(shomei-server.service)
    enable=(shomei-server.service)
  fi
  local unit
  for unit in "${units[@]}"; do
    put_file "$PKG/systemd/$unit" "/etc/systemd/system/$unit" 0644 root root
  done
  if [ "$ROLE" = kiosk ]; then
    put_file "$PKG/pam/shomei-kiosk" /etc/pam.d/shomei-kiosk 0644 root root
    user_runtime
  fi
  if [ "$RUNNING" = yes ]; then systemctl daemon-reload; fi
  systemctl_target enable "${enable[@]}"
  if [ "$ROLE" = kiosk ]; then
    # tty1 shows the kiosk, never a login prompt.
    systemctl_target mask getty@tty1.service
  fi
  say "units: ${units[*]} installed; enabled ${enable[*]}"
}

# udev_line TEMPLATE_LINE PREFIX VID:PID[:SERIAL] → the rule, or the template commented out.
udev_rule() {
  local line="$1" key="$2" ids="$3"
  if [ -z "$ids" ]; then
    printf '# not configured (install.sh --%s-usb VID:PID[:SERIAL]):\n# %s\n' \
      "${key,,}" "$line"
    return
  fi
  if ! [[ "$ids" =~ ^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})(:([A-Za-z0-9._-]+))?$ ]]; then
    die "--${key,,}-usb must be VID:PID[:SERIAL] with 4-digit hex ids, got '$ids'"
  fi
  local vendor="${BASH_REMATCH[1],,}" product="${BASH_REMATCH[2],,}" serial="${BASH_REMATCH[4]}"
  local serial_match=""
  [ -n "$serial" ] && serial_match=", ATTRS{serial}==\"$serial\""
  line="${line//@${key}_VENDOR@/$vendor}"
  line="${line//@${key}_PRODUCT@/$product}"
  printf '%s\n' "${line//@${key}_SERIAL_MATCH@/$serial_match}"
}

step_udev() {
  local template="$PKG/udev/70-shomei-kiosk.rules.in" tmp line
  tmp="$(mktemp)"
  while IFS= read -r line; do
    case "$line" in
      *@COIN_VENDOR@*) udev_rule "$line" COIN "$COIN_USB" ;;
      *@RECEIPT_VENDOR@*) udev_rule "$line" RECEIPT "$RECEIPT_USB" ;;
      *) printf '%s\n' "$line" ;;
    esac
  done < "$template" > "$tmp"
  put_file "$tmp" /etc/udev/rules.d/70-shomei-kiosk.rules 0644 root root
  # The kiosk session waits (up to the device time-out, then starts anyway) for the adapters
  # configured here, and only for those: a network receipt printer has no device to wait for.
  local devices=() dropin=/etc/systemd/system/shomei-kiosk.service.d/50-serial-adapters.conf
  if [ -n "$COIN_USB" ]; then devices+=('dev-kiosk\x2dcoin.device'); fi
  if [ -n "$RECEIPT_USB" ]; then devices+=('dev-kiosk\x2dreceipt.device'); fi
  if [ "${#devices[@]}" -gt 0 ]; then
    printf '# Written by install.sh (udev step): the serial adapters of the udev rules.\n[Unit]\nWants=%s\nAfter=%s\n' \
      "${devices[*]}" "${devices[*]}" > "$tmp"
    put_file "$tmp" "$dropin" 0644 root root
  else
    rm -f "$ROOT$dropin"
  fi
  rm -f "$tmp"
  if [ "$RUNNING" = yes ]; then
    udevadm control --reload-rules
    udevadm trigger --subsystem-match=tty --action=add
  fi
  say "udev: /etc/udev/rules.d/70-shomei-kiosk.rules${COIN_USB:+ coin=$COIN_USB}${RECEIPT_USB:+ receipt=$RECEIPT_USB}"
}

step_pcscd() {
  local file="$ROOT/etc/default/pcscd" args
  args="$(grep '^PCSCD_ARGS=' "$PKG/pcscd/default-pcscd")"
  if [ -e "$file" ]; then
    set_line "$file" '^[[:space:]]*PCSCD_ARGS=' "$args"
  else
    put_file "$PKG/pcscd/default-pcscd" /etc/default/pcscd 0644 root root
  fi
  if [ "$RUNNING" = yes ]; then systemctl try-restart pcscd.service; fi
  say "pcscd: $args"
}

step_cups() {
  local file="$ROOT/etc/cups/cupsd.conf" line
  [ -e "$file" ] || die "cups: $file missing (is cups-daemon installed?)"
  while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    set_line "$file" "^[[:space:]]*${line%% *}[[:space:]]" "$line"
  done < "$PKG/cups/cupsd-kiosk.conf"
  put_file "$PKG/cups/var-spool-cups.mount" /etc/systemd/system/var-spool-cups.mount 0644 root root
  systemctl_target enable var-spool-cups.mount
  if [ "$RUNNING" = yes ]; then
    systemctl daemon-reload
    systemctl start var-spool-cups.mount
  fi
  say "cups: job files and job history are not kept; the spool is in memory"
}

step_queue() {
  if [ -z "$A4_URI" ]; then
    say "queue: skipped (no --a4-uri)"
    return
  fi
  if [ "$LIVE" = no ] && [ -z "$CUPS_SERVER" ]; then
    say "queue: skipped under --root (no scheduler runs there; give --cups-server)"
    return
  fi
  local server=()
  [ -n "$CUPS_SERVER" ] && server=(-h "$CUPS_SERVER")
  # Driverless (IPP Everywhere); not shared; a failed job is aborted, never retried later on
  # its own (the kiosk reports the failure). The driver asks for duplex per job.
  lpadmin "${server[@]}" -p kiosk-a4 -E -v "$A4_URI" -m everywhere \
    -D "shomei kiosk A4" -o printer-is-shared=false -o printer-error-policy=abort-job
  say "queue: kiosk-a4 → $A4_URI (IPP Everywhere)"
}

step_logs() {
  put_file "$PKG/journald/shomei-kiosk.conf" /etc/systemd/journald.conf.d/shomei-kiosk.conf \
    0644 root root
  if [ "$ROLE" = kiosk ]; then
    put_file "$PKG/logrotate/shomei-kiosk" /etc/logrotate.d/shomei-kiosk 0644 root root
  fi
  if [ "$RUNNING" = yes ]; then systemctl restart systemd-journald.service; fi
  say "logs: persistent journal with size and age limits; logrotate for the self-test history"
}

# The system's zone is the kiosk's (certificates are dated in it; the kiosk shows and prints
# kiosk.time_zone whatever the system says, but logs, cron and the staff's shell use this one),
# and the clock is kept synchronised (shomei-selftest all warns when it is not).
step_clock() {
  if ! [[ "$TIME_ZONE" =~ ^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$ ]] \
    || [ ! -f "/usr/share/zoneinfo/$TIME_ZONE" ]; then
    die "clock: unknown time zone '$TIME_ZONE'"
  fi
  install -d -m 0755 "$ROOT/etc"
  ln -sfn "/usr/share/zoneinfo/$TIME_ZONE" "$ROOT/etc/localtime"
  echo "$TIME_ZONE" > "$ROOT/etc/timezone"
  if [ "$RUNNING" = yes ]; then
    systemctl enable --now systemd-timesyncd.service
    timedatectl set-ntp true
    say "clock: time zone $TIME_ZONE; NTP synchronisation on (systemd-timesyncd)"
  elif [ "$LIVE" = yes ]; then
    # A chroot (an image build): no systemd to start it or to ask timedatectl; it starts at boot.
    systemctl enable systemd-timesyncd.service
    say "clock: time zone $TIME_ZONE; NTP synchronisation enabled for the first boot (systemd-timesyncd)"
  else
    say "clock: time zone $TIME_ZONE; NTP left to the live system (systemd-timesyncd)"
  fi
}

if [ "$LIVE" = yes ] && [ "$(id -u)" -ne 0 ]; then die "run as root (or use --root DIR)"; fi
IFS=, read -r -a requested <<< "$STEPS"
for step in "${requested[@]}"; do
  [[ ",$ALL_STEPS," == *",$step,"* ]] || die "unknown step '$step' for role $ROLE"
done
for step in ${ALL_STEPS//,/ }; do
  if want "$step"; then "step_$step"; fi
done
say "done${ROOT:+ (under $ROOT)}"
