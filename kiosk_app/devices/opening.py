"""Open every device and the center link that the configuration names, as session services."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import astuple
from pathlib import Path

import msgspec

from drivers.coin_acceptor.devices import LinkPool, open_coin_acceptor, open_hopper
from drivers.nfc.reader import open_card_reader
from drivers.printer.a4 import open_a4_printer
from drivers.printer.receipt import open_receipt_printer
from issuance_contract.link import CenterLink
from kiosk_app.center.opening import open_center_link
from kiosk_app.clock import KioskClock
from kiosk_app.config import Config
from kiosk_app.devices.services import DeviceServices
from kiosk_app.outbox import Outbox
from kiosk_app.payment.controller import PaymentController
from kiosk_app.payment.journal import MoneyJournal
from kiosk_app.towns import town_names

log = logging.getLogger(__name__)


def _open_center(config: Config, data_dir: Path) -> CenterLink:
    """The link to the issuance server, or to a relay center (``embedded:`` with ``relay``
    starts the store-kiosk demo's three municipalities and center in this process)."""
    if config.center.relay and config.center.url.startswith("embedded:"):
        from kiosk_app.demo_network import open_demo_network_link

        return open_demo_network_link(data_dir, config.kiosk.id, config.timeouts.server)
    return open_center_link(
        config.center.url,
        config.kiosk.id,
        config=config,
        timeout=config.timeouts.server,
        client_certificate=config.center.client_certificate,
        client_key=config.center.client_key,
        server_ca=config.center.server_ca,
    )


def open_services(
    config: Config,
    desktop: bool = False,
    wrap_center: Callable[[CenterLink], CenterLink] | None = None,
) -> DeviceServices:
    """Open the reader, coin mechanism, printers and center link; settle interrupted payments.

    All or nothing: when one of them cannot be opened, those already open are closed again
    before the error propagates (the coin acceptor inhibited, its port released).

    A settled payment's refund slip is printed, its outcome queued for the server (what was
    delivered, the fee kept), and the outbox is sent. ``wrap_center`` wraps the center link
    before anything uses it (the demo's simulator switches the server off through it).

    A desktop PC (``desktop``) has only a card reader: coins and printers are simulated there
    and never used, since desktop mode offers only the registration and the status check.
    """
    devices = config.devices
    if desktop:
        devices = msgspec.structs.replace(
            devices, coin_acceptor="sim:", hoppers={}, a4_printer="sim:", receipt_printer="sim:"
        )
    data_dir = config.kiosk.data_dir.expanduser()
    with ExitStack() as opened:  # all or nothing: a failure closes what was opened before it
        links = LinkPool()
        opened.callback(links.close)
        acceptor = opened.enter_context(open_coin_acceptor(devices.coin_acceptor, links))
        hoppers = {
            int(coin): opened.enter_context(open_hopper(url, int(coin), links))
            for coin, url in devices.hoppers.items()
        }
        journal = MoneyJournal(data_dir / "money.sqlite3")
        opened.callback(journal.close)
        clock = KioskClock.of_kiosk(config)
        payment = PaymentController(
            acceptor, hoppers, journal, kiosk_id=config.kiosk.id, clock=clock.now
        )
        outbox = Outbox(data_dir / "outbox.sqlite3")
        opened.callback(outbox.close)
        settled = payment.settle_open_payments()
        for outcome in settled:
            log.warning("settled an interrupted payment: %d yen owed", outcome.refund_owed_yen)
        outbox.add_settlements(settled)
        payment.start()
        opened.callback(payment.stop)
        center = _open_center(config, data_dir)
        opened.callback(center.close)
        if wrap_center is not None:
            center = wrap_center(center)
        services = DeviceServices(
            config=config,
            reader=opened.enter_context(open_card_reader(devices.card_reader)),
            center=center,
            payment=payment,
            a4=opened.enter_context(open_a4_printer(devices.a4_printer)),
            receipt=opened.enter_context(open_receipt_printer(devices.receipt_printer)),
            towns=town_names(config.municipality.code),
            outbox=outbox,
        )
        opened.pop_all()
    for slip in payment.reprints:
        services.slips.print_slip_or_log(slip)
    for outcome in settled:
        if outcome.refund_slip is not None:
            services.slips.print_slip_or_log(outcome.refund_slip)
    result = outbox.flush(center)
    log.info("outbox at start-up: %d sent, %d refused, %d left, %d damaged set aside",
             *astuple(result))  # fmt: skip
    return services
