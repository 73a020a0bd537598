"""packaging/install.sh run into a throw-away root: files, owners, modes and settings."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from issuance_server.settings import load_settings
from kiosk_app.config import load_config
from kiosk_app.host_checks import check_clock, read_clock_state
from kiosk_app.maintenance.staff_pin import write_staff_pin
from tests.packaging.conftest import Installed
from tests.packaging.rootfs import (
    PREFIX,
    SOURCE,
    account,
    in_namespace,
    run_install,
    seed_root,
)
from tests.stacks.pulse import PulseStack


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _owner(root: Path, path: Path) -> tuple[str, str]:
    """User and group names of ``path`` as the target system sees them."""
    info = path.stat()
    users = {int(f[2]): f[0] for f in (row.split(":") for row in _lines(root, "passwd"))}
    groups = {int(f[2]): f[0] for f in (row.split(":") for row in _lines(root, "group"))}
    return users[info.st_uid], groups[info.st_gid]


def _lines(root: Path, name: str) -> list[str]:
    return (root / "etc" / name).read_text().splitlines()


def test_every_step_runs_and_apt_is_skipped_under_root(installed: Installed) -> None:
    out = installed.result.stdout
    steps = ("user", "venv", "resources", "config", "data", "units", "udev", "pcscd", "cups")
    for step in (*steps, "clock"):
        assert f"install.sh: {step}: " in out
    assert "packages: skipped under --root" in out
    assert "queue: skipped (no --a4-uri)" in out


@pytest.mark.parametrize("role", ["kiosk", "server"])
def test_debian_package_lists_resolve_on_debian_12(role: str) -> None:
    """What the packages step (skipped under --root) installs: apt resolves every name."""
    name = "debian-packages.txt" if role == "kiosk" else "debian-packages-server.txt"
    lines = (SOURCE / "packaging" / name).read_text().splitlines()
    packages = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert "cage" in packages or role == "server"
    done = subprocess.run(
        ["apt-get", "install", "--simulate", "--no-install-recommends", *packages],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_dedicated_system_user_in_device_groups(installed: Installed) -> None:
    user = account(installed.root, "shomei")
    assert int(user[2]) < 1000  # a system account
    assert user[5:] == ["/var/lib/shomei-kiosk", "/usr/sbin/nologin"]
    for group in ("dialout", "lp", "audio"):
        assert "shomei" in account(installed.root, group, "group")[3].split(",")
    assert account(installed.root, "shomei", "shadow")[1].startswith("!")  # no password login


def test_venv_runs_the_installed_wheel_not_the_checkout(installed: Installed) -> None:
    venv = installed.root / PREFIX / "venv"
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import kiosk_app; print(kiosk_app.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=installed.root,  # not the checkout, whose kiosk_app would shadow the installed one
    ).stdout.strip()
    assert where.startswith(str(venv / "lib"))
    for command in ("shomei-kiosk", "shomei-selftest", "shomei-server"):
        assert (venv / "bin" / command).exists()
    done = subprocess.run(
        [str(venv / "bin" / "shomei-kiosk"), "--help"], capture_output=True, text=True, check=True
    )
    for flag in ("--fullscreen", "--log-json", "--config"):  # what shomei-kiosk.service passes
        assert flag in done.stdout


@pytest.mark.integration
def test_installed_selftest_runs_the_demo_kiosk(
    installed: Installed, tmp_path: Path, pulse: PulseStack
) -> None:
    """The command of shomei-selftest.service run by hand from the installed venv (demo devices)
    with a sound server: without the unit's SHOMEI_RESOURCES it finds the installed voice
    prompts beside the venv."""
    command = installed.root / PREFIX / "venv" / "bin" / "shomei-selftest"
    env = {k: v for k, v in pulse.env().items() if k != "SHOMEI_RESOURCES"}
    done = subprocess.run(
        [str(command), "all", "--demo", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "HOME": str(tmp_path)},
    )
    host_clock = check_clock(read_clock_state()).status  # this machine's clock may be unsynced
    assert done.returncode == host_clock, done.stderr
    report = json.loads(done.stdout)
    assert report["status"] == host_clock.name.lower()
    assert report["checks"]["clock"]["status"] == host_clock.name.lower()


def test_resources_are_installed_with_compiled_translations(installed: Installed) -> None:
    resources = installed.root / PREFIX / "resources"
    sources = sorted((resources / "i18n").glob("*.ts"))
    assert sources
    for ts in sources:
        assert ts.with_suffix(".qm").stat().st_size > 0
    assert (resources / "style" / "kiosk.qss").is_file()
    for language in ("ja", "en"):
        assert sorted((resources / "voice" / language).glob("*.wav")), language
    assert (installed.root / PREFIX / "README.md").is_file()


def test_config_from_template_is_valid_and_private(installed: Installed) -> None:
    path = installed.root / "etc" / "shomei-kiosk" / "kiosk.toml"
    config = load_config(path)
    assert config.kiosk.id == "KIOSK-7"
    assert config.kiosk.data_dir == Path("/var/lib/shomei-kiosk")
    assert config.devices.coin_acceptor.startswith("cctalk:///dev/kiosk-coin")
    assert config.devices.receipt_printer == "escpos+serial:///dev/kiosk-receipt"
    assert config.devices.a4_printer == "cups:kiosk-a4"
    assert _mode(path) == 0o640
    assert _owner(installed.root, path) == ("root", "shomei")
    assert _mode(path.parent) == 0o750


def test_staff_pin_file_is_made_readable_to_the_kiosk_user_only(installed: Installed) -> None:
    pin = installed.root / "etc" / "shomei-kiosk" / "staff-pin"
    write_staff_pin(pin, bytearray(b"86420864"))  # as root, like the engineer would
    run_install(installed.src, installed.root, "--steps", "config")
    assert _mode(pin) == 0o640
    assert _owner(installed.root, pin) == ("root", "shomei")


def test_system_zone_is_tokyo_and_a_bad_zone_is_refused(installed: Installed) -> None:
    localtime = installed.root / "etc" / "localtime"
    assert os.readlink(localtime) == "/usr/share/zoneinfo/Asia/Tokyo"
    assert (installed.root / "etc" / "timezone").read_text() == "Asia/Tokyo\n"
    assert "install.sh: clock: time zone Asia/Tokyo" in installed.result.stdout
    for zone in ("Tokyo/Nowhere", "../../etc/passwd"):
        refused = run_install(
            installed.src, installed.root, "--steps", "clock", "--time-zone", zone, check=False
        )
        assert refused.returncode == 1
        assert f"clock: unknown time zone '{zone}'" in refused.stderr
    assert os.readlink(localtime) == "/usr/share/zoneinfo/Asia/Tokyo"


def test_data_log_and_cache_dirs_belong_to_the_kiosk_user(installed: Installed) -> None:
    for name in ("var/lib/shomei-kiosk", "var/log/shomei-kiosk", "var/cache/shomei-kiosk"):
        path = installed.root / name
        assert _mode(path) == 0o750, name
        assert _owner(installed.root, path) == ("shomei", "shomei"), name


def test_units_installed_enabled_and_tty1_getty_masked(installed: Installed) -> None:
    system = installed.root / "etc" / "systemd" / "system"
    for unit in ("shomei-kiosk.service", "shomei-selftest.service", "shomei-selftest.timer"):
        assert _mode(system / unit) == 0o644
    wanted = system / "graphical.target.wants" / "shomei-kiosk.service"
    assert wanted.readlink() == Path("/etc/systemd/system/shomei-kiosk.service")
    timer = system / "timers.target.wants" / "shomei-selftest.timer"
    assert timer.readlink() == Path("/etc/systemd/system/shomei-selftest.timer")
    assert (system / "getty@tty1.service").readlink() == Path("/dev/null")
    pam = (installed.root / "etc" / "pam.d" / "shomei-kiosk").read_text()
    # No logind session: it would move cage and the app out of the unit's cgroup.
    assert "pam_unix.so" in pam
    assert "pam_systemd.so" not in pam


@pytest.mark.parametrize(
    # The kiosk speaks through the user's sound server; the self-test's voice check lists its
    # outputs (without the drop-in it found none in the appliance test).
    "unit",
    ["shomei-kiosk.service", "shomei-selftest.service"],
)
def test_kiosk_user_lingers_and_the_unit_uses_its_runtime_dir(
    installed: Installed, unit: str
) -> None:
    assert (installed.root / "var" / "lib" / "systemd" / "linger" / "shomei").is_file()
    uid = next(
        line.split(":")[2]
        for line in (installed.root / "etc" / "passwd").read_text().splitlines()
        if line.startswith("shomei:")
    )
    dropin = installed.root / f"etc/systemd/system/{unit}.d/40-user-runtime.conf"
    assert _mode(dropin) == 0o644
    text = dropin.read_text()
    assert f"Wants=user@{uid}.service" in text
    assert f"After=user@{uid}.service" in text
    assert f"Environment=XDG_RUNTIME_DIR=/run/user/{uid}" in text


def test_udev_rules_name_the_configured_adapter_and_keep_the_other_commented(
    installed: Installed,
) -> None:
    rules = (installed.root / "etc" / "udev" / "rules.d" / "70-shomei-kiosk.rules").read_text()
    active = [line for line in rules.splitlines() if line and not line.startswith("#")]
    assert active == [
        'SUBSYSTEM=="tty", ATTRS{idVendor}=="0403", ATTRS{idProduct}=="6001", '
        'ATTRS{serial}=="FT1234ABC", SYMLINK+="kiosk-coin", GROUP="dialout", MODE="0660", '
        'TAG+="systemd"'
    ]
    assert "# not configured (install.sh --receipt-usb VID:PID[:SERIAL]):" in rules
    assert 'SYMLINK+="kiosk-receipt"' in rules
    assert "@" not in "\n".join(active)


def _udevadm_test(rules_dir: Path) -> str:
    """udevadm's rule parsing with ``rules_dir`` as /etc/udev/rules.d (a private mount)."""
    done = in_namespace(
        {"/etc/udev/rules.d": rules_dir},
        ["udevadm", "test", "--action=add", "/sys/class/tty/tty1"],
    )
    return done.stdout + done.stderr


