"""The ``shomei-server`` command: the municipality's issuance server and its staff tools.

serve [--config PATH]                 the HTTPS API (mutual TLS)
openapi                               print the API's OpenAPI document (JSON)
sample --out DIR                      one PDF of each certificate type and variant (demo data)
verify CODE                           check a page's verification code offline
registrations list|approve N|reject N --reason TEXT
                                      review usage registrations (本籍地 利用登録申請)
cards --out FILE.csv                  the card directory of the residents, for the relay
                                      center (shomei-center cards import FILE.csv)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import socket
import sys
from pathlib import Path

from issuance_contract.logging_setup import configure_logging
from issuance_contract.messages import RegistrationState
from issuance_contract.text_safety import terminal_safe
from issuance_contract.toml_schema import ConfigError
from issuance_server.database import StorageError
from issuance_server.honseki import hittosha_reading, same_honseki, same_reading
from issuance_server.issuance_log import DocumentRow
from issuance_server.service import IssuanceService, format_registration_number, open_service
from issuance_server.settings import TOKYO, ServerSettings, demo_settings, load_settings
from issuance_server.verification import load_public_key, verify_page_code

DEFAULT_CONFIG = Path("/etc/shomei-server/server.toml")
DEFAULT_DEMO_DIR = Path("~/.local/share/shomei-server-demo")
log = logging.getLogger("shomei-server")


def _settings(args: argparse.Namespace) -> ServerSettings:
    if args.config is not None:
        return load_settings(args.config)
    if args.data_dir is not None:
        return demo_settings(args.data_dir.expanduser())
    if DEFAULT_CONFIG.is_file():
        return load_settings(DEFAULT_CONFIG)
    return demo_settings(DEFAULT_DEMO_DIR.expanduser())


def _cmd_serve(args: argparse.Namespace) -> int:
    from issuance_contract.mtls_listener import serve
    from issuance_server.tls_server import server_sockets, uvicorn_config

    settings = _settings(args)
    if settings.tls is None:
        raise ConfigError("serving needs [server.tls] certificate, key and client_ca")
    service = open_service(settings)
    sockets: list[socket.socket] = []
    try:
        sockets = server_sockets(settings)
        config = uvicorn_config(service, settings, sockets)
        log.info(
            "serving %s on %s:%d (mutual TLS), health on 127.0.0.1:%s",
            settings.municipality.name,
            settings.host,
            settings.port,
            settings.health_port if settings.health_port is not None else "-",
        )
        serve(config, sockets)
    except KeyboardInterrupt:  # uvicorn re-raises SIGINT after its graceful shutdown
        log.info("stopped")
    finally:
        for sock in sockets:
            sock.close()
        service.store.close()
    return 0


def _cmd_openapi(args: argparse.Namespace) -> int:
    from issuance_server.http_api import openapi_document

    service = open_service(_settings(args))
    try:
        sys.stdout.write(json.dumps(openapi_document(service), ensure_ascii=False, indent=1))
        sys.stdout.write("\n")
    finally:
        service.store.close()
    return 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from issuance_server.samples import write_samples

    service = open_service(_settings(args))
    try:
        written = write_samples(service, args.out, dt.datetime.now(TOKYO).date())
    finally:
        service.store.close()
    for path in written:
        sys.stdout.write(f"{path}\n")
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    path = args.public_key or _settings(args).data_dir / "keys" / "verification-public.pem"
    key = load_public_key(path)
    verdict = verify_page_code(args.code, key)
    if verdict.claim is not None:
        c = verdict.claim
        sys.stdout.write(
            f"city {c.municipality_code}  {c.certificate_type}  page {c.page}/{c.pages}  "
            f"issued {c.issued_on.isoformat()}\ndocument {c.document_id}\nrequest {c.request_id}\n"
        )
    sys.stdout.write(("VALID: " if verdict.valid else "INVALID: ") + verdict.reason + "\n")
    return 0 if verdict.valid else 1


def _registrations(service: IssuanceService, args: argparse.Namespace) -> int:
    store = service.store
    now = service.now()
    if args.action == "list":
        state = RegistrationState(args.state) if args.state != "all" else None
        for row in store.registrations(state):
            person = store.person(row.person_id)
            koseki = store.koseki(row.koseki_id) if row.koseki_id else None
            matches = bool(
                koseki
                and same_honseki(koseki.honseki, row.form.honseki)
                and (
                    koseki.hittosha_name.replace("　", "") == row.form.hittosha.replace("　", "")
                    or same_reading(hittosha_reading(koseki), row.form.hittosha_kana)
                )
            )
            line = (
                f"{format_registration_number(row.number)}  {row.state.value:8}  "
                f"{row.submitted_at.astimezone(TOKYO):%Y-%m-%d %H:%M}  "
                f"koseki match: {'yes' if matches else 'NO'}  "
                f"{person.full_name if person else '?'}  本籍 {row.form.honseki}  "
                f"筆頭者 {row.form.hittosha} ({row.form.hittosha_kana})  tel {row.form.phone}"
                + (f"  reason: {row.reason}" if row.reason else "")
            )
            sys.stdout.write(terminal_safe(line) + "\n")
        return 0
    decision = (
        RegistrationState.APPROVED if args.action == "approve" else RegistrationState.REJECTED
    )
    reason = getattr(args, "reason", None)
    if store.decide_registration(args.number, decision, reason, now):
        sys.stdout.write(f"{format_registration_number(args.number)} {decision.value}\n")
        return 0
    sys.stderr.write(f"shomei-server: no pending registration {args.number}\n")
    return 1


def _cmd_registrations(args: argparse.Namespace) -> int:
    service = open_service(_settings(args))
    try:
        return _registrations(service, args)
    finally:
        service.store.close()


def _copies_note(document: DocumentRow) -> str:
    """How much of a document came out, as the log lists it: nothing when every copy did."""
    if document.copies_printed == document.copies:
        return ""
    if not document.copies_printed:
        return " not printed"
    return f" printed {document.copies_printed} of {document.copies}"


def _cmd_log(args: argparse.Namespace) -> int:
    service = open_service(_settings(args))
    try:
        since = service.now() - dt.timedelta(days=args.days)
        for row in service.store.issuances_since(since):
            documents = service.store.documents(row.request_id)
            kinds = ",".join(
                f"{d.certificate_type}x{d.copies}({d.pages}p{_copies_note(d)})" for d in documents
            )
            fee = "-" if row.fee_charged_yen is None else f"{row.fee_charged_yen}"
            sys.stdout.write(
                f"{row.created_at.astimezone(TOKYO):%Y-%m-%d %H:%M:%S}  {row.request_id}  "
                f"kiosk {row.kiosk_id}  applicant {row.person_id}  {row.status:9}  "
                f"fee {row.total_fee_yen} charged {fee}  {kinds}\n"
            )
    finally:
        service.store.close()
    return 0


def _cmd_cards(args: argparse.Namespace) -> int:
    from issuance_server.card_directory import card_rows, write_card_directory

    service = open_service(_settings(args))
    try:
        store = service.store
        cards = store.cards()
        residents = {
            card.person_id
            for card in cards
            if (person := store.person(card.person_id)) is not None and person.residence is not None
        }
        code = service.settings.municipality.code
        rows = card_rows(cards, residents, service.jpki_ca, code)
    finally:
        service.store.close()
    write_card_directory(args.out, rows)
    sys.stdout.write(f"{len(rows)} cards of {code} written to {args.out}\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shomei-server",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common = argparse.ArgumentParser(add_help=False)
    where = common.add_mutually_exclusive_group()
    where.add_argument("--config", type=Path, help=f"server TOML (default {DEFAULT_CONFIG})")
    where.add_argument("--data-dir", type=Path, help="demo city with its data in DIR")
    parser.add_argument(
        "--log-json", action="store_true", help="log JSON lines (for journald), redacted"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", parents=[common], help="run the HTTPS API")
    serve.set_defaults(func=_cmd_serve)
    openapi = sub.add_parser("openapi", parents=[common], help="print the OpenAPI document")
    openapi.set_defaults(func=_cmd_openapi)
    sample = sub.add_parser("sample", parents=[common], help="write sample PDFs")
    sample.add_argument("--out", type=Path, required=True)
    sample.set_defaults(func=_cmd_sample)
    verify = sub.add_parser("verify", parents=[common], help="check a verification code")
    verify.add_argument("code")
    verify.add_argument("--public-key", type=Path, help="the city's public key (PEM)")
    verify.set_defaults(func=_cmd_verify)
    regs = sub.add_parser("registrations", parents=[common], help="review usage registrations")
    actions = regs.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", parents=[common])
    listing.add_argument(
        "--state", choices=["pending", "approved", "rejected", "all"], default="pending"
    )
    approve = actions.add_parser("approve", parents=[common])
    approve.add_argument("number", type=int)
    reject = actions.add_parser("reject", parents=[common])
    reject.add_argument("number", type=int)
    reject.add_argument("--reason", required=True)
    regs.set_defaults(func=_cmd_registrations)
    cards = sub.add_parser(
        "cards", parents=[common], help="write the residents' card directory for the center"
    )
    cards.add_argument("--out", type=Path, required=True, help="CSV: issuer,serial,municipality")
    cards.set_defaults(func=_cmd_cards)
    log_cmd = sub.add_parser("log", parents=[common], help="list the issuance log")
    log_cmd.add_argument("--days", type=int, default=1, help="how many days back (default 1)")
    log_cmd.set_defaults(func=_cmd_log)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``shomei-server``."""
    args = _parser().parse_args(argv)
    configure_logging("INFO", json_lines=args.log_json)
    try:
        return int(args.func(args))
    except ConfigError as exc:
        sys.stderr.write(f"shomei-server: {exc}\n")
        return 2
    except (StorageError, OSError, ValueError, LookupError) as exc:
        sys.stderr.write(f"shomei-server: {exc}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
