"""The systemd units: `systemd-analyze verify` as installed, and the settings the kiosk needs."""

from __future__ import annotations

import ipaddress
import os
import re
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.packaging.conftest import Installed
from tests.packaging.rootfs import PREFIX, SOURCE, in_namespace, run_install, seed_root

UNITS = SOURCE / "packaging" / "systemd"
ALL_UNITS = (
    "shomei-kiosk.service",
    "shomei-selftest.service",
    "shomei-selftest.timer",
    "shomei-server.service",
)


def settings(unit: str) -> dict[str, list[str]]:
    """``Key=value`` lines of a unit file, every value of repeated keys kept in order."""
    found: dict[str, list[str]] = {}
    for line in (UNITS / unit).read_text().splitlines():
        if "=" in line and not line.startswith(("#", ";")):
            key, value = line.split("=", 1)
            found.setdefault(key, []).append(value)
    return found


def verify(installed: Installed, *unit_files: Path) -> subprocess.CompletedProcess[str]:
    """systemd-analyze verify with the throw-away root's /opt/shomei-kiosk where units expect it.

    verify checks that every Exec binary exists on the running system: a private mount namespace
    puts the installed venv at /opt/shomei-kiosk (host's /opt covered by a tmpfs) and the
    installed /etc/systemd/system (units, drop-ins, enablement links) in place of the host's;
    cage is the Debian package installed here.
    """
    return in_namespace(
        {
            "/" + str(PREFIX): installed.root / PREFIX,
            "/etc/systemd/system": installed.root / "etc" / "systemd" / "system",
        },
        ["systemd-analyze", "verify", "--man=no", *map(str, unit_files)],
        tmpfs=("/opt",),
    )