def test_udev_parses_the_rules_without_complaint(installed: Installed, tmp_path: Path) -> None:
    rules = installed.root / "etc" / "udev" / "rules.d"
    name = "/etc/udev/rules.d/70-shomei-kiosk.rules"
    output = _udevadm_test(rules)
    assert f"Reading rules file: {name}" in output
    assert f"{name}:" not in output  # udev names file:line for every problem
    # The control: the same check sees a mistake.
    broken = tmp_path / "rules"
    broken.mkdir()
    text = (rules / "70-shomei-kiosk.rules").read_text()
    (broken / "70-shomei-kiosk.rules").write_text(text.replace("SYMLINK+=", "SYMLNK+="))
    assert f"{name}:4 Invalid key 'SYMLNK'" in _udevadm_test(broken)


def test_pcscd_gets_stable_reader_names(installed: Installed) -> None:
    text = (installed.root / "etc" / "default" / "pcscd").read_text()
    line = next(row for row in text.splitlines() if row.startswith("PCSCD_ARGS="))
    args = line.removeprefix("PCSCD_ARGS=").strip('"').split()
    assert args == ["--reader-name-no-serial", "--reader-name-no-interface"]
    # Debian's pcscd understands them and its unit reads this file into $PCSCD_ARGS.
    usage = subprocess.run(["pcscd", "--help"], capture_output=True, text=True).stdout
    assert all(arg in usage for arg in args)
    unit = Path("/lib/systemd/system/pcscd.service").read_text()
    assert "EnvironmentFile=-/etc/default/pcscd" in unit
    assert "$PCSCD_ARGS" in unit


