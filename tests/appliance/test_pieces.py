"""QMP messages, the agent's replies, the image cache key, screen matching, QEMU's command line
and the report: the rig's pieces that need no QEMU."""

from __future__ import annotations

import array
import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from appliance.agent import Reply, parse_reply
from appliance.image_cache import image_keys
from appliance.issuance import (
    PIN_KEYS,
    WAV_HEADER,
    drop_coins,
    loudest_sample,
    resident_card,
    wav_size,
)
from appliance.machine import COIN_SERIAL, RECEIPT_SERIAL, MachineFiles, MachineSpec, qemu_command
from appliance.qmp import ABS_MAX, command, scale, tap_events
from appliance.report import Outcome, Report
from appliance.run import SELFTEST_CHECKS, STEPS, chosen_steps, selftest_verdict
from appliance.screen import compare
from drivers.coin_acceptor.emulator import AcceptorModel
from issuance_server.demo_data import generate

REPO = Path(__file__).resolve().parents[2]


def test_qmp_command_lines() -> None:
    assert json.loads(command("screendump", {"filename": "/x.png", "format": "png"})) == {
        "execute": "screendump",
        "arguments": {"filename": "/x.png", "format": "png"},
    }
    assert command("quit") == b'{"execute":"quit"}\n'


def test_tablet_coordinates_span_the_absolute_range() -> None:
    assert scale(0, 1280) == 0
    assert scale(1279, 1280) == ABS_MAX
    assert scale(640, 1280) == round(640 * ABS_MAX / 1279)
    with pytest.raises(ValueError, match="outside"):
        scale(1280, 1280)
    events = tap_events(10, 20, 1280, 800, down=True)
    assert events[-1] == {"type": "btn", "data": {"button": "left", "down": True}}
    assert [event["data"].get("axis") for event in events[:2]] == ["x", "y"]


def test_agent_replies_are_split_at_the_status_line() -> None:
    assert parse_reply(b"partial output", "n2") is None
    stale = b"up\r\n@@RC=0 n1\r\n"
    assert parse_reply(stale, "n2") is None
    reply, rest = parse_reply(stale + b"a\r\nb\r\n@@RC=3 n2\r\nnext", "n2") or (None, b"")
    assert reply == Reply("a\nb\n", 3)
    assert rest == b"next"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    for name in ("packaging/debian-packages.txt", "appliance/guest-packages.txt",
                 "packaging/install.sh", "kiosk_app/app.py", "appliance/run.py",
                 "appliance/guest/usr/local/sbin/shomei-rig-agent", "tests/test_app.py",
                 "docs/appliance-test.md"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"{name}\n")
    (tmp_path / "resources" / "voice" / "ja").mkdir(parents=True)
    (tmp_path / "resources" / "voice" / "ja" / "take_card.wav").write_bytes(b"RIFF1")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "packaging", "appliance", "kiosk_app", "tests", "docs")
    return tmp_path


def test_image_key_follows_what_reaches_the_image(checkout: Path) -> None:
    first = image_keys(checkout, ["PySide6-6.11.3-cp39-abi3-manylinux.whl"])
    assert image_keys(checkout, ["PySide6-6.11.3-cp39-abi3-manylinux.whl"]) == first
    (checkout / "notes.txt").write_text("untracked, not installed\n")
    assert image_keys(checkout, ["PySide6-6.11.3-cp39-abi3-manylinux.whl"]) == first
    assert image_keys(checkout, ["PySide6-6.11.4-cp39-abi3-manylinux.whl"]).image != first.image
    (checkout / "packaging" / "install.sh").write_text("changed\n")
    changed = image_keys(checkout, ["PySide6-6.11.3-cp39-abi3-manylinux.whl"])
    assert changed.image != first.image
    assert changed.base == first.base  # the Debian base system is reused
    for host_side in ("appliance/run.py", "tests/test_app.py", "docs/appliance-test.md"):
        (checkout / host_side).write_text("changed: the image stays\n")
        assert image_keys(checkout, ["PySide6-6.11.3-cp39-abi3-manylinux.whl"]) == changed
    (checkout / "appliance/guest/usr/local/sbin/shomei-rig-agent").write_text("changed\n")
    assert image_keys(checkout, ["PySide6-6.11.3-cp39-abi3-manylinux.whl"]) != changed
    (checkout / "resources" / "voice" / "ja" / "take_card.wav").write_bytes(b"RIFF2")
    assert image_keys(checkout, []).image != image_keys(checkout, ["x.whl"]).image
    (checkout / "packaging" / "debian-packages.txt").write_text("cage\nweston\n")
    assert image_keys(checkout, []).base != first.base


def _home_like(size: tuple[int, int] = (1280, 800)) -> Image.Image:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((48, 220, 1232, 380), fill=(0, 51, 153))
    for left in range(48, 1232, 171):
        draw.rectangle((left, 692, left + 158, 776), outline=(0, 51, 153), width=3)
    return image


def test_screen_matching() -> None:
    reference = _home_like()
    shifted_clock = _home_like()
    ImageDraw.Draw(shifted_clock).text((1020, 30), "2026-12-07 01:00", fill="black")
    assert compare(shifted_clock, reference).matches
    assert not compare(Image.new("RGB", (1280, 800), "black"), reference).matches
    assert not compare(Image.new("RGB", (1280, 800), "white"), reference).matches
    other = Image.new("RGB", (1280, 800), "white")
    ImageDraw.Draw(other).rectangle((48, 500, 1232, 680), fill=(0, 51, 153))
    assert not compare(other, reference).matches