def test_every_installed_unit_verifies_clean(installed: Installed) -> None:
    system = installed.root / "etc" / "systemd" / "system"
    files = [Path("/etc/systemd/system") / unit for unit in ALL_UNITS if (system / unit).exists()]
    assert len(files) == 3
    files.append(UNITS / "shomei-server.service")
    done = verify(installed, *files)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_cups_spool_is_in_memory_mounted_before_cups(installed: Installed) -> None:
    """A job's document is the certificate: the spool is a tmpfs, so a power cut mid-print
    leaves nothing of it on the disk (and no job to print after power-on)."""
    system = installed.root / "etc" / "systemd" / "system"
    mount = system / "var-spool-cups.mount"
    wants = system / "local-fs.target.wants" / "var-spool-cups.mount"
    assert wants.readlink() == Path("/etc/systemd/system/var-spool-cups.mount")
    found: dict[str, str] = {}
    for line in mount.read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            found[key] = value
    assert (found["What"], found["Where"], found["Type"]) == ("tmpfs", "/var/spool/cups", "tmpfs")
    assert {"mode=0710", "nosuid", "nodev", "noexec"} <= set(found["Options"].split(","))
    assert "cups.service" in found["Before"].split()
    done = verify(installed, Path("/etc/systemd/system/var-spool-cups.mount"))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_kiosk_waits_only_for_the_configured_serial_adapters(
    installed: Installed, tmp_path: Path
) -> None:
    dropin = "etc/systemd/system/shomei-kiosk.service.d/50-serial-adapters.conf"
    lines = (installed.root / dropin).read_text().splitlines()  # the fixture gave --coin-usb only
    assert "Wants=dev-kiosk\\x2dcoin.device" in lines
    assert "After=dev-kiosk\\x2dcoin.device" in lines
    assert not any("receipt" in line for line in lines)
    escaped = subprocess.run(
        ["systemd-escape", "--path", "--suffix=device", "/dev/kiosk-coin"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert f"Wants={escaped}" in lines
    root = tmp_path / "none"
    seed_root(root, venv=False)
    run_install(installed.src, root, "--steps", "udev")
    assert not (root / dropin).exists()  # no adapter named: nothing to wait 90 s for


def test_verify_would_catch_a_missing_program(installed: Installed, tmp_path: Path) -> None:
    broken = tmp_path / "shomei-selftest.service"
    text = (UNITS / "shomei-selftest.service").read_text()
    broken.write_text(text.replace("venv/bin/shomei-selftest", "venv/bin/shomei-selftset"))
    done = verify(installed, broken)
    assert done.returncode != 0
    assert "shomei-selftset" in done.stderr


def test_programs_and_files_the_units_name_are_installed(installed: Installed) -> None:
    """verify checks only each command's program; cage's argument (the app) is checked here."""
    for unit in ALL_UNITS:
        for key in ("ExecStart", "Environment"):
            for value in settings(unit).get(key, []):
                for path in re.findall(r"/opt/shomei-kiosk/\S+", value):
                    assert (installed.root / path.lstrip("/")).exists(), (unit, path)
    for path in re.findall(
        r"/etc/shomei-kiosk/\S+", settings("shomei-kiosk.service")["ExecStart"][0]
    ):
        assert (installed.root / path.lstrip("/")).is_file()


def test_kiosk_session_runs_cage_on_tty1_with_a_watchdog() -> None:
    unit = settings("shomei-kiosk.service")
    assert unit["ExecStart"][0].startswith("/usr/bin/cage -d -- /opt/shomei-kiosk/venv/bin/")
    assert "--config /etc/shomei-kiosk/kiosk.toml" in unit["ExecStart"][0]
    assert unit["Type"] == ["notify"]
    assert unit["NotifyAccess"] == ["all"]  # the app is cage's child
    assert unit["WatchdogSec"] == ["30"]
    assert unit["Restart"] == ["always"]
    assert unit["User"] == ["shomei"]
    assert unit["PAMName"] == ["shomei-kiosk"]
    assert unit["TTYPath"] == ["/dev/tty1"]
    assert "QT_WAYLAND_DISABLE_WINDOWDECORATION=1" in unit["Environment"]
    assert "SHOMEI_RESOURCES=/opt/shomei-kiosk/resources" in unit["Environment"]
    assert unit["Conflicts"] == ["getty@tty1.service"]
    cage_options = unit["ExecStart"][0].split(" -- ")[0].split()[1:]
    usage = subprocess.run(["cage", "-h"], capture_output=True, text=True).stdout
    assert cage_options == ["-d"]
    assert " -d\t Don't draw client side decorations" in usage


def test_kiosk_session_is_hardened_without_hiding_devices() -> None:
    unit = settings("shomei-kiosk.service")
    assert unit["NoNewPrivileges"] == ["yes"]
    assert unit["ProtectSystem"] == ["strict"]
    assert "/var/lib/shomei-kiosk" in unit["ReadWritePaths"][0].split()
    # ProtectHome= would make /run/user (cage's Wayland socket) read-only whatever
    # ReadWritePaths= says: /home and /root are protected one by one.
    assert "ProtectHome" not in unit
    assert unit["ReadOnlyPaths"] == ["-/home"]
    assert unit["InaccessiblePaths"] == ["-/root"]
    assert "-/run/user" in unit["ReadWritePaths"][0].split()
    assert unit["LimitCORE"] == ["0"]
    assert "PrivateDevices" not in unit
    # serial adapters, the receipt printer, and the DRM device cage draws on (seatd opens it)
    assert unit["SupplementaryGroups"][0].split() == ["dialout", "lp", "video"]
    allowed = {value.split()[0] for value in unit["DeviceAllow"]}
    assert {"char-ttyUSB", "char-ttyACM", "char-drm", "char-input"} <= allowed
    assert "char-usb" not in allowed  # usblp and hiddev: nothing of the kiosk's
    assert unit["SystemCallFilter"] == ["@system-service", "~@privileged @resources"]


def test_selftest_reaches_the_sound_server_in_the_user_runtime_dir() -> None:
    """The voice check lists the sound server's outputs through /run/user/UID: ProtectHome=
    would hide it (the self-test found no sound output in the appliance test)."""
    unit = settings("shomei-selftest.service")
    assert "ProtectHome" not in unit
    assert "-/run/user" in unit["ReadWritePaths"][0].split()
    assert unit["ReadOnlyPaths"] == ["-/home"]
    assert unit["InaccessiblePaths"] == ["-/root"]


def test_server_unit_reaches_no_public_address_and_sees_no_other_user() -> None:
    unit = settings("shomei-server.service")
    assert unit["IPAddressDeny"] == ["any"]
    allowed = " ".join(unit["IPAddressAllow"]).split()
    assert "localhost" in allowed
    assert all(a == "localhost" or ipaddress.ip_network(a).is_private for a in allowed)
    for key, value in (("PrivateUsers", "yes"), ("ProcSubset", "pid"), ("RemoveIPC", "yes")):
        assert unit[key] == [value]
    assert unit["SystemCallFilter"] == ["@system-service", "~@privileged @resources"]


@pytest.mark.parametrize(
    ("unit", "limit"),
    [
        # systemd-analyze 252 (Debian 12); before issue 19: 2.0, 1.7 and 1.4. The kiosk's 1.9:
        # ProtectHome= (which its score counts) had to go, as it made cage's /run/user read-only
        # under a real systemd (the appliance test); /home and /root are protected one by one.
        ("shomei-kiosk.service", 1.9),
        # 1.5 until ProtectHome= went for the same reason (the voice check's sound server).
        ("shomei-selftest.service", 1.7),
        ("shomei-server.service", 1.0),
    ],
)
def test_exposure_level_stays_low(unit: str, limit: float) -> None:
    done = subprocess.run(
        ["systemd-analyze", "security", "--offline=yes", str(UNITS / unit)],
        capture_output=True,
        text=True,
    )
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d)", done.stdout)
    assert match, done.stdout + done.stderr
    assert float(match.group(1)) <= limit


def test_server_unit_runs_shomei_server_serve(installed: Installed) -> None:
    command = settings("shomei-server.service")["ExecStart"][0].split()
    assert command[1:] == ["serve", "--config", "/etc/shomei-server/server.toml"]
    usage = subprocess.run(
        [str(installed.root / command[0].lstrip("/")), "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
        cwd=installed.root,
    ).stdout
    assert "--config" in usage


def test_installed_kiosk_starts_as_the_unit_starts_it(installed: Installed, tmp_path: Path) -> None:
    """The unit's command and environment (paths under the throw-away root, Qt offscreen
    instead of Wayland, the demo devices): READY=1 comes, SIGTERM stops it cleanly."""
    unit = settings("shomei-kiosk.service")
    env = dict(os.environ)
    for assignment in unit["Environment"]:
        key, value = assignment.split("=", 1)
        env[key] = str(installed.root / value.lstrip("/")) if value.startswith("/") else value
    assert Path(env["SHOMEI_RESOURCES"], "style", "kiosk.qss").is_file()
    with tempfile.TemporaryDirectory(prefix="sdn") as directory:
        address = str(Path(directory) / "notify")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
            notify.bind(address)
            notify.settimeout(60)
            env.update(
                QT_QPA_PLATFORM="offscreen",
                NOTIFY_SOCKET=address,
                WATCHDOG_USEC="30000000",
                HOME=str(tmp_path),
            )
            app = unit["ExecStart"][0].split(" -- ")[1].split()
            command = [str(installed.root / app[0].lstrip("/")), "--demo", "--log-json"]
            kiosk = subprocess.Popen(
                command, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            try:
                assert notify.recv(4096).startswith(b"READY=1")
                kiosk.send_signal(signal.SIGTERM)
                _, errors = kiosk.communicate(timeout=60)
            finally:
                if kiosk.poll() is None:
                    kiosk.kill()
                    kiosk.wait()
    assert kiosk.returncode == 0, errors.decode()
    assert b"no IPAex font" not in errors


def test_selftest_steps_the_kiosk_aside_and_brings_it_back() -> None:
    unit = settings("shomei-selftest.service")
    assert unit["Conflicts"] == ["shomei-kiosk.service"]
    assert unit["ExecStopPost"] == ["+/bin/systemctl --no-block start shomei-kiosk.service"]
    assert unit["ExecStart"][0].endswith(
        "shomei-selftest all --config /etc/shomei-kiosk/kiosk.toml --json"
    )
    assert settings("shomei-selftest.timer")["OnCalendar"] == ["*-*-* 03:00:00"]