def test_cups_keeps_no_job_files_or_history_and_cupsd_accepts_the_file(
    installed: Installed,
) -> None:
    conf = installed.root / "etc" / "cups" / "cupsd.conf"
    lines = [row.strip() for row in conf.read_text().splitlines()]
    assert lines.count("PreserveJobFiles No") == 1
    assert lines.count("PreserveJobHistory No") == 1
    assert not any(row.startswith("PreserveJobFiles") and row.endswith("1d") for row in lines)
    check = subprocess.run(["cupsd", "-t", "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0
    assert f'"{conf}" is OK' in check.stdout + check.stderr
    assert " line " not in check.stderr  # cupsd names the line of an unknown value


def test_logrotate_rotates_the_selftest_history_as_installed(
    installed: Installed, tmp_path: Path
) -> None:
    logs = tmp_path / "log"
    logs.mkdir(mode=0o750)
    (logs / "selftest.jsonl").write_text('{"status": "ok"}\n')
    done = in_namespace(
        {"/var/log/shomei-kiosk": logs, "/etc/logrotate.d": installed.root / "etc/logrotate.d"},
        ["logrotate", "-f", "-s", str(tmp_path / "state"), "/etc/logrotate.d/shomei-kiosk"],
        tmpfs=("/var/log",),
    )
    assert done.returncode == 0, done.stderr
    assert (logs / "selftest.jsonl.1").read_text() == '{"status": "ok"}\n'
    assert (logs / "selftest.jsonl").read_text() == ""


def test_journal_is_persistent_and_bounded(installed: Installed) -> None:
    text = (installed.root / "etc/systemd/journald.conf.d/shomei-kiosk.conf").read_text()
    settings = dict(row.split("=", 1) for row in text.splitlines() if "=" in row and row[0] != "#")
    assert settings["Storage"] == "persistent"
    assert settings["SystemMaxUse"] == "500M"
    assert settings["MaxRetentionSec"] == "90day"


def test_second_run_keeps_an_edited_config_and_one_user(installed: Installed) -> None:
    path = installed.root / "etc" / "shomei-kiosk" / "kiosk.toml"
    edited = path.read_text().replace('id = "KIOSK-7"', 'id = "KIOSK-EDITED"')
    path.write_text(edited)
    again = run_install(installed.src, installed.root, "--steps", "user,config,pcscd,cups")
    assert "config: /etc/shomei-kiosk/kiosk.toml exists; left as it is" in again.stdout
    assert path.read_text() == edited
    assert sum(row.startswith("shomei:") for row in _lines(installed.root, "passwd")) == 1
    cups = (installed.root / "etc" / "cups" / "cupsd.conf").read_text().splitlines()
    assert cups.count("PreserveJobFiles No") == 1
    path.write_text(edited.replace("KIOSK-EDITED", "KIOSK-7"))


def test_destdir_works_like_root(installed: Installed, tmp_path: Path) -> None:
    root = tmp_path / "destdir"
    seed_root(root, venv=False)
    done = subprocess.run(
        [str(installed.src / "packaging" / "install.sh"), "--steps", "user,pcscd"],
        capture_output=True,
        text=True,
        env={**os.environ, "DESTDIR": str(root)},
    )
    assert done.returncode == 0, done.stderr
    assert account(root, "shomei")[0] == "shomei"
    assert (root / "etc" / "default" / "pcscd").is_file()
    assert f"(under {root})" in done.stdout


def test_bad_usb_ids_and_unknown_steps_are_refused(installed: Installed) -> None:
    bad = run_install(
        installed.src, installed.root, "--steps", "udev", "--coin-usb", "ftdi", check=False
    )
    assert bad.returncode == 1
    assert "--coin-usb must be VID:PID[:SERIAL]" in bad.stderr
    unknown = run_install(installed.src, installed.root, "--steps", "fireworks", check=False)
    assert unknown.returncode == 1
    assert "unknown step 'fireworks'" in unknown.stderr
    option = run_install(installed.src, installed.root, "--frobnicate", check=False)
    assert option.returncode == 2


def test_server_role_installs_and_enables_shomei_server(
    installed: Installed, tmp_path: Path
) -> None:
    root = tmp_path / "server"
    seed_root(root, venv=False)
    run_install(installed.src, root, "--role", "server", "--steps", "user,config,data,units,logs")
    system = root / "etc" / "systemd" / "system"
    assert (system / "multi-user.target.wants" / "shomei-server.service").is_symlink()
    assert not (system / "shomei-kiosk.service").exists()
    assert _owner(root, root / "var/lib/shomei-server") == ("shomei", "shomei")
    assert account(root, "shomei")[5] == "/var/lib/shomei-server"
    settings = load_settings(root / "etc" / "shomei-server" / "server.toml")
    assert settings.data_dir == Path("/var/lib/shomei-server")
    assert settings.tls is not None
    assert settings.tls.client_ca == Path("/etc/shomei-server/tls/kiosk-ca.crt")
    assert _mode(root / "etc" / "shomei-server" / "server.toml") == 0o640
    assert _owner(root, root / "etc" / "shomei-server" / "server.toml") == ("root", "shomei")