def test_qemu_command_line_has_no_network_and_the_kiosk_devices(tmp_path: Path) -> None:
    spec = MachineSpec(tmp_path / "image", MachineFiles(tmp_path), 4000, "/dev/pts/9", 5000)
    line = " ".join(qemu_command(spec))
    assert "-nic none" in line
    assert "-accel tcg" in line
    assert "-cpu Nehalem" in line  # x86-64-v2: what Qt 6's wheels need
    assert "ccid-card-passthru,chardev=ccid" in line
    assert "port=4000,server=on" in line
    assert f"usb-serial,bus=xhci.0,chardev=coin,serial={COIN_SERIAL}" in line
    assert "serial,id=coin,path=/dev/pts/9" in line
    assert f"chardev=receipt,serial={RECEIPT_SERIAL}" in line
    assert "port=5000" in line
    assert f"wav,id=snd,path={tmp_path / 'voice.wav'}" in line


def test_build_gives_install_sh_the_adapters_the_machine_has() -> None:
    script = (REPO / "appliance" / "build-image.sh").read_text()
    assert f"--coin-usb 0403:6001:{COIN_SERIAL}" in script
    assert f"--receipt-usb 0403:6001:{RECEIPT_SERIAL}" in script


def test_report_names_every_step_and_what_was_not_reached() -> None:
    report = Report(commit="abc123", started_utc="2026-12-07 01:00 UTC", host="h")
    boot = report.step("boot")
    boot.outcome, boot.seconds, boot.detail = Outcome.PASSED, 95.25, "home | matched"
    report.step("selftest")
    text = report.markdown()
    assert "`abc123`" in text
    assert "| boot | passed | 95.2 | home \\| matched |" in text
    assert "| selftest | not reached |  |  |" in text
    assert "NOT all steps passed" in text
    assert report.step("boot") is boot


def test_loudest_sample_reads_only_what_came_after_the_mark(tmp_path: Path) -> None:
    wav = tmp_path / "voice.wav"
    header = bytes(WAV_HEADER)
    quiet = array.array("h", [3, -5] * 100).tobytes()
    loud = array.array("h", [0, -12000, 800] * 100).tobytes()
    wav.write_bytes(header + quiet)
    mark = wav_size(wav)
    assert loudest_sample(wav, mark) == 0
    with wav.open("ab") as more:
        more.write(loud)
    assert loudest_sample(wav, mark) == 12000
    assert loudest_sample(wav, 0) == 12000  # the header is never read as samples
    assert wav_size(tmp_path / "none.wav") == 0


def test_coins_are_dropped_only_while_the_kiosk_accepts_them() -> None:
    acceptor = AcceptorModel()
    acceptor.master_accept = False
    with pytest.raises(TimeoutError, match="0 of 200 yen"):
        drop_coins(acceptor, 200, 100, timeout_s=0)
    acceptor.master_accept = True
    acceptor.inhibit_mask = 0xFFFF
    drop_coins(acceptor, 200, 100, timeout_s=5, pause_s=0)
    assert acceptor.accepted_total == 200


def test_the_rig_picks_an_adult_resident_of_the_demo_city(tmp_path: Path) -> None:
    card = resident_card(tmp_path, "見本　太郎")
    person = next(p for p in generate().persons if p.id == card.person_id)
    assert person.residence is not None
    assert person.full_name != "見本　太郎"
    assert person.age_on(dt.date.today()) >= 20
    assert set(card.pin) <= set(PIN_KEYS)


def test_only_runs_the_named_steps_with_what_they_need() -> None:
    assert chosen_steps([]) == list(STEPS)
    assert chosen_steps(["shomei-selftest all"]) == [
        "image", "boot to home screen", "shomei-selftest all",
    ]  # fmt: skip
    # The voice is heard during the issuance; the home-screen power cut stands in for the
    # mid-print one when that fails.
    assert chosen_steps(["voice prompt in the WAV"]) == [
        "image", "boot to home screen", "issuance driven by taps", "voice prompt in the WAV",
    ]  # fmt: skip
    assert "hard power-off at the home screen" in chosen_steps(["hard power-off mid-print"])
    with pytest.raises(ValueError, match="no such step"):
        chosen_steps(["reboot"])


def _selftest(**statuses: str) -> dict[str, object]:
    findings = {"clock": ["system clock not synchronised: certificates and receipts carry dates"]}
    return {
        "status": "warning",
        "checks": {
            name: {"status": statuses.get(name, "ok"), "findings": findings.get(name, ["fine"])}
            for name in SELFTEST_CHECKS
        },
    }


def test_selftest_verdict_wants_every_device_ok_and_forgives_only_the_offline_clock() -> None:
    line, wrong = selftest_verdict(_selftest(clock="warning"))
    assert wrong == []
    assert "card_reader ok" in line
    assert "clock warning" in line
    assert selftest_verdict(_selftest(coins="critical"))[1] == ["coins critical: fine"]
    assert selftest_verdict(_selftest(clock="unknown"))[1] != []
    partial = _selftest()
    del partial["checks"]["voice"]  # type: ignore[attr-defined]
    assert selftest_verdict(partial)[1] == ["voice missing"]
