"""check_printers asks a real IPP printer (ippeveprinter) and sees its paper run out."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import msgspec
import pytest
from pyipp import IPP
from pyipp.enums import IppOperation

from drivers.printer.ipp import IppA4Printer
from kiosk_app.availability import Device, DeviceState, Problem
from kiosk_app.config import Config
from kiosk_app.devices.opening import open_services
from kiosk_app.devices.services import DeviceServices
from kiosk_app.session.ports import ServiceError
from kiosk_app.session.steps import NoticeKind
from tests.kiosk_app.devices.test_device_watch import Watcher
from tests.stacks.ippeveprinter import IppEveStack
from tests.support.gui import always_open
from tests.support.sample_pdf import certificate_pdf

pytestmark = pytest.mark.integration

#: How long the staged paper-out lasts on the printer (the check happens within it).
HOLD_S = 6.0


@pytest.fixture
def services(
    demo_config: Config, tmp_path: Path, ippeveprinter: IppEveStack
) -> Iterator[DeviceServices]:
    """The kiosk's services with the A4 printer at the real ippeveprinter."""
    config = always_open(demo_config, tmp_path)
    devices = msgspec.structs.replace(config.devices, a4_printer=ippeveprinter.url)
    opened = open_services(msgspec.structs.replace(config, devices=devices))
    yield opened
    opened.close()


async def _print_job(url: str, pdf: bytes) -> None:
    """A Print-Job sent straight to the printer (no driver following or cancelling it)."""
    async with aiohttp.ClientSession() as session:
        await IPP(url, session=session).execute(
            IppOperation.PRINT_JOB,
            {
                "operation-attributes-tag": {
                    "requesting-user-name": "test",
                    "job-name": "paper-out",
                    "document-format": "application/pdf",
                },
                "data": pdf,
            },
        )


def _wait_for_reason(url: str, reason: str, present: bool) -> None:
    """Poll the printer's state reasons (a device, not a GUI) until ``reason`` is (not) there."""
    printer = IppA4Printer(url)
    deadline = time.monotonic() + 20
    while (reason in printer.status().reasons) is not present:
        if time.monotonic() > deadline:
            raise AssertionError(f"{reason} {'never came' if present else 'stayed'}")
        time.sleep(0.05)


def test_check_printers_sees_paper_out_on_a_real_printer(
    services: DeviceServices, ippeveprinter: IppEveStack
) -> None:
    watcher = Watcher()
    services.watch(watcher)
    services.check_printers()  # idle, no reasons: it can print
    ippeveprinter.stage_fault("media-empty", after_pages=0, hold_seconds=HOLD_S)
    asyncio.run(_print_job(ippeveprinter.url, certificate_pdf(1)))
    _wait_for_reason(ippeveprinter.url, "media-empty-warning", present=True)

    with pytest.raises(ServiceError) as caught:
        services.check_printers()
    assert caught.value.notice.kind is NoticeKind.PAPER_OUT
    assert caught.value.notice.before_payment

    _wait_for_reason(ippeveprinter.url, "media-empty-warning", present=False)  # paper refilled
    services.check_printers()
    assert watcher.states == [
        DeviceState(Device.A4_PRINTER),
        DeviceState(Device.A4_PRINTER, Problem.PAPER_OUT),
        DeviceState(Device.A4_PRINTER),
    ]
